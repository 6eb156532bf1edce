"""Chain the rows written before the chain existed, in the order they were written (by id), and
set the chain head. Their times came from the application's clock and stay as they were; the
head remembers how many there were, so ``gongkai audit verify`` checks the order in time only
of the rows after them."""

from django.db import migrations

from gongkai.audit import chain


def backfill(apps, schema_editor):
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    vendor = schema_editor.connection.vendor
    # The rows are append-only in the database too (0002): let this one pass write the chain.
    if vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_no_update;")  # back in 0005
    elif vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE;")  # no checks pending: may ALTER
        schema_editor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update;")
    seq, previous = 0, chain.GENESIS
    names = [f for f in chain.FIELDS if f not in ("seq", "prev_hash", "hash")]
    for values in event_model.objects.order_by("id").values_list(*names).iterator(2000):
        seq += 1
        fields = dict(zip(names, values, strict=True))
        row = chain.Row(**fields, seq=seq, prev_hash=previous, hash="")
        digest = chain.digest(row)
        event_model.objects.filter(pk=row.id).update(seq=seq, prev_hash=previous, hash=digest)
        previous = digest
    head_model.objects.update_or_create(
        pk=1, defaults={"seq": seq, "hash": previous, "backfilled": seq}
    )
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_update;")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_chain")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
