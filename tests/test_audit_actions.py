"""The audit log's actions are a closed list (gongkai.audit.actions.AuditAction): each has a
value that rows store and the hash chain covers, and a Chinese label. Rows written before the
list existed keep their values, and their chain still verifies."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.audit import chain, services
from gongkai.audit.actions import AREAS, AuditAction, area, grouped_choices
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record

ROOT = Path(__file__).resolve().parents[1]
BEFORE_ENUM = ROOT / "tests" / "data" / "audit_chain_before_action_enum.json"


# --- the list -----------------------------------------------------------------------------------
def test_each_member_is_named_after_its_value_and_each_label_is_its_own():
    for action in AuditAction:
        assert action.name == action.value.upper().replace(".", "_")
    labels = [action.label for action in AuditAction]
    assert len(labels) == len(set(labels)), "two actions would read the same on the audit page"


def test_every_value_fits_the_column():
    width = AuditEvent._meta.get_field("action").max_length
    assert max(len(action.value) for action in AuditAction) <= width


def test_every_action_is_shown_in_one_area_and_every_area_has_actions():
    prefixes = [p for _, group in AREAS for p in group]
    assert len(prefixes) == len(set(prefixes))
    for action in AuditAction:
        assert area(action) in dict(AREAS)
    grouped = grouped_choices()
    assert [label for label, _ in grouped] == [label for label, _ in AREAS]
    assert all(choices for _, choices in grouped)
    shown = [value for _, choices in grouped for value, _ in choices]
    assert sorted(shown) == sorted(AuditAction.values)


# --- the field's choices: Python only -----------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # SQLite's schema editor runs outside a transaction
def test_the_choices_migration_runs_no_sql():
    """No ALTER TABLE: PostgreSQL does not rewrite the table, SQLite does not rebuild it (which
    would drop the no-update trigger)."""
    out = io.StringIO()
    call_command("sqlmigrate", "audit", "0006", stdout=out)
    statements = [
        line for line in out.getvalue().splitlines() if line and not line.startswith("--")
    ]
    assert statements in ([], ["BEGIN;", "COMMIT;"]), out.getvalue()


@pytest.mark.django_db
def test_the_migrations_know_every_action():
    """An action added to the list needs ``gongkai makemigrations audit`` (choices only, no SQL)."""
    call_command("makemigrations", "audit", "--check", "--dry-run", stdout=io.StringIO())


# --- rows written before the list ---------------------------------------------------------------
def _before_enum() -> tuple[chain.Head, list[chain.Row]]:
    data = json.loads(BEFORE_ENUM.read_text(encoding="utf-8"))
    assert data["fields"] == list(chain.FIELDS)
    rows = []
    for values in data["rows"]:
        row = dict(zip(chain.FIELDS, values, strict=True))
        row["at"] = dt.datetime.fromisoformat(row["at"])
        rows.append(chain.Row(**row))
    return chain.Head(**data["head"]), rows


def test_the_chain_written_before_the_list_holds_every_action_and_checks_out():
    head, rows = _before_enum()
    assert {row.action for row in rows} == set(AuditAction.values)
    now = rows[-1].at + dt.timedelta(days=1)
    assert list(chain.check(rows, head, now=now)) == []


def test_a_member_hashes_as_the_string_stored_before():
    """The digest of a row, computed by the code before the list (commit 411fdf7), is the same
    whether the row's action is the stored string or the member."""
    row = chain.Row(
        id=1, seq=1, at=dt.datetime(2020, 5, 1, 1, 2, 3, 456789, tzinfo=dt.UTC), actor_id=7,
        actor_label="经办人甲（发改委·经办人）", action="application.received",
        object_type="application", object_id="42", object_label="YQ2020-0001", unit_id=3,
        summary="YQ2020-0001：收到申请", legal_basis="《中华人民共和国政府信息公开条例》第三十一条",
        changes={"status": ["", "processing"]}, prev_hash=chain.GENESIS, hash="",
    )  # fmt: skip
    before = "04825a2f55c9656add0a66d52fbcecf00da1bcc0d512a5ab04a083c59f50df73"
    assert chain.digest(row) == before
    member = chain.Row(**{**row.__dict__, "action": AuditAction.APPLICATION_RECEIVED})
    assert chain.digest(member) == before


@pytest.mark.django_db(transaction=True)
def test_a_database_made_before_the_list_verifies_after_its_migration(capsys):
    head, rows = _before_enum()
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    before = [("audit", "0005_audit_chain_seq")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    columns = [f for f in chain.FIELDS if f != "id"]
    with connection.cursor() as cursor:
        for row in rows:
            values = [getattr(row, f) for f in columns]
            values[columns.index("changes")] = json.dumps(row.changes, ensure_ascii=False)
            cursor.execute(
                f"INSERT INTO audit_auditevent ({', '.join(columns)}) "  # noqa: S608 - our names
                f"VALUES ({', '.join(['%s'] * len(columns))})",
                values,
            )
    old.get_model("audit", "AuditChainHead").objects.update_or_create(
        pk=1, defaults={"seq": head.seq, "hash": head.hash, "backfilled": head.backfilled}
    )
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "审计日志完整" in out
    assert f"{head.seq}:{head.hash}" in out
    stored = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert stored == [row.action for row in rows]
    assert AuditEvent.objects.get(seq=1).get_action_display() == "登录成功"

    # a row written now, by member, joins the old chain and stores the same string
    event = record(
        actor=None, action=AuditAction.APPLICATION_RECEIVED, summary="改动后写入", basis="依据"
    )
    assert event.prev_hash == head.hash
    again = AuditEvent.objects.get(pk=event.pk)
    assert type(again.action) is str
    assert again.action == "application.received"
    assert chain.digest(again.as_chain_row()) == event.hash
    assert services.verify().intact
