"""The legal bases Gongkai cites, each written once.

Every rule in the code that rests on a provision refers to a constant here, so a citation can be
corrected in one place and the tests can walk the whole table. Pure: no ORM, no settings.

Sources: the Regulation as revised by 国务院令第711号 (2019) and the other instruments named,
as collected in the project spec (ogi-regulation.md, §1 and §3–4).
"""

from __future__ import annotations

from dataclasses import dataclass

REGULATION = "《中华人民共和国政府信息公开条例》"
REGULATION_SHORT = "《条例》"


@dataclass(frozen=True)
class Basis:
    """A legal basis: the instrument and the provision, and a one-line statement of the rule."""

    key: str
    citation: str
    rule: str

    def __str__(self) -> str:
        return self.citation

    @property
    def short(self) -> str:
        """The citation with the Regulation abbreviated, for text that has named it once."""
        return self.citation.replace(REGULATION, REGULATION_SHORT)


def _b(key: str, citation: str, rule: str) -> Basis:
    return Basis(key=key, citation=citation, rule=rule)


# --- the Regulation -----------------------------------------------------------------------------
ART4_WORK_SYSTEM = _b(
    "art4",
    f"{REGULATION}第四条",
    "行政机关应当建立健全政府信息公开工作制度，并指定机构负责政府信息公开日常工作",
)
ART26_PUBLICATION_PERIOD = _b(
    "art26",
    f"{REGULATION}第二十六条",
    "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开",
)
ART30_CORRECTION = _b(
    "art30",
    f"{REGULATION}第三十条",
    "申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人作出补正；"
    "答复期限自行政机关收到补正的申请之日起计算",
)
ART31_RECEIPT_DATE = _b(
    "art31",
    f"{REGULATION}第三十一条",
    "当面提交的以提交之日、邮寄的以签收之日（平常信函以确认之日）、"
    "互联网渠道或传真的以双方确认之日为收到申请之日",
)
ART32_THIRD_PARTY = _b(
    "art32",
    f"{REGULATION}第三十二条",
    "第三方应当自收到征求意见书之日起15个工作日内提出意见",
)
ART33_ANSWER_PERIOD = _b(
    "art33.2",
    f"{REGULATION}第三十三条第二款",
    "不能当场答复的，应当自收到申请之日起20个工作日内予以答复；"
    "经政府信息公开工作机构负责人同意可延长，延长的期限最长不得超过20个工作日",
)
ART33_CONSULTATION_EXCLUDED = _b(
    "art33.3",
    f"{REGULATION}第三十三条第三款",
    "行政机关征求第三方和其他机关意见所需时间不计算在答复期限内",
)
ART34_OTHER_AGENCY = _b(
    "art34",
    f"{REGULATION}第三十四条",
    "被征求意见的机关应当自收到征求意见书之日起15个工作日内提出意见",
)
ART35_REASONABLE_PERIOD = _b(
    "art35",
    f"{REGULATION}第三十五条",
    "申请数量、频次明显超过合理范围且理由合理、无法在规定期限内答复的，"
    "可以确定延迟答复的合理期限并告知申请人",
)

# --- other instruments --------------------------------------------------------------------------
FEE_MEASURE = _b(
    "fee",
    "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    "申请人应当在收到收费通知次日起20个工作日内缴纳费用，逾期未缴纳的视为放弃申请",
)
CIVIL_CODE_ART201 = _b(
    "civil201",
    "《中华人民共和国民法典》第二百零一条",
    "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算",
)
HOLIDAY_MEASURE = _b(
    "holidays",
    "《全国年节及纪念日放假办法》",
    "法定节假日及调休安排以国务院办公厅每年发布的部分节假日安排通知为准",
)

ALL: tuple[Basis, ...] = (
    ART4_WORK_SYSTEM,
    ART26_PUBLICATION_PERIOD,
    ART30_CORRECTION,
    ART31_RECEIPT_DATE,
    ART32_THIRD_PARTY,
    ART33_ANSWER_PERIOD,
    ART33_CONSULTATION_EXCLUDED,
    ART34_OTHER_AGENCY,
    ART35_REASONABLE_PERIOD,
    FEE_MEASURE,
    CIVIL_CODE_ART201,
    HOLIDAY_MEASURE,
)
