"""Every row has its place in the chain, once. On SQLite this rebuilds the table, which drops
its triggers: the no-update trigger of 0002 is created again."""

from django.db import migrations, models

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are immutable'); END;
"""


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_audit_chain_backfill")]
    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(
                editable=False, unique=True, verbose_name="链序号"
            ),
        ),
        migrations.RunPython(restore_trigger, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "base_manager_name": "objects",
                "ordering": ["-at", "-id"],
                "verbose_name": "审计记录",
                "verbose_name_plural": "审计记录",
            },
        ),
    ]
