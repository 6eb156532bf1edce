"""The free-text 行政复议机关 and 管辖法院 of a unit give way to its venue records."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0004_venues_from_unit_remedy_fields"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="unit",
            name="court",
        ),
        migrations.RemoveField(
            model_name="unit",
            name="reconsideration_body",
        ),
    ]
