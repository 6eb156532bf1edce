"""A rebuild of the search index never shows a partial index: the new one is built beside the
served one and swapped in whole. A rebuild that fails or is killed (``kill -9``) leaves the old
index answering as before, and its half-built folder is removed by the next rebuild; what is
published during a rebuild is in the new index too. ``gongkai search check`` and the office's
staff home say when the index and the catalog disagree; ``gongkai serve`` warns at start-up."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from gongkai.core.management.commands.serve import _check_search
from gongkai.search import engine, health
from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]


def doc(i: int, title: str = "关于垃圾分类的公示", body: str = "") -> engine.Document:
    return engine.Document(
        id=i, title=title, doc_number="", body=body or f"第{i}号", unit=1, column=10,
        year=2019, validity="valid", published=dt.date(2019, 1, 1) + dt.timedelta(i % 300),
    )  # fmt: skip


def old_and_new() -> tuple[list[engine.Document], list[engine.Document]]:
    old = [doc(i) for i in range(1, 301)]
    new = [doc(i, "关于垃圾分类的公示（更新）") for i in range(1, 501)]
    return old, new


def builds() -> list[str]:
    base = engine.base_dir()
    return sorted(p.name for p in base.iterdir() if p.name.startswith(engine.BUILD_PREFIX))


def failing(documents: list[engine.Document], after: int) -> Iterator[engine.Document]:
    for n, document in enumerate(documents):
        if n == after:
            raise RuntimeError("数据库连接中断")  # what a real rebuild meets half-way
        yield document


# --- failures -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_rebuild_that_fails_half_way_leaves_the_old_index_answering_the_same():
    old, new = old_and_new()
    engine.rebuild(old, batch=50)
    served = engine.index_dir()
    before = engine.search("垃圾分类", limit=50)
    with pytest.raises(RuntimeError):
        engine.rebuild(failing(new, 250), batch=50)  # five batches were committed to the new one
    assert engine.index_dir() == served
    engine.clear_cache()  # as a process that opens the index afresh
    assert engine.search("垃圾分类", limit=50) == before
    assert engine.document_count() == 300
    assert builds() == [served.name]  # the half-built folder is gone
    assert not (engine.base_dir() / engine.BUILDING).exists()
    assert engine.rebuild(new, batch=50) == 500
    assert engine.search("垃圾分类").total == 500
    assert builds() == [engine.index_dir().name] != [served.name]


KILLED_REBUILD = """
import datetime as dt, os, sys, time
import django
django.setup()
from gongkai.search import engine

ready = sys.argv[1]

def documents():
    for i in range(1, 9001):
        if i == 7500:  # past the 5,000 sampled for the tiers, with batches committed
            open(ready, "w").close()
            time.sleep(600)  # killed here
        yield engine.Document(
            id=i, title="关于垃圾分类的公示（更新）", doc_number="", body="", unit=1, column=10,
            year=2019, validity="valid", published=dt.date(2019, 1, 1),
        )

engine.rebuild(documents(), batch=1000, load=lambda ids: [])
"""


@pytest.mark.slow
def test_a_rebuild_killed_with_sigkill_leaves_the_old_index_and_is_cleaned_up_next_time(tmp_path):
    assert Path(django_settings.SEARCH_INDEX_DIR) == tmp_path / "search"  # shared with the child
    old, new = old_and_new()
    engine.rebuild(old, batch=50)
    served = engine.index_dir()
    before = engine.search("垃圾分类", limit=50)
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_")}
    environment.update(GONGKAI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.settings")
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_REBUILD, str(ready)], cwd=ROOT, env=environment,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        waited = 0.0
        while not ready.exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            assert waited < 240, "the child never got half-way"
            time.sleep(0.2)
            waited += 0.2
        state = engine.storage()
        assert state.building
        assert state.served == served
        assert engine.search("垃圾分类", limit=50) == before  # served while it runs
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    engine.clear_cache()
    assert engine.index_dir() == served
    assert engine.search("垃圾分类", limit=50) == before
    state = engine.storage()
    assert not state.building
    assert len(state.leftovers) == 1
    half_built = tantivy.Index.open(str(engine.base_dir() / state.leftovers[0]))
    assert 0 < half_built.searcher().num_docs < 9000
    # a publication now: the dead rebuild's marker is cleared, the item served at once
    engine.index_items([doc(9001, "关于秸秆禁烧的通告")])
    assert engine.search("秸秆").ids == [9001]
    assert not (engine.base_dir() / engine.BUILDING).exists()
    engine.rebuild(new, batch=50)
    assert engine.storage().leftovers == []
    assert builds() == [engine.index_dir().name]


# --- the swap -----------------------------------------------------------------------------------
@pytest.mark.slow
def test_a_reader_sees_the_old_index_or_the_new_never_a_part():
    old, new = old_and_new()
    engine.rebuild(old, batch=50)
    totals: set[int] = set()
    stop, started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                totals.add(engine.search("垃圾分类").total)
                started.set()
                engine.clear_cache()  # every search as a process that just started
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
            started.set()

    reader = threading.Thread(target=read)
    reader.start()
    started.wait(timeout=60)
    try:
        for _ in range(3):
            engine.rebuild(new, batch=25)
            engine.rebuild(old, batch=25)
    finally:
        stop.set()
        reader.join()
    assert errors == []
    assert totals <= {300, 500}
    assert 300 in totals  # the first search, before any rebuild


def test_the_pointer_is_replaced_whole_and_names_a_complete_index():
    engine.rebuild([doc(1)])
    base = engine.base_dir()
    first = (base / engine.POINTER).read_text()
    inode = (base / engine.POINTER).stat().st_ino
    engine.rebuild([doc(1), doc(2)])
    assert (base / engine.POINTER).read_text() != first
    assert (base / engine.POINTER).stat().st_ino != inode  # a new file renamed over the old
    assert (base / (base / engine.POINTER).read_text() / "meta.json").exists()
    assert not (base / first).exists()
    assert [p.name for p in base.iterdir() if p.name.endswith(".tmp")] == []


def _served_then_broken(tmp_path: Path) -> tuple[Path, str]:
    """The old index served with its positions files gone — what a reader opens while a rebuild
    removes the folder (tantivy opens it without error) — and a complete new build beside it."""
    old, new = old_and_new()
    engine.rebuild(new, batch=100)
    base = engine.base_dir()
    shutil.copytree(engine.index_dir(), tmp_path / "new")
    engine.rebuild(old, batch=100)
    name = f"{engine.BUILD_PREFIX}{time.time_ns()}"
    shutil.copytree(tmp_path / "new", base / name)
    engine.clear_cache()
    for path in engine.index_dir().glob("*.pos"):
        path.unlink()
    return base, name


def test_a_search_whose_folder_is_swapped_out_under_it_is_answered_by_the_new_index(
    tmp_path, monkeypatch
):
    base, new_build = _served_then_broken(tmp_path)
    searched = engine._search
    swaps = []

    def racing(idx, *args):  # the swap lands while the first read runs on the old folder
        if not swaps:
            swaps.append(new_build)
            engine._write_atomically(base / engine.POINTER, new_build)
        return searched(idx, *args)

    monkeypatch.setattr(engine, "_search", racing)
    assert engine.search("垃圾分类").total == 500
    assert swaps == [new_build]


def test_a_broken_index_that_is_still_served_is_an_error_not_a_silent_retry(tmp_path):
    _served_then_broken(tmp_path)
    with pytest.raises(ValueError, match="Data corrupt"):
        engine.search("垃圾分类")


@pytest.mark.slow
def test_what_is_published_or_withdrawn_during_a_rebuild_is_in_the_new_index():
    catalog = {i: doc(i) for i in range(1, 301)}
    engine.rebuild(catalog.values())

    def documents() -> Iterator[engine.Document]:
        for n, document in enumerate(list(catalog.values())):
            if n == 150:  # another process publishes one item and withdraws another
                catalog[777] = doc(777, "关于秸秆禁烧的通告")
                engine.index_items([catalog[777]])
                del catalog[5]
                engine.remove_items([5])
                assert engine.search("秸秆").ids == [777]  # the old index has it at once
            yield document

    def load(ids: list[int]) -> list[engine.Document]:
        return [catalog[i] for i in ids if i in catalog]

    engine.rebuild(documents(), batch=40, load=load)
    assert engine.search("秸秆").ids == [777]
    assert 5 not in engine.indexed_ids()
    assert engine.indexed_ids() == set(catalog)
    assert not (engine.base_dir() / engine.JOURNAL).exists()


def test_an_index_from_before_the_pointer_is_served_then_replaced():
    base = engine.base_dir()
    base.mkdir(parents=True)
    legacy = tantivy.Index(engine.schema(), path=str(base))
    writer = legacy.writer()
    writer.add_document(engine._as_tantivy(doc(1, "关于秸秆禁烧的通告"), engine.tiers.Tiers(0)))
    writer.commit()
    writer.wait_merging_threads()
    assert engine.index_dir() == base
    assert engine.search("秸秆").ids == [1]
    engine.rebuild([doc(1, "关于秸秆禁烧的通告"), doc(2, "关于秸秆综合利用的通知")])
    assert engine.index_dir() != base
    assert engine.search("秸秆").total == 2
    assert not (base / "meta.json").exists()  # the old files are removed


# --- check, start-up and the staff home ---------------------------------------------------
@pytest.fixture
def published(clerk_a, reviewer_a, unit_a):
    """Two published items the index has not been told about (the index writes run after a
    commit, which a test's transaction never makes)."""
    from tests.factories import columns_of, publish

    cols = columns_of(unit_a)
    return [
        publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 20)),
        publish(clerk_a.user, reviewer_a.user, unit_a, cols["news"], on=dt.date(2025, 3, 21)),
    ]


@pytest.mark.django_db
def test_check_finds_the_index_and_the_catalog_disagree(published, capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("search", "check", "--quick")
    assert exit_.value.code == 1
    assert "检索索引为空，已发布的信息有 2 条" in capsys.readouterr().out
    warnings: list[str] = []
    _check_search(warnings.append)
    assert len(warnings) == 1
    assert "gongkai search reindex" in warnings[0]
    call_command("search", "reindex")
    call_command("search", "check", "--quick")
    assert "条数一致（2 条）" in capsys.readouterr().out
    warnings.clear()
    _check_search(warnings.append)
    assert warnings == []


@pytest.mark.django_db
def test_the_office_is_warned_on_the_staff_home_and_others_are_not(published, office, clerk_a):
    page = login(office).get(reverse("staff:home")).content.decode()
    assert "门户网站检索" in page
    assert "gongkai search reindex" in page
    assert "门户网站检索" not in login(clerk_a).get(reverse("staff:home")).content.decode()
    call_command("search", "reindex", stdout=io.StringIO(), stderr=io.StringIO())
    cached = login(office).get(reverse("staff:home")).content.decode()
    assert "门户网站检索" in cached  # counted at most every few minutes
    cache.delete(health.CACHE_KEY)
    assert "门户网站检索" not in login(office).get(reverse("staff:home")).content.decode()
