"""The page-level ``<meta>`` tags of the 《政府网站网页设计规范》: ColumnName and ColumnType on a
column page (栏目页); ArticleTitle, PubDate, ContentSource and Keywords, with the column's tags,
on an item page (文章页). The site's own tags (SiteName, SiteDomain, SiteIDCode) come from the
portal's context processor on every page; base.html renders both through one include
(``_meta.html``), so no template writes a tag by hand — a view only says what its page is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

# ColumnType: the four kinds of column of a government website (《政府网站发展指引》
# 国办发〔2017〕47号, 网站功能: 信息发布、解读回应、办事服务、互动交流).
INFORMATION = "信息发布"
INTERPRETATION = "解读回应"
SERVICE = "办事服务"
INTERACTION = "互动交流"
COLUMN_TYPES = (INFORMATION, INTERPRETATION, SERVICE, INTERACTION)
KEYWORDS_MAX = 10


@dataclass(frozen=True)
class PageMeta:
    column_name: str = ""
    column_type: str = ""
    article_title: str = ""
    pub_date: str = ""
    content_source: str = ""
    keywords: str = ""

    def tags(self) -> list[tuple[str, str]]:
        """(name, content) in the order of the 规范, the empty ones left out."""
        pairs = [
            ("ColumnName", self.column_name),
            ("ColumnType", self.column_type),
            ("ArticleTitle", self.article_title),
            ("PubDate", self.pub_date),
            ("ContentSource", self.content_source),
            ("Keywords", self.keywords),
        ]
        return [(name, content) for name, content in pairs if content]


def column(name: str, kind: str) -> PageMeta:
    """A column page (a list of items, questions, consultations, reports)."""
    if kind not in COLUMN_TYPES:
        raise ValueError(f"unknown column type {kind!r}")
    return PageMeta(column_name=name, column_type=kind)


def pub_date(published: dt.datetime | dt.date) -> str:
    """``YYYY-MM-DD HH:MM`` in local time, the 规范's form; a date alone is its midnight."""
    if isinstance(published, dt.datetime):
        return timezone.localtime(published).strftime("%Y-%m-%d %H:%M")
    return f"{published:%Y-%m-%d} 00:00"


def keywords(words: Iterable[str]) -> str:
    """Comma-separated, each once, in the order given."""
    seen: list[str] = []
    for word in words:
        word = word.strip().replace(",", " ")
        if word and word not in seen:
            seen.append(word)
    return ",".join(seen[:KEYWORDS_MAX])


def article(
    *,
    title: str,
    published: dt.datetime | dt.date,
    source: str,
    words: Iterable[str],
    column_name: str,
    column_type: str,
) -> PageMeta:
    """An item page: the article's tags with those of the column it stands in."""
    base = column(column_name, column_type)
    return PageMeta(
        column_name=base.column_name,
        column_type=base.column_type,
        article_title=title,
        pub_date=pub_date(published),
        content_source=source,
        keywords=keywords(words),
    )
