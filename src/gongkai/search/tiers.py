"""Impact tiers: exact BM25 top-k for the few words found in nearly every item. Pure.

Block-max WAND makes a one-word query cheap by skipping the blocks of its posting list whose
best score cannot reach the current top k. For a word in nearly every item (区, 工作 in a
district's catalog) BM25's term frequency saturates: the best score of almost every block of
128 documents is within a few per cent of the best score overall, nothing can be skipped, and
the query scores the whole list (about 13 ms for 950,000 postings on the small servers).

So, for such *hot* words, each document also gets a tier token when the word weighs heavily in
it: when its BM25 term-frequency part, computed at indexing time with the average length seen
then (``avgdl0``), reaches the word's cut ``cut``. A query for a hot word first scores only the
documents in the tier — the word's postings intersected with the tier's, a few thousand instead
of a million — and keeps that page only if it can *prove* that no document outside the tier
scores as high as the page's last hit: :func:`outside_bound` gives the highest score part a
document outside the tier can have under the index's statistics at query time (its average
length ``avgdl`` drifts as items are added; ``rho = avgdl0 / avgdl``). When the proof fails (a
deep page, a drifted average, too few documents in the tier), the query scores the whole list
as before. The result is always exactly the full BM25 top k, same scores and same order.

BM25 as tantivy computes it: ``idf · (k1 + 1) · tf / (tf + k1 · (1 − b + b · dl / avgdl))``, where
``dl`` is the field length *quantized* to one byte (a 3-bit mantissa: exact up to 40 tokens,
then rounded down by less than 1/9 of the length). Deciding the tier on a length that is
rounded down at least as much (:func:`length_floor`) makes the decision err on the side of the
tier, never outside it. Tests check the quantization against the installed tantivy.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

K1 = 1.2
B = 0.75
# tantivy stores field lengths exactly up to this many tokens, then on a log scale with a 3-bit
# mantissa: the stored length is at least 8/9 of the real one.
EXACT_LENGTHS = 40
# The tokenizer drops tokens this long (bytes) or longer: they count for neither tf nor dl.
LONG_TOKEN_BYTES = 40
_LONG = re.compile(r"\S{10,}")


def length_floor(tokens: int) -> float:
    """A length that tantivy's stored (quantized) length of ``tokens`` tokens is never below."""
    if tokens <= EXACT_LENGTHS:
        return float(tokens)
    return tokens * 8 / 9


def tf_part(tf: float, dl: float, avgdl: float, k1: float = K1, b: float = B) -> float:
    """BM25's term-frequency part, ``(k1 + 1) · tf / (tf + k1 · (1 − b + b · dl / avgdl))``."""
    return (k1 + 1) * tf / (tf + k1 * (1 - b + b * dl / avgdl))


def outside_bound(cut: float, rho: float, k1: float = K1, b: float = B) -> float:
    """The supremum of the term-frequency part, under the query-time average length, of a
    document left out of the tier (its part under ``avgdl0`` was below ``cut``), where
    ``rho = avgdl0 / avgdl``. ``math.inf`` when nothing can be said.

    With ``K = k1 · (1 − b + b · dl / avgdl)`` and ``c = k1 · (1 − b)``, ``K = c + (K0 − c) · rho``
    where ``K0 ≥ c`` is the value under ``avgdl0``. When ``rho ≥ 1`` (the average has shrunk),
    ``K ≥ K0``: no part grew, and the bound is the cut. When ``rho < 1``: outside the tier
    ``K0 > tf · g`` with ``g = (k1 + 1) / cut − 1``, so ``K > c · (1 − rho) + tf · g · rho`` and the
    part is below ``(k1 + 1) / (1 + g · rho + c · (1 − rho) / tf)``, itself below
    ``(k1 + 1) / (1 + g · rho)``."""
    if not 0 < cut < k1 + 1 or not rho > 0:
        return math.inf
    if rho >= 1:
        return cut
    g = (k1 + 1) / cut - 1
    return (k1 + 1) / (1 + g * rho)


@dataclass(frozen=True)
class FieldTiers:
    """The hot words of one index field and their cuts, with the average length they were
    computed with."""

    avgdl0: float
    cuts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Tiers:
    """One generation of tier parameters. Every document indexed under it carries the token
    ``gen:<generation>``, so a searcher can tell whether all of its documents were."""

    generation: int
    fields: dict[str, FieldTiers] = field(default_factory=dict)
    k1: float = K1
    b: float = B

    @functools.cached_property
    def _least(self) -> dict[str, float]:
        """Per field, the least ``tf / K`` that reaches any cut (``(k1+1)·tf/(tf+K) ≥ cut`` is
        ``tf ≥ K · cut / (k1 + 1 − cut)``): most of a document's words fall short of it and are
        never looked up. Slightly lowered, so rounding can only let more through."""
        return {
            name: min(cut / (self.k1 + 1 - cut) for cut in spec.cuts.values()) * (1 - 1e-9)
            for name, spec in self.fields.items()
            if spec.cuts
        }

    def tokens(self, profiles: dict[str, Profile]) -> list[str]:
        """The tier tokens of a document, from its profile per field."""
        out = [generation_token(self.generation)]
        least = self._least
        for name, profile in profiles.items():
            spec = self.fields.get(name)
            floor = length_floor(profile.length)
            if spec is None or name not in least or floor <= 0 or not profile.counts:
                continue
            k = self.k1 * (1 - self.b + self.b * floor / spec.avgdl0)
            enough = k * least[name]
            if max(profile.counts.values()) < enough:
                continue
            # The few words frequent enough first (a comprehension, not a loop with a look-up
            # per word: this runs for every document of a rebuild).
            for word in [w for w, tf in profile.counts.items() if tf >= enough]:
                cut = spec.cuts.get(word)
                tf = profile.counts[word]
                if cut is not None and tf_part(tf, floor, spec.avgdl0, self.k1, self.b) >= cut:
                    out.append(tier_token(name, word))
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "generation": self.generation,
            "k1": self.k1,
            "b": self.b,
            "fields": {
                name: {"avgdl0": spec.avgdl0, "cuts": spec.cuts}
                for name, spec in self.fields.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Tiers:
        fields_data = data.get("fields") or {}
        assert isinstance(fields_data, dict)
        return cls(
            generation=int(data["generation"]),  # type: ignore[call-overload]
            k1=float(data.get("k1", K1)),  # type: ignore[arg-type]
            b=float(data.get("b", B)),  # type: ignore[arg-type]
            fields={
                str(name): FieldTiers(
                    avgdl0=float(spec["avgdl0"]),
                    cuts={str(w): float(c) for w, c in spec["cuts"].items()},
                )
                for name, spec in fields_data.items()
            },
        )


def generation_token(generation: int) -> str:
    return f"gen:{generation}"


def tier_token(field_name: str, word: str) -> str:
    return f"{field_name}:{word}"


@dataclass(frozen=True)
class Settings:
    """When a word is hot and how large its tier is (``SEARCH_TIERS`` in the settings)."""

    # Words in at least this share of the sampled documents get a tier.
    hot_share: float = 0.2
    # The tier holds about this share of the documents that contain the word.
    tier_share: float = 0.005
    # No tiers below this many documents: a full scan is fast there anyway.
    min_documents: int = 2_000
    # Hot words per field, at most (the most frequent first).
    max_words: int = 300


@dataclass(frozen=True)
class Profile:
    """What choosing the tiers needs of a document's field: its word counts and its length."""

    counts: Counter[str]
    length: int

    @classmethod
    def of(cls, stream: Sequence[str]) -> Profile:
        stream = [t for t in stream if len(t.encode()) < LONG_TOKEN_BYTES]
        return cls(Counter(stream), len(stream))

    @classmethod
    def of_text(cls, value: str) -> Profile:
        """The profile of a whitespace-separated token stream."""
        # A token of at most 9 characters is under 40 bytes in UTF-8: the usual case (characters,
        # pairs, short numbers) skips the byte count.
        if _LONG.search(value):
            return cls.of(value.split())
        stream = value.split()
        return cls(Counter(stream), len(stream))


def choose(
    generation: int, sample: Iterable[dict[str, Profile]], settings: Settings = Settings()
) -> Tiers:
    """Tier parameters from a sample of documents (a profile per field): the hot words of each
    field and, for each, the cut that puts about ``tier_share`` of the documents containing it
    in its tier. Any parameters are correct (the query checks its proof); good ones make the
    proof hold."""
    by_field: dict[str, list[Profile]] = {}
    documents = 0
    for document in sample:
        documents += 1
        for name, profile in document.items():
            by_field.setdefault(name, []).append(profile)
    if documents < settings.min_documents:
        return Tiers(generation)
    out: dict[str, FieldTiers] = {}
    for name, profiles in by_field.items():
        avgdl0 = sum(p.length for p in profiles) / len(profiles)
        if avgdl0 <= 0:
            continue
        frequency: Counter[str] = Counter()
        for profile in profiles:
            frequency.update(profile.counts.keys())
        hot = [
            word
            for word, df in frequency.most_common(settings.max_words)
            if df >= settings.hot_share * documents
        ]
        cuts = {}
        for word in hot:
            parts = sorted(
                (
                    tf_part(p.counts[word], length_floor(p.length), avgdl0)
                    for p in profiles
                    if word in p.counts
                ),
                reverse=True,
            )
            at = min(len(parts) - 1, max(0, math.ceil(len(parts) * settings.tier_share) - 1))
            cuts[word] = parts[at]
        out[name] = FieldTiers(avgdl0=avgdl0, cuts=cuts)
    return Tiers(generation, out)
