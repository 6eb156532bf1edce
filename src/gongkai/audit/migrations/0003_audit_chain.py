"""The audit chain's columns and its head (gongkai.audit.chain); the rows are chained by 0004."""

from django.db import migrations, models

import gongkai.audit.chain


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_audit_events_immutable")]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("seq", models.PositiveBigIntegerField(default=0, verbose_name="最后一条的序号")),
                (
                    "hash",
                    models.CharField(
                        default=gongkai.audit.chain.GENESIS,
                        max_length=64,
                        verbose_name="最后一条的哈希",
                    ),
                ),
                (
                    "backfilled",
                    models.PositiveBigIntegerField(default=0, verbose_name="补链记录数"),
                ),
            ],
            options={"verbose_name": "审计链头", "verbose_name_plural": "审计链头"},
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, editable=False, verbose_name="时间"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="前一条的哈希"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="哈希"),
            preserve_default=False,
        ),
    ]
