from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0004_decision_from_exemptions_and_details"),
    ]

    operations = [
        migrations.RemoveField(model_name="application", name="decision_details"),
        migrations.RemoveField(model_name="application", name="exemptions"),
    ]
