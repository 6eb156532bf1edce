"""The search index's change log: written in the catalog's transaction, followed by each host
from the position its index records (docs/search.md, "Several hosts"). The decisions are pure
(gongkai.search.changelog) and checked for every order of commits, batches, crashes and
rebuilds; the rest runs against the database and a real index in the test's folder."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.catalog import services as catalog
from gongkai.search import changelog, engine, sync
from gongkai.search.changelog import REMOVE, UPSERT, Change
from gongkai.search.models import IndexChange, LogPruning
from gongkai.units import services as unit_services
from tests.conftest import examples
from tests.factories import columns_of, publish


# --- the pure decisions ---------------------------------------------------------------------------
def test_a_host_follows_unless_it_cannot():
    reason = changelog.rebuild_reason
    assert reason(None, newest=0, pruned_through=0, far_behind=10) == changelog.NEVER
    assert reason(5, newest=4, pruned_through=0, far_behind=10) == changelog.AHEAD
    assert reason(3, newest=9, pruned_through=4, far_behind=10) == changelog.PRUNED
    assert reason(3, newest=20, pruned_through=0, far_behind=10) == changelog.FAR
    assert reason(4, newest=9, pruned_through=4, far_behind=10) == ""
    assert reason(9, newest=9, pruned_through=0, far_behind=10) == ""
    assert changelog.newest(None, 7) == 7
    assert changelog.newest(12, 7) == 12


def test_a_batch_keeps_each_items_last_change_after_the_position():
    changes = [
        Change(3, 1, UPSERT),
        Change(5, 2, UPSERT),
        Change(4, 1, REMOVE),
        Change(2, 9, UPSERT),
    ]
    plan = changelog.plan(changes, applied=2)
    assert plan == changelog.Plan(upserts=(2,), removes=(1,), position=5)
    assert changelog.plan([], applied=7).position == 7
    assert changelog.plan([], applied=7).empty
    with pytest.raises(ValueError, match="unknown"):
        Change(1, 1, "touch")


# A step of the world: a transaction commits (item, public afterwards); a host applies a batch
# of ``n`` changes (and is killed before it records its position when ``crash``); a host
# rebuilds, while ``during`` transactions commit between its reading the log's position and its
# reading the catalog.
commits = st.tuples(st.just("commit"), st.integers(0, 6), st.booleans())
follows = st.tuples(st.just("follow"), st.integers(1, 5), st.booleans())
rebuilds = st.tuples(st.just("rebuild"), st.lists(st.tuples(st.integers(0, 6), st.booleans())))


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.one_of(commits, follows, rebuilds), max_size=40))
def test_a_host_converges_whatever_the_batches_crashes_and_rebuilds(steps):
    catalog_state: dict[int, bool] = {}
    log: list[Change] = []
    index: set[int] = set()
    applied: int | None = None

    def commit(item: int, public: bool) -> None:
        catalog_state[item] = public
        log.append(Change(len(log) + 1, item, UPSERT if public else REMOVE))

    def apply(limit: int, crash: bool) -> int:
        nonlocal applied
        assert applied is not None
        batch = [c for c in log if c.position > applied][:limit]
        plan = changelog.plan(batch, applied)
        for item in plan.upserts:  # read as it is now
            (index.add if catalog_state.get(item) else index.discard)(item)
        index.difference_update(plan.removes)
        if not crash:
            applied = plan.position
        return len(batch)

    for step in steps:
        if step[0] == "commit":
            commit(step[1], step[2])
        elif step[0] == "follow" and applied is not None:
            apply(step[1], step[2])
        elif step[0] == "rebuild":
            position = changelog.newest(len(log) or None, 0)  # read before the catalog
            for item, public in step[1]:
                commit(item, public)
            index = {i for i, public in catalog_state.items() if public}
            applied = position
    if applied is None:
        index, applied = {i for i, p in catalog_state.items() if p}, len(log)
    while apply(3, crash=False):
        pass
    assert index == {i for i, public in catalog_state.items() if public}
    assert applied == len(log)


# --- the log is written with the change -----------------------------------------------------------
def rows() -> list[tuple[int, str]]:
    return list(IndexChange.objects.values_list("item_id", "op"))


@pytest.mark.django_db
def test_publishing_and_withdrawing_write_the_log_in_their_transaction(clerk_a, reviewer_a, unit_a):
    cols = columns_of(unit_a)
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title="秸秆禁烧通告")
    assert rows() == [(item.pk, UPSERT)]
    catalog.item_withdraw(actor=reviewer_a.user, item=item, reason="已失效，撤回")
    assert rows() == [(item.pk, UPSERT), (item.pk, REMOVE)]
    # a change that is rolled back leaves no row
    other = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title="另一条")
    before = IndexChange.objects.count()

    def withdrawn_then_failed() -> None:
        with transaction.atomic():
            catalog.item_withdraw(actor=reviewer_a.user, item=other, reason="撤回后回滚")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        withdrawn_then_failed()
    assert IndexChange.objects.count() == before


@pytest.mark.django_db
def test_switching_a_unit_off_logs_its_items(clerk_a, reviewer_a, unit_a, office):
    cols = columns_of(unit_a)
    item = publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title="单位停用")
    IndexChange.objects.all().delete()
    unit_services.unit_update(actor=office.user, unit=unit_a, data={"is_active": False})
    assert rows() == [(item.pk, REMOVE)]


# --- a host follows -------------------------------------------------------------------------------
@pytest.fixture
def items(clerk_a, reviewer_a, unit_a):
    cols = columns_of(unit_a)
    return [
        publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title=f"秸秆禁烧通告{n}")
        for n in range(3)
    ]


@pytest.mark.django_db
def test_a_new_host_rebuilds_then_follows_and_catches_up_before_a_search(
    items, clerk_a, reviewer_a, unit_a
):
    assert engine.applied_position() is None
    assert engine.search("秸秆").total == 0  # a host that does not follow is left as it was
    done = sync.follow()
    assert done.rebuilt == changelog.NEVER
    assert done.position == sync.newest_position()
    assert engine.search("秸秆").total == 3
    assert sync.follow() == sync.Followed("", 0, done.position)  # twice is once
    # published through "another host" (no commit reaches this process's receivers)
    publish(clerk_a.user, reviewer_a.user, unit_a, columns_of(unit_a)["news"], title="秸秆新规")
    assert sync.lag().behind == 1
    assert engine.search("秸秆").total == 4  # caught up before answering
    assert sync.lag().behind == 0
    catalog.item_withdraw(actor=reviewer_a.user, item=items[0], reason="撤回")
    assert engine.search("秸秆").total == 3


@pytest.mark.django_db
def test_a_host_killed_before_recording_its_position_applies_the_batch_again(
    items, clerk_a, reviewer_a, unit_a, monkeypatch
):
    sync.follow()
    cols = columns_of(unit_a)
    later = [
        publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], title=f"征收补偿{n}")
        for n in range(4)
    ]
    catalog.item_withdraw(actor=reviewer_a.user, item=later[0], reason="撤回")
    written = engine._write_atomically

    def killed(path, text):
        if path.name == engine.POSITION_FILE:
            raise SystemExit("killed")  # the index committed, the position not recorded
        written(path, text)

    monkeypatch.setattr(engine, "_write_atomically", killed)
    before = engine.applied_position()
    with pytest.raises(SystemExit):
        sync.follow(batch=2)
    assert engine.applied_position() == before
    monkeypatch.undo()
    assert sync.follow().applied == 5
    assert engine.search("征收补偿", limit=10).total == 3
    assert sorted(engine.indexed_ids()) == sorted(i.pk for i in items + later[1:])


@pytest.mark.django_db
def test_a_host_ahead_of_the_database_or_behind_the_pruned_log_rebuilds(items, capsys):
    sync.follow()
    newest = sync.newest_position()
    (engine.index_dir() / engine.POSITION_FILE).write_text(str(newest + 50))  # a restored database
    assert sync.lag().reason == changelog.AHEAD
    assert sync.follow().rebuilt == changelog.AHEAD
    assert engine.applied_position() == newest

    (engine.index_dir() / engine.POSITION_FILE).write_text("1")
    IndexChange.objects.update(at=timezone.now() - dt.timedelta(days=40))
    call_command("search", "prune", "--keep-days", "30")
    assert "已清理 30 天前的变更日志 3 条" in capsys.readouterr().out
    assert not IndexChange.objects.exists()
    assert LogPruning.objects.get().pruned_through == newest
    assert sync.newest_position() == newest  # positions are never reused
    assert sync.prune() == 0
    assert sync.lag().reason == changelog.PRUNED
    assert sync.follow().rebuilt == changelog.PRUNED
    assert engine.search("秸秆").total == 3


@pytest.mark.django_db
def test_check_and_follow_report_the_hosts_position_and_lag(
    items, clerk_a, reviewer_a, unit_a, capsys
):
    with pytest.raises(SystemExit):
        call_command("search", "check", "--quick")
    assert "本机索引未跟进变更日志" in capsys.readouterr().out
    call_command("search", "follow")
    out = capsys.readouterr().out
    assert "已重建索引" in out
    assert f"本机索引位于日志位置 {sync.newest_position()}" in out
    publish(clerk_a.user, reviewer_a.user, unit_a, columns_of(unit_a)["news"], title="新的一条")
    with pytest.raises(SystemExit):
        call_command("search", "check")
    out = capsys.readouterr().out
    assert f"日志最新位置 {sync.newest_position()}，落后 1 条，最早一条已等待" in out
    call_command("search", "follow")
    assert "已应用变更 1 条" in capsys.readouterr().out
    call_command("search", "check")
    assert "没有落后" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_after_the_commit_a_following_host_applies_the_log(clerk_a, reviewer_a, unit_a):
    sync.follow()
    publish(clerk_a.user, reviewer_a.user, unit_a, columns_of(unit_a)["news"], title="秸秆通告")
    assert engine.applied_position() == sync.newest_position()
    assert engine.indexed_ids() == set(
        IndexChange.objects.values_list("item_id", flat=True).distinct()
    )


# --- positions commit in order (PostgreSQL: concurrent writers) -----------------------------------
@pytest.mark.skipif(
    not os.environ.get("GONGKAI_DATABASE_URL"), reason="PostgreSQL: SQLite writes one at a time"
)
@pytest.mark.django_db(transaction=True)
def test_a_second_writer_of_the_log_waits_until_the_first_commits():
    """Without the wait, the second transaction could take position n + 1 and commit before the
    first commits position n, and a host reading in between would skip n for ever."""
    from django.db import connection

    logged, release, second_done = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                sync.log_changes(None, ids=[101])
                logged.set()
                release.wait(30)
        finally:
            connection.close()

    def second() -> None:
        try:
            logged.wait(30)
            with transaction.atomic():
                sync.log_changes(None, ids=[102])
            second_done.set()
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    logged.wait(30)
    assert not second_done.wait(1)  # blocked behind the first, which has not committed
    release.set()
    for thread in threads:
        thread.join(30)
    assert second_done.is_set()
    assert list(IndexChange.objects.values_list("item_id", flat=True)) == [101, 102]
