"""An interpretation has its form; any other item has none."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_interpretation_form_backfill"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="item",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("interprets__isnull", False),
                        ("interpretation_form__in", ["text", "graphic", "media", "qa"]),
                    ),
                    models.Q(("interprets__isnull", True), ("interpretation_form", "")),
                    _connector="OR",
                ),
                name="item_interpretation_form",
            ),
        ),
    ]
