"""Turn each unit's free-text 行政复议机关 and 管辖法院 into a venue record valid from
2024-01-01 (the 2023 text of the 《行政复议法》), with the provision implied by the unit's kind.
The office checks each one (the note says so) and records a new one where it is wrong."""

import datetime as dt

from django.db import migrations

FROM = dt.date(2024, 1, 1)
NOTE = "由单位信息中的行政复议机关和管辖法院迁移，请核对"
# The 2023-text rule (gongkai.remedies.VenueRule values, written out so that this migration
# does not change when the code does) implied by a unit's kind.
RULE_OF_KIND = {
    "district": "lower_government",
    "department": "department",
    "township": "lower_government",
    "street": "dispatched_organ",
    "other": "department",
}


def forwards(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    RemedyVenue = apps.get_model("units", "RemedyVenue")
    for unit in Unit.objects.order_by("pk"):
        body, court = unit.reconsideration_body.strip(), unit.court.strip()
        if not body or not court:
            continue
        if RemedyVenue.objects.filter(unit=unit, valid_from=FROM).exists():
            continue
        RemedyVenue.objects.create(
            unit=unit,
            valid_from=FROM,
            rule=RULE_OF_KIND.get(unit.kind, "department"),
            body=body,
            court=court,
            note=NOTE,
            created_by_label="系统（数据迁移）",
        )


def backwards(apps, schema_editor):
    """Put the body and court of the migrated records back on the units, and drop them."""
    Unit = apps.get_model("units", "Unit")
    RemedyVenue = apps.get_model("units", "RemedyVenue")
    for venue in RemedyVenue.objects.filter(valid_from=FROM, note=NOTE):
        Unit.objects.filter(pk=venue.unit_id).update(
            reconsideration_body=venue.body, court=venue.court
        )
    RemedyVenue.objects.filter(valid_from=FROM, note=NOTE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0003_remedy_venue_registry"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
