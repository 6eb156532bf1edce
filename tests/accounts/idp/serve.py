"""Run the test user centre: ``python -m tests.accounts.idp.serve PORT`` with IDP_DATA_DIR and
IDP_URL set migrates its database, makes its signing key and serves it with waitress until
killed; ``python -m tests.accounts.idp.serve --setup FILE`` registers the users, clients and
CAS services a JSON file lists (tests/accounts/idp/__init__.py writes it)."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.accounts.idp.settings")


def setup(path):
    from cas_server.models import ReplaceAttributName, ServicePattern
    from django.contrib.auth import get_user_model
    from oidc_provider.models import Client, ResponseType

    with open(path, encoding="utf-8") as handle:
        config = json.load(handle)
    users = get_user_model()
    for person in config.get("users", []):
        user, _ = users.objects.get_or_create(username=person["username"])
        user.first_name = person.get("name", "")
        user.last_name = f"{person.get('id_number', '')}|{person.get('phone', '')}"
        user.set_password(person["password"])
        user.save()
    code = ResponseType.objects.get(value="code")
    for entry in config.get("clients", []):
        client, _ = Client.objects.get_or_create(
            client_id=entry["client_id"],
            defaults={"name": entry["client_id"], "client_type": "confidential"},
        )
        client.client_secret = entry["secret"]
        client.redirect_uris = entry["redirect_uris"]
        client.post_logout_redirect_uris = entry.get("post_logout_redirect_uris", [])
        client.require_consent = False
        client.reuse_consent = True
        client.jwt_alg = "RS256"
        client.scope = entry.get("scope", [])
        client.save()
        client.response_types.set([code])
    for position, entry in enumerate(config.get("cas_services", [])):
        service, _ = ServicePattern.objects.get_or_create(
            pattern=entry["pattern"],
            defaults={"name": f"service-{position}", "pos": 100 + position},
        )
        service.single_log_out = False
        service.save()
        for name in entry.get("attributes", []):
            ReplaceAttributName.objects.get_or_create(service_pattern=service, name=name)


def main():
    import django

    django.setup()
    from django.core.management import call_command

    if sys.argv[1] == "--setup":
        setup(sys.argv[2])
        return
    call_command("migrate", verbosity=0, interactive=False)
    from oidc_provider.models import RSAKey

    if not RSAKey.objects.exists():
        call_command("creatersakey")
    import waitress
    from django.core.wsgi import get_wsgi_application

    waitress.serve(get_wsgi_application(), host="127.0.0.1", port=int(sys.argv[1]), threads=4)


if __name__ == "__main__":
    main()
