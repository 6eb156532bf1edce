"""Run as ``python -m tests.search.publisher PREFIX COUNT`` (with the environment of a host):
publishes COUNT items titled PREFIX0, PREFIX1, … in the shared database through the catalog's
services, as staff of the test district (created on first use). The two-host test's writer."""

from __future__ import annotations

import sys

import django


def main(prefix: str, count: int) -> None:
    django.setup()
    from django.contrib.auth import get_user_model

    from gongkai.units.models import Staff, Unit
    from tests.conftest import make_district, make_persona, make_unit_a
    from tests.factories import columns_of, publish

    unit = Unit.objects.filter(code="fgw").first()
    if unit is None:
        unit = make_unit_a(make_district())
        make_persona("clerk_a", unit)
        make_persona("reviewer_a", unit)
    users = get_user_model().objects
    clerk, reviewer = users.get(username="clerk.a"), users.get(username="reviewer.a")
    assert Staff.objects.filter(user__in=[clerk, reviewer]).count() == 2
    news = columns_of(unit)["news"]
    for n in range(count):
        publish(clerk, reviewer, unit, news, title=f"{prefix}{n}", body=f"<p>{prefix}正文{n}</p>")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
