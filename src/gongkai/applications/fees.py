"""The information-processing fee (信息处理费) of 《政府信息公开信息处理费管理办法》
(国办函〔2020〕109号): two bases, never both on one application, each progressive on the excess.

- 按件计收 (per application): counted over the same applicant's applications in one calendar
  month; the first 10 are free, the 11th to 30th cost 100 yuan each, and from the 31st the price
  rises by 100 yuan for every further 10 (31st–40th 200 yuan, 41st–50th 300 yuan …). An
  application may count as several 件 when it is split by "一事一申请".
- 按量计收 (per page): per application, the first 30 pages are free, pages 31–100 cost 10 yuan,
  101–200 20 yuan, and every page from the 201st 40 yuan.

Whether to charge at all is the agency's choice (条例第四十二条 "可以"). Pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

# 国办函〔2020〕109号 in force: applications received earlier pay no information-processing fee.
FEE_MEASURE_FROM = dt.date(2021, 1, 1)

FREE_APPLICATIONS_PER_MONTH = 10
FREE_PAGES = 30
PAGE_TIERS: tuple[tuple[int, int | None, int], ...] = (
    # (first page, last page or None, yuan per page)
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


class FeeBasis(StrEnum):
    PER_APPLICATION = "per_application"
    PER_PAGE = "per_page"

    @property
    def label(self) -> str:
        return {FeeBasis.PER_APPLICATION: "按件计收", FeeBasis.PER_PAGE: "按量计收"}[self]


def yuan_for_rank(rank: int) -> int:
    """The price of the ``rank``-th application of an applicant in a calendar month."""
    if rank < 1:
        raise ValueError("件次应从1开始")
    if rank <= FREE_APPLICATIONS_PER_MONTH:
        return 0
    if rank <= 30:
        return 100
    return 100 * (2 + (rank - 31) // 10)


@dataclass(frozen=True)
class FeeLine:
    description: str
    quantity: int
    unit_price: int

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class FeeQuote:
    basis: FeeBasis
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def explanation(self) -> list[str]:
        if not self.lines or self.total == 0:
            return [f"{self.basis.label}：未超过免费额度，不收费。"]
        return [
            f"{line.description}：{line.quantity} × {line.unit_price}元 = {line.amount}元"
            for line in self.lines
            if line.amount
        ] + [f"合计：{self.total}元"]


def per_application(earlier_this_month: int, items: int = 1) -> FeeQuote:
    """The fee for an application of ``items`` 件 by an applicant who already filed
    ``earlier_this_month`` 件 in the same calendar month."""
    if earlier_this_month < 0 or items < 1:
        raise ValueError("件数不能为负，本次至少1件")
    by_price: dict[int, list[int]] = {}
    for rank in range(earlier_this_month + 1, earlier_this_month + items + 1):
        by_price.setdefault(yuan_for_rank(rank), []).append(rank)
    lines = tuple(
        FeeLine(
            f"本月第{ranks[0]}件" + (f"至第{ranks[-1]}件" if len(ranks) > 1 else ""),
            len(ranks),
            price,
        )
        for price, ranks in sorted(by_price.items(), key=lambda kv: kv[1][0])
    )
    return FeeQuote(FeeBasis.PER_APPLICATION, lines)


def per_page(pages: int) -> FeeQuote:
    if pages < 0:
        raise ValueError("页数不能为负")
    lines = []
    for first, last, price in PAGE_TIERS:
        top = pages if last is None else min(pages, last)
        count = max(0, top - first + 1)
        if count:
            span = f"第{first}页至第{top}页" if top > first else f"第{first}页"
            lines.append(FeeLine(span, count, price))
    return FeeQuote(FeeBasis.PER_PAGE, tuple(lines))
