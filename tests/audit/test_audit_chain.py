"""The audit log is tamper-evident: every row is chained to the one before it by its hash, the
row's time comes from the database's clock, and ``gongkai audit verify`` finds a row deleted,
changed, inserted or back-dated — however it was done (the ORM's back doors or raw SQL)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, models
from django.db.migrations.executor import MigrationExecutor
from hypothesis import given
from hypothesis import strategies as st

from gongkai.audit import chain, services
from gongkai.audit.actions import AuditAction
from gongkai.audit.models import AuditChainHead, AuditEvent, ImmutableError
from gongkai.audit.services import record

ROOT = Path(__file__).resolve().parents[2]
STEP = AuditAction.UNIT_UPDATE  # any action will do: the chain is the same for all


def add(n: int = 5, **extra) -> list[AuditEvent]:
    return [
        record(actor=None, action=STEP, summary=f"第{i}步", basis="测试依据", **extra)
        for i in range(1, n + 1)
    ]


def problems() -> list[chain.Problem]:
    return services.verify().problems


def kinds() -> set[tuple[str, int | None]]:
    return {(p.kind, p.row_id) for p in problems()}


def sql(statement: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def without_update_trigger() -> None:
    """What someone with the database's owner rights can do (undone when the test's transaction
    is rolled back: DDL is transactional in SQLite and PostgreSQL)."""
    if connection.vendor == "sqlite":
        sql("DROP TRIGGER audit_event_no_update")
    else:
        sql("SET CONSTRAINTS ALL IMMEDIATE")  # no foreign-key checks pending: ALTER TABLE may run
        sql("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_update")


def forged(after: AuditEvent | None, *, seq: int, at: dt.datetime, summary: str) -> chain.Row:
    """A row made to look right: linked to ``after`` and hashed as Gongkai hashes."""
    row = chain.Row(
        id=0, seq=seq, at=at, actor_id=None, actor_label="系统", action=STEP.value,
        object_type="", object_id="", object_label="", unit_id=None, summary=summary,
        legal_basis="测试依据", changes={}, prev_hash=after.hash if after else chain.GENESIS,
        hash="",
    )  # fmt: skip
    return chain.Row(**{**row.__dict__, "hash": chain.digest(row)})


def insert(row: chain.Row) -> int:
    columns = [f for f in chain.FIELDS if f != "id"]
    values = [getattr(row, f) for f in columns]
    values[columns.index("changes")] = "{}"
    sql(
        f"INSERT INTO audit_auditevent ({', '.join(columns)}) "  # noqa: S608 - our own names
        f"VALUES ({', '.join(['%s'] * len(columns))})",
        values,
    )
    return AuditEvent.objects.get(seq=row.seq).pk


# --- an intact chain ------------------------------------------------------------------------
@pytest.mark.django_db
def test_each_row_links_to_the_one_before_and_an_intact_chain_passes(capsys):
    events = add(4)
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == chain.GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
    stored = [e.as_chain_row() for e in AuditEvent.objects.order_by("seq")]
    assert [chain.digest(row) for row in stored] == [e.hash for e in events]
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (4, events[-1].hash)
    result = services.verify()
    assert result.intact
    assert result.rows == 4
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "审计日志完整" in out
    assert f"4:{events[-1].hash}" in out  # the anchor to keep elsewhere


@pytest.mark.django_db
def test_the_time_is_the_databases_not_the_applications():
    """Python's clock turned back to 2019 does not date the row: the database stamps it."""
    with mock.patch(
        "django.utils.timezone.now", return_value=dt.datetime(2019, 1, 2, tzinfo=dt.UTC)
    ):
        event = add(1)[0]
    assert event.at.year >= 2025
    assert AuditEvent.objects.get(pk=event.pk).at == event.at


@pytest.mark.django_db
def test_a_row_cannot_be_written_with_a_time_of_its_own_nor_in_bulk():
    with pytest.raises(ImmutableError, match="时间由数据库记录"):
        AuditEvent.objects.create(
            at=dt.datetime(2019, 3, 1, tzinfo=dt.UTC), actor_label="x", action="a", summary="s",
            legal_basis="b",
        )  # fmt: skip
    with pytest.raises(ImmutableError):
        AuditEvent.objects.bulk_create([AuditEvent(actor_label="x", action="a", summary="s")])
    assert not AuditEvent.objects.exists()


# --- deletions ----------------------------------------------------------------------------------
@pytest.mark.django_db
def test_djangos_base_manager_refuses_to_delete_and_a_plain_queryset_is_caught():
    events = add(3)
    with pytest.raises(ImmutableError):
        AuditEvent._base_manager.filter(pk=events[1].pk).delete()
    assert problems() == []
    # the last ORM door: a queryset that is not the model's own
    models.QuerySet(AuditEvent).filter(pk=events[1].pk).delete()
    assert kinds() == {("deleted", events[2].pk)}
    assert "缺少序号2" in problems()[0].message


@pytest.mark.django_db
def test_a_row_deleted_by_raw_sql_is_found_in_the_middle_at_the_start_and_at_the_end():
    events = add(6)
    sql("DELETE FROM audit_auditevent WHERE id IN (%s, %s, %s)", [e.pk for e in events[2:5]])
    assert kinds() == {("deleted", events[5].pk)}
    assert "缺少序号3–5" in problems()[0].message
    sql("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
    assert ("deleted", events[1].pk) in kinds()
    sql("DELETE FROM audit_auditevent WHERE id = %s", [events[5].pk])
    found = problems()
    assert any(p.kind == "deleted" and "链尾" in p.message and "6" in p.message for p in found)


@pytest.mark.django_db
def test_deleting_every_row_is_found():
    add(3)
    sql("DELETE FROM audit_auditevent")
    assert [p.kind for p in problems()] == ["deleted"]


# --- changes ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_a_field_changed_by_raw_sql_is_found():
    events = add(4)
    without_update_trigger()
    sql("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["改写的内容", events[1].pk])
    assert kinds() == {("changed", events[1].pk)}
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify")
    assert exit_.value.code == 1


@pytest.mark.django_db
def test_a_change_with_its_hash_recomputed_breaks_the_link_to_the_next_row():
    events = add(4)
    without_update_trigger()
    row = events[1].as_chain_row()
    changed = chain.Row(**{**row.__dict__, "actor_label": "另一个人"})
    sql(
        "UPDATE audit_auditevent SET actor_label = %s, hash = %s WHERE id = %s",
        ["另一个人", chain.digest(changed), events[1].pk],
    )
    assert kinds() == {("link", events[2].pk)}


@pytest.mark.django_db
def test_a_changed_time_is_found():
    events = add(3)
    without_update_trigger()
    sql(
        "UPDATE audit_auditevent SET at = %s WHERE id = %s",
        [dt.datetime(2019, 6, 1, tzinfo=dt.UTC), events[2].pk],
    )
    assert ("changed", events[2].pk) in kinds()


# --- insertions and back-dating ----------------------------------------------------------------
@pytest.mark.django_db
def test_a_row_inserted_by_raw_sql_is_found_even_when_linked_and_hashed_right():
    events = add(3)
    now = events[-1].at + dt.timedelta(seconds=1)
    inserted = insert(forged(events[-1], seq=4, at=now, summary="事后补记"))
    assert kinds() == {("inserted", inserted)}


@pytest.mark.django_db
def test_a_row_inserted_in_the_place_of_a_deleted_one_is_found():
    events = add(4)
    sql("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    inserted = insert(forged(events[0], seq=2, at=events[1].at, summary="替换的记录"))
    assert kinds() == {("link", events[2].pk)}  # the next row still points at the original
    assert inserted not in {p.row_id for p in problems()}


@pytest.mark.django_db
def test_a_back_dated_row_is_found_even_when_the_head_is_moved_along():
    """Everything a forger with the algorithm can do for a row dated in the past: linked, hashed,
    and the chain head updated — the time before the row it follows still gives it away."""
    events = add(3)
    row = forged(events[-1], seq=4, at=dt.datetime(2019, 12, 30, 9, tzinfo=dt.UTC), summary="倒填")
    inserted = insert(row)
    AuditChainHead.objects.filter(pk=1).update(seq=4, hash=row.hash)
    assert kinds() == {("backdated", inserted)}
    assert "时间被倒填" in problems()[0].message


@pytest.mark.django_db
def test_a_full_rewrite_passes_alone_and_is_caught_by_an_anchor_kept_elsewhere():
    """The limit of a chain without a secret: whoever rewrites every hash after a change and
    the head makes a consistent chain. The anchor the operator noted catches it."""
    events = add(3)
    anchor = chain.Anchor(3, events[-1].hash)
    assert services.verify([anchor]).intact
    without_update_trigger()
    previous = chain.GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        row = event.as_chain_row()
        summary = "改写" if event.seq == 2 else row.summary
        rewritten = chain.Row(**{**row.__dict__, "summary": summary, "prev_hash": previous})
        digest = chain.digest(rewritten)
        sql(
            "UPDATE audit_auditevent SET summary = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [summary, previous, digest, event.pk],
        )
        previous = digest
    AuditChainHead.objects.filter(pk=1).update(hash=previous)
    assert services.verify().intact
    assert {p.kind for p in services.verify([anchor]).problems} == {"anchor"}
    with pytest.raises(SystemExit):
        call_command("audit", "verify", "--anchor", f"3:{events[-1].hash}")


def test_a_malformed_anchor_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("audit", "verify", "--anchor", "3:xyz")
    assert exit_.value.code == 2
    assert "锚点" in capsys.readouterr().err


# --- the pure chain, whatever the rows --------------------------------------------------------
def pure_chain(texts: list[str]) -> list[chain.Row]:
    rows, previous = [], chain.GENESIS
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i, text in enumerate(texts, 1):
        row = chain.Row(
            id=i * 10, seq=i, at=start + dt.timedelta(minutes=i), actor_id=i % 3 or None,
            actor_label="甲", action="a", object_type="", object_id=str(i), object_label="",
            unit_id=None, summary=text, legal_basis="b", changes={"n": [i, i / 3, text]},
            prev_hash=previous, hash="",
        )  # fmt: skip
        row = chain.Row(**{**row.__dict__, "hash": chain.digest(row)})
        rows.append(row)
        previous = row.hash
    return rows


def run_check(rows: list[chain.Row], head: chain.Head) -> list[chain.Problem]:
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    return list(chain.check(sorted(rows, key=lambda r: (r.seq, r.id)), head, now=now))


@given(st.lists(st.text(max_size=8), min_size=1, max_size=12), st.data())
def test_any_single_deletion_change_or_insertion_is_found(texts, data):
    rows = pure_chain(texts)
    head = chain.Head(rows[-1].seq, rows[-1].hash)
    assert run_check(rows, head) == []
    i = data.draw(st.integers(0, len(rows) - 1))
    what = data.draw(st.sampled_from(["delete", "change", "insert"]))
    if what == "delete":
        tampered = rows[:i] + rows[i + 1 :]
    elif what == "change":
        field = data.draw(st.sampled_from(["summary", "actor_id", "changes", "at", "object_id"]))
        value = {
            "summary": rows[i].summary + "。",
            "actor_id": (rows[i].actor_id or 0) + 1,
            "changes": {"n": []},
            "at": rows[i].at + dt.timedelta(microseconds=1),
            "object_id": rows[i].object_id + "0",
        }[field]
        tampered = [*rows[:i], chain.Row(**{**rows[i].__dict__, field: value}), *rows[i + 1 :]]
    else:
        extra = chain.Row(**{**rows[i].__dict__, "id": 999, "summary": "插入"})
        tampered = [*rows, chain.Row(**{**extra.__dict__, "hash": chain.digest(extra)})]
    assert run_check(tampered, head) != []


def test_numbers_have_one_spelling_whatever_the_database_returns():
    """PostgreSQL's jsonb gives 1e100 back as 1000…0 and 1.50 as 1.5: the hash must not move."""
    row = pure_chain(["x"])[0]
    for written, returned in (
        (1e100, 10**100),
        (1.0, 1),
        (1.5e-7, 0.00000015),
        (2**70, 2**70),
    ):
        a = chain.Row(**{**row.__dict__, "changes": {"v": written}})
        b = chain.Row(**{**row.__dict__, "changes": {"v": returned}})
        assert chain.digest(a) == chain.digest(b)
    assert chain.digest(chain.Row(**{**row.__dict__, "changes": {"v": 1}})) != chain.digest(
        chain.Row(**{**row.__dict__, "changes": {"v": "1"}})
    )


# --- concurrent writers -----------------------------------------------------------------------
WRITERS, EACH = 4, 25


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_on_postgresql_keep_one_line():
    if connection.vendor != "postgresql":
        pytest.skip("threads with their own connections: PostgreSQL (SQLite: see the next test)")
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                record(actor=None, action=STEP, summary=f"{n}-{i}", basis="测试")
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = services.verify()
    assert result.problems == []
    assert result.rows == result.last_seq == WRITERS * EACH


WRITER_SCRIPT = """
import django, sys
django.setup()
from gongkai.audit.actions import AuditAction
from gongkai.audit.services import record
for i in range(int(sys.argv[2])):
    record(
        actor=None, action=AuditAction.UNIT_UPDATE, summary=f"{sys.argv[1]}-{i}", basis="测试"
    )
"""


@pytest.mark.slow
def test_concurrent_appends_from_several_processes_on_sqlite_keep_one_line(tmp_path):
    """Server workers are processes: several write at once into one SQLite file."""
    if os.environ.get("GONGKAI_DATABASE_URL"):
        pytest.skip("the SQLite file case; PostgreSQL has the test above")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    environment.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.settings")

    def run(*command: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, *command], cwd=ROOT, env=environment, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip

    migrated = run("-m", "gongkai", "migrate", "--verbosity", "0")
    assert migrated.wait(timeout=300) == 0, migrated.stderr.read() if migrated.stderr else ""
    writers = [run("-c", WRITER_SCRIPT, str(n), str(EACH)) for n in range(WRITERS)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    verified = run("-m", "gongkai", "audit", "verify")
    out, err = verified.communicate(timeout=300)
    assert verified.returncode == 0, out + err
    assert f"已核对审计记录 {WRITERS * EACH} 条" in out


# --- the migration --------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.slow
def test_the_migration_chains_the_rows_written_before_it():
    before = [("audit", "0002_audit_events_immutable")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()  # every app: going back unapplied dependents
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("audit", "AuditEvent")
    start = dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)
    for i in range(5):
        old.objects.create(
            at=start + dt.timedelta(hours=i), actor_label="旧记录", action="old.step",
            summary=f"迁移前{i}", legal_basis="依据", changes={"i": [i, 0.5]},
        )  # fmt: skip
    old.objects.create(  # two server processes' clocks need not agree
        at=start, actor_label="旧记录", action="old.step", summary="时钟稍慢", legal_basis="依据"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6]
    assert AuditChainHead.objects.get().backfilled == 6
    assert services.verify().intact
    add(2)
    assert services.verify().intact
    assert AuditEvent.objects.get(seq=7).prev_hash == events[-1].hash
    # the database still refuses an update (on SQLite the table was rebuilt: trigger made again)
    with pytest.raises(DatabaseError), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s", [events[0].pk])
    assert AuditEvent.objects.get(pk=events[0].pk).summary == "迁移前0"
