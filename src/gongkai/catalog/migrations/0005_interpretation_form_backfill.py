"""Data: the interpretations stored before their form was recorded were written ones (文字)."""

from django.db import migrations


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    Item = apps.get_model("catalog", "Item")
    Item.objects.filter(interprets__isnull=False, interpretation_form="").update(
        interpretation_form="text"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_item_interpretation_form"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
