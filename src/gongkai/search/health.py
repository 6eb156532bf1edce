"""Whether the search index agrees with the catalog, cheaply: the number of documents in the
index against the number of published items in active columns, and the state of the index's
folders (a rebuild running, or the leftovers of one that died). ``gongkai serve`` prints it at
start-up and the office's staff home shows it; ``gongkai search check`` compares every document
(its fingerprint) when a count is not enough."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from gongkai.search import engine

CACHE_KEY = "gongkai.search.health"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Health:
    indexed: int  # documents in the served index
    expected: int  # published items in active columns
    building: bool  # a rebuild is running now
    leftovers: int  # folders of a rebuild that failed or was killed

    @property
    def agrees(self) -> bool:
        return self.indexed == self.expected

    def problem(self) -> str:
        """What is wrong, in Chinese, or "" when the index agrees with the catalog."""
        if self.agrees:
            return ""
        if self.building:
            return (
                f"检索索引正在重建：当前索引 {self.indexed} 条，应有 {self.expected} 条；"
                "重建完成后自动切换"
            )
        empty = "检索索引为空" if not self.indexed else f"检索索引有 {self.indexed} 条"
        return (
            f"{empty}，已发布的信息有 {self.expected} 条：门户网站检索结果不完整。"
            "请运行 gongkai search reindex 重建索引（重建期间检索照常使用旧索引）"
        )


def measure() -> Health:
    from gongkai.catalog.models import Item

    state = engine.storage()
    return Health(
        indexed=engine.document_count(),
        expected=Item.objects.public().count(),
        building=state.building,
        leftovers=len(state.leftovers),
    )


def cached() -> Health:
    """:func:`measure`, at most every few minutes (for a page every member of staff opens)."""
    found = cache.get(CACHE_KEY)
    if isinstance(found, Health):
        return found
    found = measure()
    cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found
