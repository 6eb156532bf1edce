"""Chinese text for search: one script, and the units the index is built on. Pure.

Unspaced Chinese has no word boundaries to split on, so text is indexed as characters
(unigrams) and character pairs (bigrams): a 1-character query is a unigram, a 2-character query a
bigram, a longer query a phrase of bigrams — exact matches, no dictionary, no synonyms.
Traditional characters are converted to simplified (OpenCC's t2s) before indexing and before
searching, so either script finds the other.

In the bigram stream, positions are character positions: a run of n characters gives its n − 1
pairs and then its last character (n tokens), and a separator follows the run. A phrase can
therefore be matched on pairs that do not overlap — 政府信息公开 as 政府 @0, 信息 @2, 公开 @4 — and
still mean exactly "these characters, consecutive": inside a run the positions say so, and no
phrase can bridge two runs, because after a run's last pair comes its last character and then
the separator, never another pair two positions on. Fewer pairs make a phrase about a third
faster to match (bench/search.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import opencc

# CJK ideographs: the unified blocks with their extensions (OpenCC maps some traditional
# characters to simplified ones in Extensions B–H), 〇, and the compatibility blocks.
_CJK = (
    r"\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\U00020000-\U0003134f\U0002f800-\U0002fa1f"
)
_SEGMENTS = re.compile(rf"[{_CJK}]+|[0-9a-z]+")


@functools.cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return str(_converter("t2s.json").convert(text))


def to_traditional(text: str) -> str:
    return str(_converter("s2t.json").convert(text))


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, simplified characters."""
    return to_simplified(unicodedata.normalize("NFKC", text).lower())


def segments(text: str) -> list[str]:
    """Runs of CJK characters and of latin letters or digits, in order."""
    return _SEGMENTS.findall(normalize(text))


def is_cjk(segment: str) -> bool:
    return bool(re.fullmatch(rf"[{_CJK}]+", segment))


# Follows each CJK run in the bigram stream; never a token of text (tokens are CJK or [0-9a-z]).
SEPARATOR = "|"


def streams(text: str) -> tuple[str, str]:
    """The unigram and the bigram stream of ``text`` in one pass (indexing analyses every item
    twice over, so the text is normalized and split once — a third of a rebuild's time was the
    same work done again). A segment is a CJK run or an ASCII run, never mixed, so its first
    character says which."""
    uni: list[str] = []
    bi: list[str] = []
    for segment in segments(text):
        if segment[0].isascii():
            uni.append(segment)
            bi.append(segment)
            continue
        uni.extend(segment)
        bi.extend(map(str.__add__, segment, segment[1:]))
        bi.append(segment[-1])
        bi.append(SEPARATOR)
    if bi and bi[-1] == SEPARATOR:
        bi.pop()
    return " ".join(uni), " ".join(bi)


def unigrams(text: str) -> str:
    """Space-separated tokens: every CJK character, every latin word."""
    return streams(text)[0]


def bigrams(text: str) -> str:
    """Space-separated tokens: for each CJK run, every pair of adjacent characters, then the
    run's last character, then the separator (so positions are character positions and no
    phrase bridges two runs); every latin word."""
    return streams(text)[1]


def bigram_set(text: str) -> frozenset[str]:
    """The distinct character pairs of each CJK run (a run of one character gives itself) and
    the latin words: what two texts are compared on when the question is "do they ask for the
    same thing" (gongkai.reuse.similarity), and what a look-up for similar items searches."""
    out: set[str] = set()
    for segment in segments(text):
        if is_cjk(segment) and len(segment) > 1:
            out.update(segment[i : i + 2] for i in range(len(segment) - 1))
        else:
            out.add(segment)
    return frozenset(out)


@dataclass(frozen=True)
class Term:
    """One part of a query: a CJK run (searched as unigram, bigram or bigram phrase) or a word."""

    text: str
    cjk: bool

    @property
    def grams(self) -> list[tuple[int, str]]:
        """The tokens to match, with their positions: a word or a character alone; for a CJK
        run of two or more, the pairs at 0, 2, 4, … and, when the length is odd, the last
        pair (which overlaps the one before)."""
        n = len(self.text)
        if not self.cjk or n == 1:
            return [(0, self.text)]
        starts = list(range(0, n - 1, 2))
        if n % 2 == 1:
            starts.append(n - 2)
        return [(i, self.text[i : i + 2]) for i in starts]


def parse(query: str) -> list[Term]:
    return [Term(s, is_cjk(s)) for s in segments(query)][:10]


def snippet(body: str, query: str, width: int = 110, lead: int = 25) -> list[tuple[str, bool]]:
    """A passage of ``body`` around the first match of the query, as (text, is_match) pieces
    for the template to escape and mark. Matching is on the normalized script, so a
    traditional query marks the simplified text; when normalization changes the length of the
    text (rare phrase conversions), the start of the body is returned unmarked."""
    body = " ".join(body.split())
    words = sorted({t.text for t in parse(query)}, key=len, reverse=True)
    folded = normalize(body)
    if not words or len(folded) != len(body):
        return [(body[:width] + ("…" if len(body) > width else ""), False)]
    pattern = re.compile("|".join(re.escape(w) for w in words))
    first = pattern.search(folded)
    start = 0 if first is None else max(0, first.start() - lead)
    end = min(len(body), start + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for match in pattern.finditer(folded, start, end):
        if match.start() > at:
            pieces.append((body[at : match.start()], False))
        pieces.append((body[match.start() : min(match.end(), end)], True))
        at = min(match.end(), end)
    if at < end:
        pieces.append((body[at:end], False))
    if end < len(body):
        pieces.append(("…", False))
    return pieces


def marked(title: str, query: str) -> list[tuple[str, bool]]:
    """The whole of a short text (a title) with the query's matches marked."""
    return snippet(title, query, width=max(len(title), 1), lead=len(title))
