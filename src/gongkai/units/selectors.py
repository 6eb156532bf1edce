"""Reading the unit registry: where a unit's replies may be contested on a given day."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from gongkai import remedies
from gongkai.units.models import RemedyVenue, Unit


def venues_of(unit: Unit) -> QuerySet[RemedyVenue]:
    """A unit's venue records, newest first (the order the unit's page lists them)."""
    return RemedyVenue.objects.filter(unit=unit).order_by("-valid_from")


def venue_record_on(unit: Unit, day: dt.date) -> RemedyVenue | None:
    """The record in force on ``day``: the latest whose first day is on or before it."""
    return venues_of(unit).filter(valid_from__lte=day).first()


def venue_on(unit: Unit, day: dt.date) -> remedies.Venue | None:
    """Where a reply of ``unit`` decided on ``day`` may be contested, or None when no record
    is in force that day. Whether the record can be used for that reply (the text of the
    《行政复议法》 in force, a complete record) is ``remedies.check_for_decision``'s to say."""
    record = venue_record_on(unit, day)
    return record.as_venue() if record is not None else None
