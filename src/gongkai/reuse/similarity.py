"""Do two applications ask for the same information? Their request texts compared on their sets
of character pairs (bigrams, as the search index cuts text), and the applications grouped into
clusters for 《条例》第四十四条. Pure.

The measure is the Jaccard index |A ∩ B| / |A ∪ B| of the two bigram sets: 1.0 for texts with
the same pairs (identical texts, or the same words in another order or script), 0.0 for texts
sharing none, symmetric. Clusters are the connected components of the graph whose edges join
two texts at least ``threshold`` alike (single linkage): every application is in exactly one
cluster, so the clusters are a partition, and the grouping does not depend on the order the
applications come in.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

from gongkai.search.text import bigram_set

K = TypeVar("K", bound=Hashable)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similarity(text_a: str, text_b: str) -> float:
    """How alike two request texts are, from 0.0 to 1.0."""
    return jaccard(bigram_set(text_a), bigram_set(text_b))


def clusters(texts: Mapping[K, str], threshold: float) -> list[list[K]]:
    """Every key in exactly one cluster; a cluster's keys in the order given, the clusters by
    their first key's order. Texts without any pair stand alone (nothing to compare)."""
    keys = list(texts)
    grams = {k: bigram_set(texts[k]) for k in keys}
    parent: dict[K, K] = {k: k for k in keys}

    def root(k: K) -> K:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Pairs sharing no bigram cannot reach a positive threshold: compare only those that share.
    by_gram: dict[str, list[int]] = {}
    for position, k in enumerate(keys):
        for gram in grams[k]:
            by_gram.setdefault(gram, []).append(position)
    seen: set[tuple[int, int]] = set()
    for positions in by_gram.values():
        for i, first in enumerate(positions):
            for second in positions[i + 1 :]:
                if (first, second) in seen:
                    continue
                seen.add((first, second))
                a, b = keys[first], keys[second]
                if jaccard(grams[a], grams[b]) >= threshold:
                    parent[root(b)] = root(a)
    groups: dict[K, list[K]] = {}
    for k in keys:
        groups.setdefault(root(k), []).append(k)
    return sorted(groups.values(), key=lambda group: keys.index(group[0]))


def repeated(groups: Sequence[list[K]]) -> list[list[K]]:
    """The clusters of two or more applications: the ones 第四十四条 speaks of."""
    return [group for group in groups if len(group) >= 2]
