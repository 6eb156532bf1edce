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
from django.utils import timezone

from gongkai.search import text

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
    return builder.build()


_lock = threading.Lock()
_open: dict[str, tuple[tantivy.Index, float]] = {}


# Bumped when the schema or the text analysis changes: a new version lives in a new folder, so
# an old index is never read with the wrong schema; `gongkai search check` then reports the
# new one empty and `gongkai search reindex` fills it.
SCHEMA_VERSION = 2


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
            writer = _index().writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
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
    header = f"{document.title} {document.doc_number}"
    out = tantivy.Document()
    out.add_unsigned("id", document.id)
    out.add_unsigned("stamp", document.stamp)
    for name, analyze in (("uni", text.unigrams), ("bi", text.bigrams)):
        head = analyze(header)
        separated = f" {text.SEPARATOR} " if name == "bi" else " "
        out.add_text(name, separated.join([head] * TITLE_REPEAT + [analyze(document.body)]))
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


def _word_query(idx: tantivy.Index, term: text.Term) -> tantivy.Query:
    grams = term.grams
    if len(grams) > 1:
        words: list[str | tuple[int, str]] = list(grams)
        return tantivy.Query.phrase_query(idx.schema, "bi", words)
    field = "bi" if term.cjk and len(term.text) > 1 else "uni"
    return _term_query(idx, field, grams[0][1])


def _build(idx: tantivy.Index, terms: list[text.Term], filters: Filters) -> tantivy.Query:
    must: list[tuple[Any, tantivy.Query]] = [
        (tantivy.Occur.Must, _word_query(idx, term)) for term in terms
    ]
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
    if len(must) == 1:
        return must[0][1]
    return tantivy.Query.boolean_query(must)


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
    field = "bi" if term.cjk and len(term.text) > 1 else "uni"
    return int(searcher.doc_freq(field, term.grams[0][1]))


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
        found = searcher.search(built, limit=limit, offset=offset, count=known is None)
    ids, scores = [], []
    for score, address in found.hits:
        ids.append(int(searcher.doc(address)["id"][0]))
        scores.append(float(score))
    # ``count`` is present at run time, absent from the stub
    total = known if known is not None else found.count  # type: ignore[attr-defined]
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


def segment_count() -> int:
    return int(_index().searcher().num_segments)


def size_on_disk() -> int:
    return sum(f.stat().st_size for f in index_dir().glob("*") if f.is_file())


def clear_cache() -> None:
    with _lock:
        _open.clear()
