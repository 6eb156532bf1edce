"""The national format of the annual report (政府信息公开工作年度报告格式): the rows and columns of
table 三 (applications) and table 四 (reconsideration and litigation), in the 2019 trial format
(国办公开办函〔2019〕60号) and the 2021 revision (国办公开办函〔2021〕30号).

Labels are the exact texts of the templates; sub-rows are written ``group/sub-row`` as in the
JSON files of published reports. Pure: no ORM, no settings. It sits beside ``law.py``, below
the apps, because the applications name these rows too (each outcome counts in one of them, and
the case list exports them), not only the annual report (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FormatVersion(StrEnum):
    V2019 = "2019"
    V2021 = "2021"

    @classmethod
    def for_year(cls, year: int) -> FormatVersion:
        """The format a report for ``year`` uses by default: 2019 and 2020 reports the trial
        format, reports from 2021 on the revision (30号 applies from the 2021 report)."""
        return cls.V2019 if year <= 2020 else cls.V2021


# Table 三 columns: the applicant types (申请人情况), then the total. No subtotal column for
# 法人或其他组织 exists in the official layout.
NATURAL_PERSON = "自然人"
LEGAL_PERSON_COLUMNS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPLICANT_COLUMNS = (NATURAL_PERSON, *LEGAL_PERSON_COLUMNS)
TOTAL = "总计"
COLUMNS = (*APPLICANT_COLUMNS, TOTAL)

ROW_NEW = "一、本年新收政府信息公开申请数量"
ROW_CARRIED_IN = "二、上年结转政府信息公开申请数量"
ROW_RESULTS_GROUP = "三、本年度办理结果"
ROW_RESULTS_TOTAL = "（七）总计"
ROW_CARRIED_OUT = "四、结转下年度继续办理"


@dataclass(frozen=True)
class ResultRow:
    key: str
    label_2021: str
    label_2019: str


_PARTIAL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"

RESULT_ROWS: tuple[ResultRow, ...] = (
    ResultRow("disclose", "（一）予以公开", "（一）予以公开"),
    ResultRow("partial", _PARTIAL, _PARTIAL),
    *(
        ResultRow(key, f"（三）不予公开/{label}", f"（三）不予公开/{label}")
        for key, label in (
            ("withhold_secret", "1.属于国家秘密"),
            ("withhold_law", "2.其他法律行政法规禁止公开"),
            ("withhold_safety", "3.危及“三安全一稳定”"),
            ("withhold_third_party", "4.保护第三方合法权益"),
            ("withhold_internal", "5.属于三类内部事务信息"),
            ("withhold_process", "6.属于四类过程性信息"),
            ("withhold_enforcement", "7.属于行政执法案卷"),
            ("withhold_query", "8.属于行政查询事项"),
        )
    ),
    *(
        ResultRow(key, f"（四）无法提供/{label}", f"（四）无法提供/{label}")
        for key, label in (
            ("unable_not_held", "1.本机关不掌握相关政府信息"),
            ("unable_needs_creation", "2.没有现成信息需要另行制作"),
            ("unable_unclear", "3.补正后申请内容仍不明确"),
        )
    ),
    *(
        ResultRow(key, f"（五）不予处理/{label}", f"（五）不予处理/{label}")
        for key, label in (
            ("reject_petition", "1.信访举报投诉类申请"),
            ("reject_repeat", "2.重复申请"),
            ("reject_publication", "3.要求提供公开出版物"),
            ("reject_excessive", "4.无正当理由大量反复申请"),
            ("reject_confirm", "5.要求行政机关确认或重新出具已获取信息"),
        )
    ),
    # The 2019 format has one row （六）其他处理; 2021 splits it in three.
    ResultRow(
        "other_no_correction",
        "（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    ResultRow(
        "other_no_fee",
        "（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "（六）其他处理",
    ),
    ResultRow("other", "（六）其他处理/3.其他", "（六）其他处理"),
)

RESULT_ROW_KEYS = tuple(r.key for r in RESULT_ROWS)
_BY_KEY = {r.key: r for r in RESULT_ROWS}


def result_row(key: str) -> ResultRow:
    return _BY_KEY[key]


def result_labels(version: FormatVersion) -> tuple[str, ...]:
    """The result rows of table 三 in order, without duplicates (2019 has one （六）)."""
    labels: list[str] = []
    for row in RESULT_ROWS:
        label = row.label_2021 if version is FormatVersion.V2021 else row.label_2019
        if label not in labels:
            labels.append(label)
    return tuple(labels)


def table3_rows(version: FormatVersion) -> tuple[str, ...]:
    """Every data row of table 三: 23 in the 2019 format, 25 in the 2021 format."""
    return (ROW_NEW, ROW_CARRIED_IN, *result_labels(version), ROW_RESULTS_TOTAL, ROW_CARRIED_OUT)


def label_of(key: str, version: FormatVersion) -> str:
    row = _BY_KEY[key]
    return row.label_2021 if version is FormatVersion.V2021 else row.label_2019


# Table 四: three groups of five cells.
REVIEW = "行政复议"
LITIGATION_DIRECT = "行政诉讼/未经复议直接起诉"
LITIGATION_AFTER_REVIEW = "行政诉讼/复议后起诉"
TABLE4_GROUPS = (REVIEW, LITIGATION_DIRECT, LITIGATION_AFTER_REVIEW)
UPHELD, CORRECTED, OTHER_RESULT, PENDING = "结果维持", "结果纠正", "其他结果", "尚未审结"
TABLE4_CELLS = (UPHELD, CORRECTED, OTHER_RESULT, PENDING, TOTAL)


# Table 二: blocks of 第二十条, each with its rows and columns (both formats, spec §2.3).
@dataclass(frozen=True)
class ProactiveBlock:
    item: str  # 第二十条第（X）项
    rows: tuple[str, ...]
    columns: tuple[str, ...]


TABLE2: dict[FormatVersion, tuple[ProactiveBlock, ...]] = {
    FormatVersion.V2019: (
        ProactiveBlock(
            "第二十条第（一）项",
            ("规章", "规范性文件"),
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        ),
        ProactiveBlock(
            "第二十条第（五）项",
            ("行政许可", "其他对外管理服务事项"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveBlock(
            "第二十条第（六）项",
            ("行政处罚", "行政强制"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ProactiveBlock("第二十条第（八）项", ("行政事业性收费",), ("上一年项目数量", "本年增/减")),
        ProactiveBlock("第二十条第（九）项", ("政府集中采购",), ("采购项目数量", "采购总金额")),
    ),
    FormatVersion.V2021: (
        ProactiveBlock(
            "第二十条第（一）项",
            ("规章", "行政规范性文件"),
            ("本年制发件数", "本年废止件数", "现行有效件数"),
        ),
        ProactiveBlock("第二十条第（五）项", ("行政许可",), ("本年处理决定数量",)),
        ProactiveBlock("第二十条第（六）项", ("行政处罚", "行政强制"), ("本年处理决定数量",)),
        ProactiveBlock("第二十条第（八）项", ("行政事业性收费",), ("本年收费金额（单位：万元）",)),
    ),
}
# Cells that may hold a decimal (money) or a negative number (a change); all others are counts.
DECIMAL_COLUMNS = frozenset({"本年收费金额（单位：万元）", "采购总金额"})
SIGNED_COLUMNS = frozenset({"本年增/减"})

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

GROUP_LABELS = {  # the rowspan group cells of table 三
    "（三）不予公开": 8,
    "（四）无法提供": 3,
    "（五）不予处理": 5,
}


def empty_table3(version: FormatVersion) -> dict[str, dict[str, int | None]]:
    return {row: dict.fromkeys(COLUMNS, 0) for row in table3_rows(version)}


def empty_table4() -> dict[str, dict[str, int | None]]:
    return {group: dict.fromkeys(TABLE4_CELLS, 0) for group in TABLE4_GROUPS}


def empty_table2(version: FormatVersion) -> dict[str, dict[str, dict[str, float | int | None]]]:
    return {
        block.item: {row: dict.fromkeys(block.columns, 0) for row in block.rows}
        for block in TABLE2[version]
    }
