"""Data: the 规章 columns laid out for units that make no 规章 (every unit but a province's or a
city's government, 《立法法》第九十三条), while still empty, are switched off — an empty column
stands as a 空白栏目 in the website self-check. A 规章 column holding items is left as it is,
for the office to look at; switching it on again is one edit."""

from django.db import migrations

RULE_MAKERS = ("province", "city")


def switch_off(apps, schema_editor):  # type: ignore[no-untyped-def]
    Column = apps.get_model("catalog", "Column")
    Item = apps.get_model("catalog", "Item")
    empty = (
        Column.objects.filter(kind="regulation", code="regulations")
        .exclude(unit__kind__in=RULE_MAKERS)
        .exclude(pk__in=Item.objects.values("column_id"))
    )
    empty.update(is_active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_item_interpretation_form_constraint"),
        ("units", "0008_unit_portal_host"),
    ]

    operations = [migrations.RunPython(switch_off, migrations.RunPython.noop)]
