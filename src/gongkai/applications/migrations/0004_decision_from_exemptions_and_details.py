"""Data: the decision of each case, from the grounds and the details stored before (the
grounds then had no reasons of their own)."""

from django.db import migrations


def forward(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    for application in Application.objects.exclude(outcome="").iterator():
        application.decision = {
            "outcome": application.outcome,
            "grounds": [{"ground": g, "reason": ""} for g in (application.exemptions or [])],
            "details": application.decision_details or "",
            "agency": "",
            "agency_contact": "",
            "agency_unknown": False,
            "public_interest": "",
        }
        application.save(update_fields=["decision"])


def backward(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    for application in Application.objects.exclude(outcome="").iterator():
        data = application.decision or {}
        application.exemptions = [g["ground"] for g in data.get("grounds", [])]
        application.decision_details = data.get("details", "")
        application.save(update_fields=["exemptions", "decision_details"])


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_application_decision_and_deadlines"),
    ]

    operations = [migrations.RunPython(forward, backward)]
