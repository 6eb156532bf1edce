"""The search interface: the only module that knows the engine.

The engine is tantivy (BM25, block-max WAND), embedded, its index in the data folder. Views and
services call :func:`search`, :func:`index_items`, :func:`remove_items` and :func:`rebuild`;
a multi-host deployment can replace this module's body by calls to a search server without
touching them (docs/search.md).

Writes: one writer at a time across every process on the host — a file lock around each write,
besides tantivy's own lock. Reads: each process keeps a reader and reloads it when the index's
meta file changes, so an item published in one process is found by the next search in another.

Rebuilds never touch the index being served: a new index is built in a folder of its own beside
it, and when it is complete a pointer file naming the folder to serve is replaced in one step
(``os.replace``). A reader opens whatever the pointer names, so it always opens a complete index;
a rebuild that fails or is killed leaves the old index serving, and its half-built folder is
removed by the next rebuild. Items published while a rebuild runs go to the old index and are
noted in a journal that the rebuild replays into the new one before the swap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import itertools
import json
import logging
import math
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import tantivy
from django.conf import settings
from django.utils import timezone

from gongkai.search import text, tiers

WRITER_HEAP = 128 * 1024 * 1024
# The title (with the 文号) is indexed this many times before the body: a match in the title
# weighs more in BM25 than one in the body, within one field (field weighting by repetition).
TITLE_REPEAT = 3
KIND = "item"
# Indexing threads: two use both cores of the small servers Gongkai runs on; a rebuild of a
# million items is then bound by the Python side (OpenCC and the n-gram strings).
WRITER_THREADS = 2


@dataclass(frozen=True)
class Document:
    """What the index holds of an item."""

    id: int
    title: str
    doc_number: str
    body: str
    unit: int
    column: int
    year: int
    validity: str
    published: dt.date

    @property
    def stamp(self) -> int:
        """A fingerprint of what is indexed, so ``gongkai search check`` can tell a document
        that is in the index but out of date."""
        text = "\x1f".join(
            str(v)
            for v in (
                self.title, self.doc_number, self.body, self.unit, self.column, self.year,
                self.validity, self.published.isoformat(),
            )
        )  # fmt: skip
        return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=7).digest(), "big")


# The fields of an item that a Document is made of (for ``.only()`` when loading items).
SOURCE_FIELDS = (
    "id", "title", "doc_number", "body", "unit_id", "column_id", "validity", "published_on",
)  # fmt: skip


@dataclass(frozen=True)
class Filters:
    unit: int | None = None
    units: tuple[int, ...] = ()  # any of these units (a government's subtree, by its host)
    columns: tuple[int, ...] = ()
    year: int | None = None
    validity: str | None = None


@dataclass(frozen=True)
class Results:
    total: int
    ids: list[int]
    scores: list[float]


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    builder.add_unsigned_field("stamp", stored=True, indexed=False)
    # One field per analysis over the whole item (title and 文号 repeated, then the body): one
    # posting list per query word, so top-k can use block-max WAND and, without filters or
    # deletions, the exact total is the word's document frequency.
    builder.add_text_field("uni", stored=False, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("bi", stored=False, tokenizer_name="whitespace", index_option="position")
    for name in ("unit", "column", "year", "published"):
        builder.add_unsigned_field(name, stored=False, indexed=True, fast=True)
    builder.add_text_field("validity", stored=False, tokenizer_name="raw")
    # The same word in every document: its document frequency counts deleted documents too,
    # so comparing it with the live count tells whether any segment has deletions.
    builder.add_text_field("kind", stored=False, tokenizer_name="raw")
    # Impact tiers (gongkai.search.tiers): ``gen:<n>`` in every document, ``uni:区`` and the like
    # where a hot word weighs heavily. Document ids only, no frequencies.
    builder.add_text_field("tier", stored=False, tokenizer_name="whitespace", index_option="basic")
    return builder.build()


_lock = threading.Lock()
_open: dict[str, tuple[tantivy.Index, float]] = {}
_pointers: dict[str, tuple[tuple[int, int, int], Path]] = {}


# Bumped when the schema or the text analysis changes: a new version lives in a new folder, so
# an old index is never read with the wrong schema; `gongkai search check` then reports the
# new one empty and `gongkai search reindex` fills it.
SCHEMA_VERSION = 3

# In the version's folder: the pointer to the folder being served, the builds, and the locks.
POINTER = "CURRENT"
BUILD_PREFIX = "build-"
BUILDING = "BUILDING"  # names the build in progress
JOURNAL = "BUILDING.journal"  # ids written to the served index while it is built
WRITER_LOCK = ".gongkai-writer.lock"
BUILD_LOCK = ".gongkai-build.lock"
CONTROL = frozenset({POINTER, BUILDING, JOURNAL, WRITER_LOCK, BUILD_LOCK})


class SearchUnavailable(RuntimeError):
    """The index cannot be opened (its folder vanished twice in a row)."""


def base_dir() -> Path:
    """The version's folder: the pointer, the builds and the locks."""
    return Path(settings.SEARCH_INDEX_DIR) / f"v{SCHEMA_VERSION}"


def index_dir() -> Path:
    """The folder of the index being served: the one the pointer names. An index from before
    pointers existed (its files directly in the version's folder) is served until the first
    rebuild; a new installation starts with an empty build."""
    base = base_dir()
    pointer = base / POINTER
    try:
        stat = pointer.stat()
    except FileNotFoundError:
        if (base / "meta.json").exists():
            return base
        return _initialize(base)
    key = (stat.st_mtime_ns, stat.st_ino, stat.st_size)  # replaced, never rewritten: a new inode
    with _lock:
        cached = _pointers.get(str(base))
    if cached is not None and cached[0] == key:
        return cached[1]
    folder = base / pointer.read_text(encoding="utf-8").strip()
    with _lock:
        _pointers[str(base)] = (key, folder)
    return folder


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes on this host (blocking); the kernel releases it when
    the process ends, however it ends."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step: a reader sees the old content or the new, never a part."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)


def _initialize(base: Path) -> Path:
    """An empty index and the pointer to it, for an installation that has none yet."""
    base.mkdir(parents=True, exist_ok=True)
    with _file_lock(base / WRITER_LOCK):
        if (base / POINTER).exists():  # another process was first
            return index_dir()
        name = f"{BUILD_PREFIX}{time.time_ns()}"
        (base / name).mkdir()
        tantivy.Index(schema(), path=str(base / name), reuse=False)
        _write_atomically(base / POINTER, name)
    return index_dir()


def _meta_mtime(path: Path) -> float:
    try:
        return (path / "meta.json").stat().st_mtime
    except FileNotFoundError:
        return 0.0


# In each index's folder: the last position of the change log applied to it (docs/search.md).
POSITION_FILE = "POSITION"


def applied_position() -> int | None:
    """The last position of the change log this host's served index holds, or None when it
    has never followed the log (a new installation, an index from before the log)."""
    try:
        raw = (index_dir() / POSITION_FILE).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return int(raw) if raw.isdigit() else None


class Follower:
    """The served index held for following the log: the position read under the writers' lock,
    and one write of a batch that ends by recording the batch's position."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.position = applied_position()

    def write(self, documents: Iterable[Document], removes: Iterable[int], position: int) -> None:
        """Replace ``documents``, remove ``removes``, commit, then record ``position``. Killed
        before the position is written, the host applies the batch again: the same result."""
        ids = []
        writer = _index().writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        chosen = current_tiers()
        for item_id in removes:
            writer.delete_documents_by_query(_id_query(item_id))
            ids.append(item_id)
        for document in documents:
            writer.delete_documents_by_query(_id_query(document.id))
            writer.add_document(_as_tantivy(document, chosen))
            ids.append(document.id)
        writer.commit()
        writer.wait_merging_threads()
        _journal(ids)
        _write_atomically(self.path / POSITION_FILE, str(position))
        self.position = position
        with _lock:  # this process wrote: the next search reloads
            _open.pop(str(self.path), None)


@contextlib.contextmanager
def following() -> Iterator[Follower]:
    """Hold the host's writers' lock while a batch of the log is read and applied, so that
    what is read from the database and the position written agree (one follower at a time)."""
    base = base_dir()
    base.mkdir(parents=True, exist_ok=True)
    index_dir()
    with _file_lock(base / WRITER_LOCK):
        yield Follower(index_dir())


# Called before each search (set by SearchConfig.ready): brings this host's index up to the
# change log when it is a little behind. Its failure never fails a search.
before_search: Callable[[], None] | None = None


def _freshen() -> None:
    if before_search is None:
        return
    try:
        before_search()
    except Exception:
        logging.getLogger(__name__).exception("catching up with the change log failed")


TIERS_FILE = "tiers.json"
# Documents sampled (the first of a rebuild) to choose the hot words and their cuts.
TIERS_SAMPLE = 5_000
_tiers_cache: dict[str, tuple[float, tiers.Tiers]] = {}


def tiers_settings() -> tiers.Settings:
    return tiers.Settings(**getattr(settings, "SEARCH_TIERS", {}))


def current_tiers() -> tiers.Tiers:
    """The tier parameters documents are indexed with now (none before the first rebuild)."""
    path = index_dir() / TIERS_FILE
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return tiers.Tiers(0)
    with _lock:
        cached = _tiers_cache.get(str(path))
        if cached and cached[0] == mtime:
            return cached[1]
    loaded = tiers.Tiers.from_json(json.loads(path.read_text(encoding="utf-8")))
    with _lock:
        _tiers_cache[str(path)] = (mtime, loaded)
    return loaded


def _save_tiers(chosen: tiers.Tiers, folder: Path) -> None:
    _write_atomically(folder / TIERS_FILE, json.dumps(chosen.as_json(), ensure_ascii=False))


def _index() -> tantivy.Index:
    """The served index, opened once per process and reloaded when it changes."""
    for _ in range(3):
        path = index_dir()
        key = str(path)
        mtime = _meta_mtime(path)
        with _lock:
            cached = _open.get(key)
            if cached is not None:
                index, seen = cached
                if mtime and mtime != seen:
                    index.reload()
                    _open[key] = (index, mtime)
                return index
        try:
            # Open an existing index only (never create one in a folder being removed), and
            # open its files now: once open they stay readable after the folder is removed.
            index = tantivy.Index.open(key)
            index.searcher()
        except (OSError, ValueError):
            # swapped out and removed since the pointer was read: read the pointer again
            with _lock:
                _pointers.pop(str(path.parent), None)
            continue
        with _lock:
            for other in [k for k in _open if Path(k).parent == path.parent]:
                del _open[other]  # a build no longer served
            _open[key] = (index, mtime)
        return index
    raise SearchUnavailable("检索索引暂不可用，请稍后再试")


@contextlib.contextmanager
def _writer() -> Iterator[Any]:
    """The writer of the served index, held by one process at a time (blocking, not failing)."""
    base = base_dir()
    base.mkdir(parents=True, exist_ok=True)
    index_dir()  # an installation without an index gets its empty one before the lock is taken
    with _file_lock(base / WRITER_LOCK):
        path = index_dir()  # read under the lock: a rebuild swaps under it
        writer = _index().writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        yield writer
        writer.commit()
        writer.wait_merging_threads()
    with _lock:  # this process wrote: the next search reloads
        _open.pop(str(path), None)


def _journal(ids: Iterable[int]) -> None:
    """Note ids written to the served index while a rebuild runs (called under the writer lock),
    so the rebuild writes them again into the new index before it is swapped in. A marker left
    by a rebuild that died (its build lock is free) is removed instead."""
    base = base_dir()
    if not (base / BUILDING).exists():
        return
    with open(base / BUILD_LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # a rebuild is running
            with open(base / JOURNAL, "a", encoding="utf-8") as journal:
                journal.write("".join(f"{i}\n" for i in ids))
            return
        try:
            (base / BUILDING).unlink(missing_ok=True)
            (base / JOURNAL).unlink(missing_ok=True)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _id_query(item_id: int) -> tantivy.Query:
    return tantivy.Query.term_query(_index().schema, "id", item_id)


def _fields(document: Document) -> dict[str, str]:
    """The text of the ``uni`` and ``bi`` fields: the title with the 文号, repeated, then the
    body (in the bigram stream a separator between them, so no phrase bridges two)."""
    head_uni, head_bi = text.streams(f"{document.title} {document.doc_number}")
    body_uni, body_bi = text.streams(document.body)
    return {
        "uni": " ".join([head_uni] * TITLE_REPEAT + [body_uni]),
        "bi": f" {text.SEPARATOR} ".join([head_bi] * TITLE_REPEAT + [body_bi]),
    }


def _profiles(fields: dict[str, str]) -> dict[str, tiers.Profile]:
    return {name: tiers.Profile.of_text(value) for name, value in fields.items()}


def _as_tantivy(document: Document, chosen: tiers.Tiers | None = None) -> tantivy.Document:
    chosen = current_tiers() if chosen is None else chosen
    fields = _fields(document)
    out = tantivy.Document()
    out.add_unsigned("id", document.id)
    out.add_unsigned("stamp", document.stamp)
    for name, analyzed in fields.items():
        out.add_text(name, analyzed)
    profiles = _profiles(fields) if chosen.fields else {}
    out.add_text("tier", " ".join(chosen.tokens(profiles)))
    for name, value in (
        ("unit", document.unit),
        ("column", document.column),
        ("year", document.year),
        ("published", document.published.toordinal()),
    ):
        out.add_unsigned(name, value)
    out.add_text("validity", document.validity)
    out.add_text("kind", KIND)
    return out


def index_items(documents: Iterable[Document]) -> int:
    """Add or replace documents (by id)."""
    count = 0
    ids = []
    with _writer() as writer:
        chosen = current_tiers()
        for document in documents:
            writer.delete_documents_by_query(_id_query(document.id))
            writer.add_document(_as_tantivy(document, chosen))
            ids.append(document.id)
            count += 1
        _journal(ids)
    return count


def remove_items(ids: Iterable[int]) -> None:
    ids = list(ids)
    with _writer() as writer:
        for item_id in ids:
            writer.delete_documents_by_query(_id_query(item_id))
        _journal(ids)


Loader = Callable[[list[int]], Iterable[Document]]


def rebuild(
    documents: Iterable[Document],
    *,
    progress: Any = None,
    batch: int = 10_000,
    load: Loader | None = None,
    position: int | None = None,
) -> int:
    """Build a new index of every document beside the served one, committing in batches, and
    swap it in when complete. The tier parameters are chosen afresh from the first documents (a
    new generation).

    ``load(ids)`` gives the current documents of some ids (those still published): with it,
    writes to the served index go on during the build and are replayed into the new index just
    before the swap; without it, they wait until the rebuild is done. One rebuild at a time.
    ``position``: the last position of the change log before the documents were read, recorded
    in the new index (the host follows the log from there)."""
    base = base_dir()
    base.mkdir(parents=True, exist_ok=True)
    index_dir()  # the served index exists (empty on a new installation) before the build
    with _file_lock(base / BUILD_LOCK), contextlib.ExitStack() as held:
        _remove_leftovers(base)
        if load is None:  # writers wait for the whole build
            held.enter_context(_file_lock(base / WRITER_LOCK))
        name = f"{BUILD_PREFIX}{time.time_ns()}"
        folder = base / name
        folder.mkdir()
        try:
            if load is not None:
                with _file_lock(base / WRITER_LOCK):
                    (base / JOURNAL).write_text("", encoding="utf-8")
                    _write_atomically(base / BUILDING, name)
            count, index, writer, chosen = _fill(folder, documents, progress, batch)
            with contextlib.ExitStack() as swap:
                if load is not None:
                    swap.enter_context(_file_lock(base / WRITER_LOCK))
                    _replay(index, writer, chosen, base, load)
                writer.wait_merging_threads()
                if position is not None:
                    _write_atomically(folder / POSITION_FILE, str(position))
                _write_atomically(base / POINTER, name)  # the swap
                (base / BUILDING).unlink(missing_ok=True)
                (base / JOURNAL).unlink(missing_ok=True)
        except BaseException:
            # the served index was never touched; what was built is of no use
            (base / BUILDING).unlink(missing_ok=True)
            (base / JOURNAL).unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            raise
        _remove_leftovers(base)  # the folder served until now
    with _lock:
        _pointers.pop(str(base), None)
    if progress:
        progress(count)
    return count


def _fill(
    folder: Path, documents: Iterable[Document], progress: Any, batch: int
) -> tuple[int, tantivy.Index, Any, tiers.Tiers]:
    stream = iter(documents)
    sample = list(itertools.islice(stream, TIERS_SAMPLE))
    chosen = tiers.choose(time.time_ns(), (_profiles(_fields(d)) for d in sample), tiers_settings())
    index = tantivy.Index(schema(), path=str(folder), reuse=False)
    _save_tiers(chosen, folder)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
    count = 0
    for document in itertools.chain(sample, stream):
        writer.add_document(_as_tantivy(document, chosen))
        count += 1
        if count % batch == 0:
            writer.commit()
            if progress:
                progress(count)
    writer.commit()
    return count, index, writer, chosen


def _replay(
    index: tantivy.Index, writer: Any, chosen: tiers.Tiers, base: Path, load: Loader
) -> None:
    """Write again into the new index what was written to the served one during the build."""
    try:
        text = (base / JOURNAL).read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    ids = sorted({int(line) for line in text.split() if line.isascii() and line.isdigit()})
    if not ids:
        return
    for item_id in ids:
        writer.delete_documents_by_query(tantivy.Query.term_query(index.schema, "id", item_id))
    for document in load(ids):
        writer.add_document(_as_tantivy(document, chosen))
    writer.commit()


def _remove_leftovers(base: Path) -> None:
    """Called with the build lock held, so no other build is running: every build folder but
    the served one is a leftover (the one swapped out, or one whose build failed or was
    killed), and so are the files of an index from before pointers once a pointer exists."""
    served = index_dir().name if (base / POINTER).exists() else None
    for entry in base.iterdir():
        if entry.name in CONTROL:
            continue
        if entry.is_dir():
            if entry.name.startswith(BUILD_PREFIX) and entry.name != served:
                shutil.rmtree(entry, ignore_errors=True)
        elif served is not None or entry.name.startswith(f".{POINTER}."):
            entry.unlink(missing_ok=True)
    if not (base / BUILDING).exists():
        (base / JOURNAL).unlink(missing_ok=True)


@dataclass(frozen=True)
class Storage:
    """What ``gongkai search check`` reports of the index's folders."""

    served: Path
    building: bool  # a rebuild is running now
    leftovers: list[str]  # folders of a rebuild that failed or was killed


def storage() -> Storage:
    base = base_dir()
    served = index_dir()
    building = False
    if (base / BUILDING).exists():
        with open(base / BUILD_LOCK, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                building = True
            else:
                fcntl.flock(handle, fcntl.LOCK_UN)
    name = (base / BUILDING).read_text(encoding="utf-8").strip() if building else ""
    leftovers = sorted(
        e.name
        for e in base.iterdir()
        if e.is_dir() and e.name.startswith(BUILD_PREFIX) and e != served and e.name != name
    )
    return Storage(served, building, leftovers)


def _term_query(idx: tantivy.Index, field: str, value: Any, option: str = "basic") -> tantivy.Query:
    """A term query reading what it needs: document ids for a filter, frequencies for BM25
    (never positions, which a single term does not use)."""
    return tantivy.Query.term_query(idx.schema, field, value, index_option=option)


def _word_field(term: text.Term) -> str:
    return "bi" if term.cjk and len(term.text) > 1 else "uni"


def _word_query(idx: tantivy.Index, term: text.Term) -> tantivy.Query:
    grams = term.grams
    if len(grams) > 1:
        words: list[str | tuple[int, str]] = list(grams)
        return tantivy.Query.phrase_query(idx.schema, "bi", words)
    return _term_query(idx, _word_field(term), grams[0][1], "freq")


def _build(idx: tantivy.Index, terms: list[text.Term], filters: Filters) -> tantivy.Query:
    must: list[tuple[Any, tantivy.Query]] = [
        (tantivy.Occur.Must, _word_query(idx, term)) for term in terms
    ]
    must += _filter_clauses(idx, filters)
    if not terms:  # no words: every document (that the filters let through)
        must.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    if len(must) == 1:
        return must[0][1]
    return tantivy.Query.boolean_query(must)


def _filter_clauses(idx: tantivy.Index, filters: Filters) -> list[tuple[Any, tantivy.Query]]:
    """One Must clause per condition of ``filters`` (none for ``Filters()``)."""
    must: list[tuple[Any, tantivy.Query]] = []
    for field in ("unit", "year"):
        value = getattr(filters, field)
        if value is not None:
            must.append((tantivy.Occur.Must, _term_query(idx, field, int(value))))
    if filters.units:  # a government's subtree (units.hosts)
        units = [(tantivy.Occur.Should, _term_query(idx, "unit", int(u))) for u in filters.units]
        must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(units)))
    if filters.columns:  # a column and the columns below it
        columns = [
            (tantivy.Occur.Should, _term_query(idx, "column", int(c))) for c in filters.columns
        ]
        must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(columns)))
    if filters.validity:
        must.append((tantivy.Occur.Must, _term_query(idx, "validity", filters.validity)))
    return must


def _frequency_total(
    searcher: tantivy.Searcher, terms: list[text.Term], filters: Filters
) -> int | None:
    """The exact total without visiting the matches, when it is one word's document frequency:
    a single word (not a phrase), no filter, and no deleted documents waiting for a merge."""
    if len(terms) != 1 or len(terms[0].grams) != 1 or filters != Filters():
        return None
    if searcher.doc_freq("kind", KIND) != searcher.num_docs:
        return None
    term = terms[0]
    return int(searcher.doc_freq(_word_field(term), term.grams[0][1]))


# A page from the tier is kept when its last score beats the bound by this much: tantivy's
# scores are 32-bit floats, the bound is computed in 64 bits from the explanation's figures.
TIER_MARGIN = 1e-4


def _bm25_figures(
    query: tantivy.Query, searcher: tantivy.Searcher, address: Any
) -> dict[str, float]:
    """idf, avgdl, k1 and b of a one-term query as tantivy scores it now, and dl, the hit's
    stored length (from its explanation of one hit)."""
    figures: dict[str, float] = {}

    def walk(node: dict[str, Any]) -> None:
        description = str(node.get("description", ""))
        for key, prefix in (
            ("idf", "idf"), ("avgdl", "avgdl"), ("k1", "k1"), ("b", "b,"), ("dl", "dl,"),
        ):  # fmt: skip
            if description.startswith(prefix):
                figures.setdefault(key, float(node["value"]))
        for child in node.get("details") or ():
            walk(child)

    walk(json.loads(query.explain(searcher, address).to_json()))
    return figures


def _tiered(
    idx: tantivy.Index, searcher: tantivy.Searcher, term: text.Term, *, offset: int, limit: int
) -> tantivy.SearchResult | None:
    """The BM25 page of a hot word from its tier alone, when that provably equals the page from
    the whole posting list (gongkai.search.tiers); None when it cannot be proved."""
    chosen = current_tiers()
    field = _word_field(term)
    word = term.grams[0][1]
    spec = chosen.fields.get(field)
    cut = spec.cuts.get(word) if spec else None
    if spec is None or cut is None:
        return None
    # Every live document must have been indexed under these parameters (the caller has checked
    # that there are no deletions, so the document frequency is the live count).
    if searcher.doc_freq("tier", tiers.generation_token(chosen.generation)) != searcher.num_docs:
        return None
    plain = _term_query(idx, field, word, "freq")
    in_tier = tantivy.Query.const_score_query(
        _term_query(idx, "tier", tiers.tier_token(field, word)), 0.0
    )
    narrowed = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, plain), (tantivy.Occur.Must, in_tier)]
    )
    found = searcher.search(narrowed, limit=limit, offset=offset, count=False)
    if len(found.hits) < limit:
        return None
    figures = _bm25_figures(plain, searcher, found.hits[0][1])
    if not {"idf", "avgdl", "k1", "b"} <= set(figures) or figures["avgdl"] <= 0:
        return None
    if not (math.isclose(figures["k1"], chosen.k1) and math.isclose(figures["b"], chosen.b)):
        return None
    bound = figures["idf"] * tiers.outside_bound(
        cut, spec.avgdl0 / figures["avgdl"], chosen.k1, chosen.b
    )
    last = float(found.hits[-1][0])
    return found if last >= bound * (1 + TIER_MARGIN) else None


# Newest first for a word with more matches than this looks at recent spans first (in days
# back from today, tried in turn); fewer matches are simply all ordered.
NEWEST_BY_SPANS_FROM = 20_000
NEWEST_SPANS = (31, 248)


def _newest(
    idx: tantivy.Index, searcher: tantivy.Searcher, built: tantivy.Query, *, offset: int, limit: int
) -> tantivy.SearchResult:
    """The newest matches of a query whose total is already known, without ordering them all:
    look among the items published in the last year first, then further back. Once a span holds
    ``offset + limit`` matches, every match outside it is older than all of them, so the page is
    the same as from the whole index."""
    today = timezone.localdate().toordinal()
    for span in NEWEST_SPANS:
        recent = tantivy.Query.range_query(
            idx.schema,
            "published",
            tantivy.FieldType.Unsigned,
            lower_bound=today - span,
            use_inverted_index=True,  # a few days' terms: cheaper than scanning the column
        )
        narrowed = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, built), (tantivy.Occur.Must, recent)]
        )
        found = searcher.search(
            narrowed, limit=limit, offset=offset, count=True,
            order_by_field="published", order=tantivy.Order.Desc,
        )  # fmt: skip
        if found.count >= offset + limit:  # type: ignore[attr-defined]
            return found
    return searcher.search(
        built, limit=limit, offset=offset, count=False,
        order_by_field="published", order=tantivy.Order.Desc,
    )  # fmt: skip


_T = TypeVar("_T")


def search(
    query: str,
    filters: Filters = Filters(),
    *,
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
) -> Results:
    """Top ``limit`` ids from ``offset`` by BM25 (or newest first), with the exact total."""
    _freshen()
    return _on_served(lambda idx: _search(idx, query, filters, sort, offset, limit))


def _on_served(read: Callable[[tantivy.Index], _T]) -> _T:
    """``read`` on the served index — again, once, on the index served now when it failed on a
    folder that a rebuild swapped out and removed meanwhile. Opening an index while its folder
    is being removed can succeed without a segment's positions file (tantivy opens the segment
    with no positions), and the first phrase query then fails with "Data corrupted"."""
    folder = index_dir()
    try:
        return read(_index())
    except ValueError:
        if (folder / "meta.json").exists() and index_dir() == folder:
            raise  # the index being served is itself broken: say so
        with _lock:
            _open.pop(str(folder), None)
        return read(_index())


def _search(
    idx: tantivy.Index, query: str, filters: Filters, sort: str, offset: int, limit: int
) -> Results:
    terms = text.parse(query)
    built = _build(idx, terms, filters)
    searcher = idx.searcher()
    limit = max(limit, 1)
    # With the total known from the index's statistics, only the top of the list is collected,
    # which lets tantivy skip the blocks that cannot reach it (block-max WAND).
    known = _frequency_total(searcher, terms, filters)
    if sort == "date" and known is not None and known > NEWEST_BY_SPANS_FROM:
        found = _newest(idx, searcher, built, offset=offset, limit=limit)
    elif sort == "date":
        found = searcher.search(
            built, limit=limit, offset=offset, count=known is None,
            order_by_field="published", order=tantivy.Order.Desc,
        )  # fmt: skip
    else:
        tiered = None
        if known is not None:  # one word, no filter, no deletions
            tiered = _tiered(idx, searcher, terms[0], offset=offset, limit=limit)
        found = tiered or searcher.search(built, limit=limit, offset=offset, count=known is None)
    ids, scores = [], []
    for score, address in found.hits:
        ids.append(int(searcher.doc(address)["id"][0]))
        scores.append(float(score))
    # ``count`` is present at run time, absent from the stub
    total = known if known is not None else found.count  # type: ignore[attr-defined]
    return Results(int(total or 0), ids, scores)


# The most character pairs of a typed text that a look-up searches (a long text is cut).
SIMILAR_MAX_GRAMS = 64


def similar(query: str, *, limit: int = 5, filters: Filters = Filters()) -> Results:
    """Items like a text that someone is typing (先查一查): any of its character pairs may match,
    BM25 ranks those sharing more and rarer pairs first. Unlike :func:`search`, no pair is
    required, since a description in a person's own words rarely repeats an item's title.

    ``filters`` (on a government's host: ``Filters(units=<its subtree>)``) is applied inside the
    query, so the top ``limit`` are the best of the units shown, not the best of the whole
    deployment narrowed afterwards (which on a district's host of a province left fewer)."""
    grams = sorted(text.bigram_set(query))[:SIMILAR_MAX_GRAMS]
    if not grams:
        return Results(0, [], [])
    return _on_served(lambda idx: _similar(idx, grams, limit, filters))


def _similar(idx: tantivy.Index, grams: list[str], limit: int, filters: Filters) -> Results:
    should = [
        (
            tantivy.Occur.Should,
            _term_query(idx, "bi" if len(g) == 2 and text.is_cjk(g) else "uni", g, "freq"),
        )
        for g in grams
    ]
    query = tantivy.Query.boolean_query(should)
    clauses = _filter_clauses(idx, filters)
    if clauses:
        # The filters only select: scored 0, so a unit's term (rarer for a small unit) adds
        # nothing, and the order among the units shown is the pairs' BM25 alone.
        selected = tantivy.Query.const_score_query(tantivy.Query.boolean_query(clauses), 0.0)
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, selected)]
        )
    searcher = idx.searcher()
    found = searcher.search(query, limit=max(limit, 1))
    ids, scores = [], []
    for score, address in found.hits:
        ids.append(int(searcher.doc(address)["id"][0]))
        scores.append(float(score))
    return Results(len(ids), ids, scores)


def document_count() -> int:
    return int(_index().searcher().num_docs)


def indexed_stamps() -> dict[int, int]:
    """Every document in the index, as {id: stamp} (for ``gongkai search check``)."""
    return _on_served(_stamps)


def _stamps(idx: tantivy.Index) -> dict[int, int]:
    searcher = idx.searcher()
    total = searcher.num_docs
    if not total:
        return {}
    found = searcher.search(tantivy.Query.all_query(), limit=total, count=False)
    out = {}
    for _, address in found.hits:
        stored = searcher.doc(address)
        out[int(stored["id"][0])] = int(stored["stamp"][0])
    return out


def indexed_ids() -> set[int]:
    return set(indexed_stamps())


@dataclass(frozen=True)
class TiersStatus:
    generation: int
    hot_words: dict[str, int]
    documents: int
    current: int  # documents indexed under the current parameters


def tiers_status() -> TiersStatus:
    chosen = current_tiers()
    searcher = _index().searcher()
    return TiersStatus(
        generation=chosen.generation,
        hot_words={name: len(spec.cuts) for name, spec in chosen.fields.items()},
        documents=int(searcher.num_docs),
        current=int(searcher.doc_freq("tier", tiers.generation_token(chosen.generation))),
    )


def segment_count() -> int:
    return int(_index().searcher().num_segments)


def size_on_disk() -> int:
    return sum(f.stat().st_size for f in index_dir().glob("*") if f.is_file())


def clear_cache() -> None:
    with _lock:
        _open.clear()
        _pointers.clear()
        _tiers_cache.clear()
