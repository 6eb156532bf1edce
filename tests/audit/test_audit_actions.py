"""The audit log's actions are a closed list (gongkai.audit.actions.AuditAction): each has a
value that rows store and the hash chain covers, and a Chinese label. Rows written before the
list existed keep their values, and their chain still verifies."""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.appeals.models import AppealKind
from gongkai.appeals.services import DECIDED, RECORDED
from gongkai.applications.models import EventKind, audit_action_of
from gongkai.audit import chain, services
from gongkai.audit.actions import AREAS, RETIRED, AuditAction, area, grouped_choices
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import record
from tests import sources
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "gongkai"
DOC = ROOT / "docs" / "audit.md"
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


# --- the document -------------------------------------------------------------------------------
def _documented() -> list[tuple[str, str, str, str]]:
    """(group heading, value, label, written by) of each row of the tables in docs/audit.md."""
    rows, heading = [], ""
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            heading = line.removeprefix("### ").strip()
        elif found := re.fullmatch(r"\|\s*`([^`]+)`\s*\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|", line):
            rows.append((heading, found[1], found[2], found[3]))
    return rows


def test_every_action_is_documented_and_every_documented_one_is_in_the_list():
    rows = _documented()
    values = [value for _, value, _, _ in rows]
    assert len(values) == len(set(values)), "an action documented twice"
    assert sorted(set(values) - set(AuditAction.values)) == [], "documented, not in the list"
    assert sorted(set(AuditAction.values) - set(values)) == [], "in the list, not documented"
    for heading, value, label, _ in rows:
        action = AuditAction(value)
        assert (heading, label) == (area(action), action.label), value


def test_the_document_names_the_module_that_writes_each_action():
    """Each file named writes the member (or, for a step of an application, appends the step),
    and each function named is defined in the file named before it."""
    for _, value, _, written_by in _documented():
        action = AuditAction(value)
        names = re.findall(r"`([^`]+)`", written_by)
        files = [name for name in names if name.endswith(".py")]
        assert files or written_by.startswith("—"), value
        path: Path | None = None
        for name in names:
            if name.endswith(".py"):
                path = SRC / name
                text = path.read_text(encoding="utf-8")
                step = "EventKind." + action.name.removeprefix("APPLICATION_")
                assert f"AuditAction.{action.name}" in text or step in text, (value, name)
            elif re.fullmatch(r"[a-z_][a-z0-9_]*", name):
                assert path is not None, (value, name)
                assert re.search(rf"^\s*def {name}\(", text, re.MULTILINE), (value, name)


# --- who writes them ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_record_takes_a_member_and_refuses_a_string_even_a_known_value():
    event = record(actor=None, action=AuditAction.CALENDAR_LOAD, summary="载入", basis="依据")
    assert AuditEvent.objects.get(pk=event.pk).action == "calendar.load"
    with pytest.raises(TypeError, match=r"AuditAction\.CALENDAR_LOAD"):
        record(actor=None, action="calendar.load", summary="载入", basis="依据")  # type: ignore[arg-type]
    for unknown in ("test.thing", "", None, 3):
        with pytest.raises(ValueError, match="未知的审计操作"):
            record(actor=None, action=unknown, summary="x", basis="依据")  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == 1


def test_each_step_of_an_application_is_audited_under_its_own_action():
    """The audit row of a step keeps the value it always had: ``application.<step>``."""
    assert [audit_action_of(kind).value for kind in EventKind] == [
        f"application.{kind.value}" for kind in EventKind
    ]


def test_each_kind_of_appeal_is_audited_under_its_own_actions():
    for kind in AppealKind:
        assert RECORDED[kind].value == f"appeal.{kind.value}.create"
        assert DECIDED[kind].value == f"appeal.{kind.value}.decide"


def _callee(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _spelled_out(node: ast.expr) -> bool:
    """Whether the expression writes an action as text: a string, an f-string, or one built from
    them (``"item." + x``, ``AuditAction("item.create")``)."""
    return any(
        isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant) and isinstance(n.value, str))
        for n in ast.walk(node)
    )


def actions_written_as_text(source: str) -> list[int]:
    """The lines of the calls to ``record(...)`` whose action is written as text."""
    return sorted(
        node.lineno
        for node in ast.walk(sources.parse(source))
        if isinstance(node, ast.Call) and _callee(node) == "record"
        for keyword in node.keywords
        if keyword.arg == "action" and _spelled_out(keyword.value)
    )


def test_the_scan_finds_an_action_written_as_text():
    source = (
        "record(actor=None, action='item.create', summary='', basis='')\n"  # 1
        "services.record(action=f'item.{what}', summary='')\n"  # 2
        "record(action=AuditAction('item.create'))\n"  # 3
        "record(action='item.' + what)\n"  # 4
        "record(action=AuditAction.ITEM_CREATE, summary='起草')\n"
        "record(action=audit_action_of(kind))\n"
        "record(action=RECORDED[kind])\n"
        "parser.add_argument('--x', action='store_true')\n"
    )
    assert actions_written_as_text(source) == [1, 2, 3, 4]


def test_no_record_call_writes_its_action_as_text():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(SRC.rglob("*.py"))
        for line in actions_written_as_text(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "record(action=…) takes an AuditAction member:\n" + "\n".join(found)


def test_every_action_is_written_somewhere_but_the_retired_ones():
    """The list holds what the code writes, and the actions retired: each member is named outside
    its module, unless it is retired (then it is named nowhere)."""
    named: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path != SRC / "audit" / "actions.py":
            named |= set(re.findall(r"\bAuditAction\.([A-Z0-9_]+)\b", path.read_text("utf-8")))
    retired = {action.name for action in RETIRED}
    assert sorted(set(AuditAction.names) - retired - named) == []
    assert sorted(retired & named) == []


@pytest.mark.django_db
def test_a_retired_action_is_refused(monkeypatch):
    monkeypatch.setattr(services, "RETIRED", frozenset({AuditAction.ITEM_IMPORT}))
    with pytest.raises(ValueError, match="ITEM_IMPORT 已停用"):
        record(actor=None, action=AuditAction.ITEM_IMPORT, summary="x", basis="依据")


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
# Actions added to the list after it was made: no row written before it can carry them.
AFTER_THE_LIST = frozenset(
    {
        "inspection.create",
        "finding.add",
        "rectification.issue",
        "rectification.respond",
        "rectification.close",
        "rectification.return",
        "training.session_create",
        "training.session_update",
        "training.attendance",
        "training.material",
        "item.back_entry",
        "assessment.rubric_load",
        "assessment.create",
        "assessment.score",
        "assessment.import",
        "assessment.lock",
        "assessment.reopen",
        "question.submit",
        "question.route",
        "question.draft",
        "question.return",
        "question.approve",
        "question.convert",
        "consultation.open",
        "consultation.attachment",
        "consultation.end",
        "consultation.comment",
        "consultation.moderate",
        "consultation.adoption",
        "consultation.feedback",
        "survey.create",
        "survey.answer",
        "reuse.publication_draft",
        "reuse.register_switch",
        "reuse.release_public",
        "website_return.create",
        "website_return.update",
        "website_return.publish",
        "website_return.reopen",
        "concern_response.record",
        "concern_response.update",
        "account.sso_login",
        "account.sso_refused",
        "account.sso_logout",
        "account.sso_applicant",
        "regional_day.add",
        "regional_day.withdraw",
        "report.accept",
        "task.queue",
    }
)


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
    assert {row.action for row in rows} == set(AuditAction.values) - AFTER_THE_LIST
    assert set(AuditAction.values) >= AFTER_THE_LIST
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
    latest = executor.loader.graph.leaf_nodes()  # every app: going back unapplied dependents
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
    # the choices migration left the table as it was: the database still refuses an update
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [event.pk])


# --- the audit page -----------------------------------------------------------------------------
def _rows(page: str) -> list[str]:
    return re.findall(r'<span class="mono muted">([^<]+)</span>', page)


@pytest.mark.django_db
def test_the_page_filters_by_an_action_chosen_from_the_list_by_its_label(office, clerk_a, unit_a):
    record(actor=None, action=AuditAction.UNIT_UPDATE, unit=unit_a, summary="甲", basis="依据")
    record(actor=None, action=AuditAction.ITEM_CREATE, unit=unit_a, summary="乙", basis="依据")
    for who in (office, clerk_a):  # the list is the same for everyone: it tells nothing
        page = login(who).get("/staff/audit/").content.decode()
        assert len(re.findall(r'<option value="[^"]', page)) == len(AuditAction)
        assert (
            '<optgroup label="主动公开"><option value="column.tree">按标准结构建立栏目</option>'
            in (page)
        )
        assert _rows(page) == ["item.create", "unit.update"]
        assert "修改公开单位信息" in page
    page = login(office).get("/staff/audit/?action=item.create").content.decode()
    assert _rows(page) == ["item.create"]
    assert '<option value="item.create" selected>起草信息</option>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["item.", "item", "ITEM.CREATE", "item.create%00", "x" * 500])
def test_an_action_not_in_the_list_shows_every_action(office, unit_a, value):
    record(actor=None, action=AuditAction.UNIT_UPDATE, unit=unit_a, summary="甲", basis="依据")
    record(actor=None, action=AuditAction.ITEM_CREATE, unit=unit_a, summary="乙", basis="依据")
    response = login(office).get(f"/staff/audit/?action={value}")
    assert response.status_code == 200
    page = response.content.decode()
    assert _rows(page) == ["item.create", "unit.update"]
    assert " selected>" not in page


@pytest.mark.django_db
def test_a_row_whose_action_is_not_in_the_list_is_shown_by_its_value(office):
    """Not one written by Gongkai (every value it wrote is in the list); one slipped in by hand
    is still shown, with its stored string for a label."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_label, action, object_type, object_id, "
            "object_label, summary, legal_basis, changes, seq, prev_hash, hash) VALUES "
            "(%s, '手工', 'hand.made', '', '', '', '手工写入', '', '{}', 1, %s, %s)",
            [dt.datetime(2026, 1, 1, tzinfo=dt.UTC), chain.GENESIS, "0" * 64],
        )
    page = login(office).get("/staff/audit/").content.decode()
    assert "hand.made<br>" in page
