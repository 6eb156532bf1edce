"""The search interface: the only module that knows the engine.

The engine is tantivy (BM25, block-max WAND), embedded, its index in the data folder. Views and
services call :func:`search`, :func:`index_items`, :func:`remove_items` and :func:`rebuild`;
a multi-host deployment can replace this module's body by calls to a search server without
touching them (docs/search.md).

Writes: one writer at a time across every process on the host — a file lock around each write,
besides tantivy's own lock. Reads: each process keeps a reader and reloads it when the index's
meta file changes, so an item published in one process is found by the next search in another.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings

from gongkai.search import text

WRITER_HEAP = 64 * 1024 * 1024
TITLE_BOOST = 3.0


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
    for name in ("title_uni", "title_bi", "body_uni", "body_bi"):
        builder.add_text_field(
            name, stored=False, tokenizer_name="whitespace", index_option="position"
        )
    for name in ("unit", "column", "year", "published"):
        builder.add_unsigned_field(name, stored=False, indexed=True, fast=True)
    builder.add_text_field("validity", stored=False, tokenizer_name="raw")
    return builder.build()


_lock = threading.Lock()
_open: dict[str, tuple[tantivy.Index, float]] = {}


# Bumped when the schema or the text analysis changes: a new version lives in a new folder, so
# an old index is never read with the wrong schema; `gongkai search check` then reports the
# new one empty and `gongkai search reindex` fills it.
SCHEMA_VERSION = 1


def index_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR) / f"v{SCHEMA_VERSION}"


def _meta_mtime(path: Path) -> float:
    try:
        return (path / "meta.json").stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _index() -> tantivy.Index:
    path = index_dir()
    key = str(path)
    with _lock:
        cached = _open.get(key)
        mtime = _meta_mtime(path)
        if cached is None:
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(schema(), path=key, reuse=True)
            _open[key] = (index, mtime)
            return index
        index, seen = cached
        if mtime != seen:
            index.reload()
            _open[key] = (index, mtime)
        return index


@contextlib.contextmanager
def _writer() -> Iterator[Any]:
    """The index writer, held by one process at a time (blocking, not failing)."""
    path = index_dir()
    path.mkdir(parents=True, exist_ok=True)
    with open(path / ".gongkai-writer.lock", "w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            writer = _index().writer(heap_size=WRITER_HEAP, num_threads=1)
            yield writer
            writer.commit()
            writer.wait_merging_threads()
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
    with _lock:  # this process wrote: the next search reloads
        _open.pop(str(path), None)


def _id_query(item_id: int) -> tantivy.Query:
    return tantivy.Query.term_query(_index().schema, "id", item_id)


def _as_tantivy(document: Document) -> tantivy.Document:
    title = f"{document.title} {document.doc_number}"
    out = tantivy.Document()
    out.add_unsigned("id", document.id)
    out.add_unsigned("stamp", document.stamp)
    out.add_text("title_uni", text.unigrams(title))
    out.add_text("title_bi", text.bigrams(title))
    out.add_text("body_uni", text.unigrams(document.body))
    out.add_text("body_bi", text.bigrams(document.body))
    for name, value in (
        ("unit", document.unit),
        ("column", document.column),
        ("year", document.year),
        ("published", document.published.toordinal()),
    ):
        out.add_unsigned(name, value)
    out.add_text("validity", document.validity)
    return out


def index_items(documents: Iterable[Document]) -> int:
    """Add or replace documents (by id)."""
    count = 0
    with _writer() as writer:
        for document in documents:
            writer.delete_documents_by_query(_id_query(document.id))
            writer.add_document(_as_tantivy(document))
            count += 1
    return count


def remove_items(ids: Iterable[int]) -> None:
    with _writer() as writer:
        for item_id in ids:
            writer.delete_documents_by_query(_id_query(item_id))


def rebuild(documents: Iterable[Document], *, progress: Any = None, batch: int = 10_000) -> int:
    """Empty the index and add every document, committing in batches."""
    count = 0
    with _writer() as writer:
        writer.delete_all_documents()
        for document in documents:
            writer.add_document(_as_tantivy(document))
            count += 1
            if count % batch == 0:
                writer.commit()
                if progress:
                    progress(count)
    if progress:
        progress(count)
    return count


def _term_query(idx: tantivy.Index, field: str, value: Any) -> tantivy.Query:
    return tantivy.Query.term_query(idx.schema, field, value)


def _field_query(idx: tantivy.Index, term: text.Term, field: str) -> tantivy.Query:
    grams = term.grams
    if term.cjk and len(term.text) >= 3:
        words: list[str | tuple[int, str]] = list(grams)
        return tantivy.Query.phrase_query(idx.schema, f"{field}_bi", words)
    kind = "uni" if len(term.text) == 1 or not term.cjk else "bi"
    return _term_query(idx, f"{field}_{kind}", grams[0])


def build_query(idx: tantivy.Index, query: str, filters: Filters) -> tantivy.Query:
    terms = text.parse(query)
    must: list[tuple[Any, tantivy.Query]] = []
    for term in terms:
        title = tantivy.Query.boost_query(_field_query(idx, term, "title"), TITLE_BOOST)
        either = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, title),
                (tantivy.Occur.Should, _field_query(idx, term, "body")),
            ]
        )
        must.append((tantivy.Occur.Must, either))
    for field in ("unit", "year"):
        value = getattr(filters, field)
        if value is not None:
            must.append((tantivy.Occur.Must, _term_query(idx, field, int(value))))
    if filters.columns:  # a column and the columns below it
        columns = [
            (tantivy.Occur.Should, _term_query(idx, "column", int(c))) for c in filters.columns
        ]
        must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(columns)))
    if filters.validity:
        must.append((tantivy.Occur.Must, _term_query(idx, "validity", filters.validity)))
    if not terms:  # no words: every document (that the filters let through)
        must.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(must)


def search(
    query: str,
    filters: Filters = Filters(),
    *,
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
) -> Results:
    """Top ``limit`` ids from ``offset`` by BM25 (or newest first), with the exact total."""
    idx = _index()
    built = build_query(idx, query, filters)
    searcher = idx.searcher()
    if sort == "date":
        found = searcher.search(
            built,
            limit=limit,
            offset=offset,
            count=True,
            order_by_field="published",
            order=tantivy.Order.Desc,
        )
    else:
        found = searcher.search(built, limit=limit, offset=offset, count=True)
    ids, scores = [], []
    for score, address in found.hits:
        ids.append(int(searcher.doc(address)["id"][0]))
        scores.append(float(score))
    total = found.count  # type: ignore[attr-defined]  # present at run time, absent from the stub
    return Results(int(total or 0), ids, scores)


def document_count() -> int:
    return int(_index().searcher().num_docs)


def indexed_stamps() -> dict[int, int]:
    """Every document in the index, as {id: stamp} (for ``gongkai search check``)."""
    idx = _index()
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


def size_on_disk() -> int:
    return sum(f.stat().st_size for f in index_dir().glob("*") if f.is_file())


def clear_cache() -> None:
    with _lock:
        _open.clear()
