"""What the test user centre says of a person: the subject is the user name; the name, the
ID number and the phone come from the user's first and last name fields ("ID|phone")."""

from django.utils.translation import gettext_lazy as _
from oidc_provider.lib.claims import ScopeClaims


def sub(user):
    return user.username


def _extra(user):
    number, _sep, phone = (user.last_name or "").partition("|")
    return number, phone


def userinfo(claims, user):
    _number, phone = _extra(user)
    claims["name"] = user.first_name
    claims["preferred_username"] = user.username
    claims["phone_number"] = phone
    return claims


class IdentityScope(ScopeClaims):
    info_identity = (_("Identity"), _("Resident ID number."))

    def scope_identity(self):
        return {"id_number": _extra(self.user)[0]}
