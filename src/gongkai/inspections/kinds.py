"""The kinds of finding (检查发现) an inspection records: a closed list, each with the rule the
unit failed and what the finding may point at. Pure.

The list follows the failures the seed district's 2019 report names (体制机制不健全 such as
approval rules; reply notices citing the law inaccurately; incomplete archives; columns not
updated in time) and the rule its report states for 规范性文件 (interpretation published with
the document), plus 其他 for what the list does not name. The rectification notice prints each
finding with its kind's label and cites the rule (docs/inspections.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai import law


class FindingKind(StrEnum):
    APPROVAL_RULES = "approval_rules"
    WRONG_ARTICLE = "wrong_article"
    INCOMPLETE_FILE = "incomplete_file"
    STALE_COLUMN = "stale_column"
    MISSING_INTERPRETATION = "missing_interpretation"
    GUIDE_OUTDATED = "guide_outdated"
    OTHER = "other"

    @property
    def label(self) -> str:
        return KINDS[self].label

    @property
    def basis(self) -> law.Basis:
        return KINDS[self].basis


@dataclass(frozen=True)
class Kind:
    label: str
    basis: law.Basis


KINDS: dict[FindingKind, Kind] = {
    FindingKind.APPROVAL_RULES: Kind(
        "审批程序缺失（信息发布审批、依申请办理流程等制度不健全）",
        law.ART17_REVIEW,
    ),
    FindingKind.WRONG_ARTICLE: Kind(
        "告知书引用条款错误或答复不完善",
        law.ART36_REPLY,
    ),
    FindingKind.INCOMPLETE_FILE: Kind(
        "案卷材料不全、归档不完整",
        law.ART45_CASE_FILES,
    ),
    FindingKind.STALE_COLUMN: Kind(
        "栏目未及时更新",
        law.ART26_PUBLICATION_PERIOD,
    ),
    FindingKind.MISSING_INTERPRETATION: Kind(
        "政策文件缺少解读",
        law.INTERPRETATION_RULE,
    ),
    FindingKind.GUIDE_OUTDATED: Kind(
        "公开指南或目录未及时更新",
        law.ART12_GUIDE_AND_CATALOG,
    ),
    FindingKind.OTHER: Kind(
        "其他问题",
        law.ART47_SUPERVISION,
    ),
}

CHOICES: tuple[tuple[str, str], ...] = tuple((k.value, k.label) for k in FindingKind)
