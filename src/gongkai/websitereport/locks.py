"""The return's side of the closed-year lock (:mod:`gongkai.core.locks`, book ``"website_return"``):
a published return locks its year for the response log that it counts."""

from __future__ import annotations

from gongkai.websitereport.models import ReturnStatus, WebsiteReturn

BOOK = "website_return"


def locking_return(unit_id: int | None, year: int) -> str | None:
    """The title of the published return of ``year`` (one for the whole site: the unit does not
    matter), or None when the year is open."""
    found = WebsiteReturn.objects.filter(year=year, status=ReturnStatus.PUBLISHED).first()
    return None if found is None else found.title
