"""The legal bases Gongkai cites, each written once.

Every rule in the code that rests on a provision refers to a constant here, so a citation can be
corrected in one place and the tests can walk the whole table. Pure: no ORM, no settings.

Sources: the Regulation as revised by 国务院令第711号 (2019) and the other instruments named,
as collected in the project spec (ogi-regulation.md, §1 and §3–4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

REGULATION = "《中华人民共和国政府信息公开条例》"
REGULATION_SHORT = "《条例》"
# The text in force before 2019-05-15 has the same title; it is cited with its decree number so
# that a reply under it cannot be mistaken for one under the 2019 text.
REGULATION_2007 = "《中华人民共和国政府信息公开条例》（国务院令第492号）"
REGULATION_2019_FROM = dt.date(2019, 5, 15)  # 国务院令第711号, 第五十六条
RECONSIDERATION_LAW = "《中华人民共和国行政复议法》"
# The text before the 2023 revision (its article numbers unchanged since 1999; last amended
# 2017): cited as such so that the label holds for replies decided before 2018 too.
RECONSIDERATION_LAW_2017 = "《中华人民共和国行政复议法》（2023年修订前）"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

# Instruments whose provisions are grouped when several are cited together (longest first, so
# that the 2007 Regulation is not read as the 2019 one).
INSTRUMENTS = (
    REGULATION_2007,
    RECONSIDERATION_LAW_2017,
    REGULATION,
    RECONSIDERATION_LAW,
    LITIGATION_LAW,
)


class Regime(StrEnum):
    """The text of the Regulation that governs an application: the one in force when it was
    received (an application received before 2019-05-15 stays under the 2007 text)."""

    R2007 = "2007"
    R2019 = "2019"

    @property
    def label(self) -> str:
        return {
            Regime.R2007: "2007年条例（国务院令第492号，2019年5月14日前收到的申请）",
            Regime.R2019: "2019年修订的条例（国务院令第711号，2019年5月15日起收到的申请）",
        }[self]


def regime_on(received: dt.date) -> Regime:
    return Regime.R2019 if received >= REGULATION_2019_FROM else Regime.R2007


def in_chinese(day: dt.date) -> str:
    """A date as the law writes it: 2019年5月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


# The annual report of a year is due in the next one (第四十九条): a department's by 31 January,
# the government's, which its 主管部门 publishes, by 31 March; a county's 主管部门 submits its own
# by 20 February and a city's (地市级) by 10 March (国办公开办函〔2021〕30号), the province's
# by 31 March. As (month, day); reports/rollup.py lays them out by level.
REPORT_DUE_DEPARTMENT = (1, 31)
REPORT_DUE_GOVERNMENT = (3, 31)
REPORT_SUBMIT_COUNTY = (2, 20)
REPORT_SUBMIT_CITY = (3, 10)


def report_due(year: int, due: tuple[int, int]) -> dt.date:
    """The day the report of ``year`` is due, for one of the three dates above."""
    return dt.date(year + 1, *due)


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
        if self.citation.startswith(REGULATION_2007):
            return self.citation
        return self.citation.replace(REGULATION, REGULATION_SHORT)

    @property
    def instrument(self) -> str:
        """The law or regulation cited (the whole citation when it is not one of ours)."""
        for name in INSTRUMENTS:
            if self.citation.startswith(name):
                return name
        return self.citation

    @property
    def provision(self) -> str:
        """The article, paragraph and item, without the instrument ('' when none)."""
        return self.citation.removeprefix(self.instrument)


def _b(key: str, citation: str, rule: str) -> Basis:
    return Basis(key=key, citation=citation, rule=rule)


# --- the Regulation -----------------------------------------------------------------------------
ART4_WORK_SYSTEM = _b(
    "art4",
    f"{REGULATION}第四条",
    "行政机关应当建立健全政府信息公开工作制度，并指定机构负责政府信息公开日常工作",
)
ART12_GUIDE_AND_CATALOG = _b(
    "art12",
    f"{REGULATION}第十二条",
    "行政机关编制、公布的政府信息公开指南和政府信息公开目录应当及时更新；指南包括政府信息的分类、"
    "编排体系、获取方式和政府信息公开工作机构的名称、办公地址、办公时间、联系电话、传真号码、"
    "互联网联系方式等内容；目录包括政府信息的索引、名称、内容概述、生成日期等内容",
)
ART17_REVIEW = _b(
    "art17",
    f"{REGULATION}第十七条",
    "行政机关应当建立健全政府信息公开审查机制，明确审查的程序和责任，依照保守国家秘密法以及其他"
    "法律、法规和国家有关规定对拟公开的政府信息进行审查",
)
ART20_PROACTIVE_SCOPE = _b(
    "art20",
    f"{REGULATION}第二十条",
    "行政机关应当依照本条例第十九条的规定，主动公开本行政机关的行政法规、规章和规范性文件等政府信息",
)
ART25_READING_PLACES = _b(
    "art25",
    f"{REGULATION}第二十五条",
    "各级人民政府应当在国家档案馆、公共图书馆、政务服务场所设置政府信息查阅场所；行政机关应当及时"
    "向国家档案馆、公共图书馆提供主动公开的政府信息",
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

ART2_DEFINITION = _b(
    "art2",
    f"{REGULATION}第二条",
    "政府信息是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息",
)
ART14_MANDATORY_EXEMPTION = _b(
    "art14",
    f"{REGULATION}第十四条",
    "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及"
    "国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开",
)
ART15_THIRD_PARTY_RIGHTS = _b(
    "art15",
    f"{REGULATION}第十五条",
    "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开",
)
ART16_1_INTERNAL = _b(
    "art16.1",
    f"{REGULATION}第十六条第一款",
    "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开",
)
ART16_2_PROCESS = _b(
    "art16.2",
    f"{REGULATION}第十六条第二款",
    "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
    "以及行政执法案卷信息，可以不予公开",
)
ART27_WHO_MAY_APPLY = _b(
    "art27",
    f"{REGULATION}第二十七条",
    "公民、法人或者其他组织可以向地方各级人民政府、对外以自己名义履行行政管理职能的县级以上"
    "人民政府部门申请获取相关政府信息",
)
ART29_FORM = _b(
    "art29",
    f"{REGULATION}第二十九条",
    "申请应当采用书面形式（包括信件、数据电文），并包含申请人的姓名或者名称、身份证明、"
    "联系方式，所需信息的名称、文号或者特征性描述，以及形式要求",
)
ART36_REPLY = _b(
    "art36",
    f"{REGULATION}第三十六条",
    "对政府信息公开申请，行政机关根据下列情况分别作出答复（所依据的情形及条款应当准确）",
)
ART36_1_ALREADY_PUBLIC = _b(
    "art36.1",
    f"{REGULATION}第三十六条第（一）项",
    "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径",
)
ART36_2_DISCLOSE = _b(
    "art36.2",
    f"{REGULATION}第三十六条第（二）项",
    "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、"
    "途径和时间",
)
ART36_3_WITHHOLD = _b(
    "art36.3",
    f"{REGULATION}第三十六条第（三）项",
    "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由",
)
ART36_4_NOT_EXIST = _b(
    "art36.4",
    f"{REGULATION}第三十六条第（四）项",
    "经检索没有所申请公开信息的，告知申请人该政府信息不存在",
)
ART36_5_NOT_RESPONSIBLE = _b(
    "art36.5",
    f"{REGULATION}第三十六条第（五）项",
    "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府"
    "信息的行政机关的，告知申请人该行政机关的名称、联系方式",
)
ART36_6_REPEAT = _b(
    "art36.6",
    f"{REGULATION}第三十六条第（六）项",
    "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，"
    "告知申请人不予重复处理",
)
ART36_7_SPECIAL_ACCESS = _b(
    "art36.7",
    f"{REGULATION}第三十六条第（七）项",
    "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，"
    "告知申请人依照有关法律、行政法规的规定办理",
)
ART37_SEVERANCE = _b(
    "art37",
    f"{REGULATION}第三十七条",
    "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，应当向申请人"
    "提供可以公开的政府信息内容，并对不予公开的内容说明理由",
)
ART38_NO_NEW_WORK = _b(
    "art38",
    f"{REGULATION}第三十八条",
    "向申请人提供的信息，应当是已制作或者获取的政府信息；需要对现有政府信息进行加工、分析的，"
    "可以不予提供",
)
ART39_1_PETITION = _b(
    "art39.1",
    f"{REGULATION}第三十九条第一款",
    "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动的，告知申请人不作为政府信息公开"
    "申请处理并可以告知通过相应渠道提出",
)
ART39_2_PUBLICATIONS = _b(
    "art39.2",
    f"{REGULATION}第三十九条第二款",
    "申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知"
    "获取的途径",
)
ART42_FEES = _b(
    "art42",
    f"{REGULATION}第四十二条",
    "依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费",
)
ART44_REPEATED_REQUESTS = _b(
    "art44",
    f"{REGULATION}第四十四条",
    "多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开的，行政机关可以"
    "纳入主动公开的范围",
)
ART45_CASE_FILES = _b(
    "art45",
    f"{REGULATION}第四十五条",
    "行政机关应当建立健全政府信息公开申请登记、审核、办理、答复、归档的工作制度",
)
ART47_SUPERVISION = _b(
    "art47",
    f"{REGULATION}第四十七条",
    "政府信息公开工作主管部门应当加强对政府信息公开工作的日常指导和监督检查，对行政机关未按照要求"
    "开展政府信息公开工作的，予以督促整改或者通报批评",
)
ART46_ASSESSMENT = _b(
    "art46",
    f"{REGULATION}第四十六条",
    "各级人民政府应当建立健全政府信息公开工作考核制度、社会评议制度和责任追究制度，定期对政府信息"
    "公开工作进行考核、评议",
)

ART49_ANNUAL_REPORT = _b(
    "art49",
    f"{REGULATION}第四十九条",
    "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交上一年度政府信息"
    "公开工作年度报告并向社会公布；县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前"
    "向社会公布本级政府上一年度政府信息公开工作年度报告",
)
ART50_REPORT_CONTENT = _b(
    "art50",
    f"{REGULATION}第五十条",
    "年度报告应当包括主动公开、收到和处理申请、行政复议和诉讼、存在的问题及改进、其他需要报告的事项；"
    "全国政府信息公开工作主管部门应当公布年度报告统一格式",
)
REPORT_FORMAT_2019 = _b(
    "format2019",
    "《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）",
    "2019年、2020年度报告使用的统一格式",
)
REPORT_FORMAT_2021 = _b(
    "format2021",
    "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
    "2021年度起的年度报告使用的统一格式；县级政府信息公开工作主管部门于2月20日前报送本级报告",
)
# The roll-up up the government tree: a county-level office submits its government's report to
# the city's office by 20 February, the city's to the province's by 10 March; the office above
# reviews what it receives before compiling its own (its format, 第五十条: the content).
REPORT_ROLLUP = _b(
    "rollup",
    f"{REGULATION}第五十条、《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）",
    "下级政府信息公开工作主管部门按期向上一级政府信息公开工作主管部门报送本级政府年度报告"
    "（县级2月20日前、设区的市级3月10日前），上一级主管部门审核汇总",
)
ART51_REMEDIES = _b(
    "art51",
    f"{REGULATION}第五十一条",
    "认为行政机关在政府信息公开工作中侵犯其合法权益的，可以投诉、举报，也可以依法申请行政复议"
    "或者提起行政诉讼",
)

# --- remedies -----------------------------------------------------------------------------------
RECONSIDERATION_LAW_ART20 = _b(
    "reconsideration20",
    "《中华人民共和国行政复议法》第二十条",
    "认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请",
)
LITIGATION_LAW_ART46 = _b(
    "litigation46",
    "《中华人民共和国行政诉讼法》第四十六条",
    "直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出",
)
RECONSIDERATION_FIRST = _b(
    "reconsideration23",
    "《中华人民共和国行政复议法》第二十三条第一款第（四）项",
    "申请政府信息公开，行政机关不予公开的，申请人应当先向行政复议机关申请行政复议"
    "（2024年1月1日起施行）",
)
RECONSIDERATION_ART20_3 = _b(
    "reconsideration20.3",
    "《中华人民共和国行政复议法》第二十条第三款",
    "行政机关作出行政行为时未告知申请行政复议的权利、行政复议机关和申请期限的，申请期限自知道或者"
    "应当知道之日起计算，但自知道或者应当知道行政行为内容之日起最长不得超过一年",
)
RECONSIDERATION_ONLINE = _b(
    "reconsideration22.2",
    "《中华人民共和国行政复议法》第二十二条第二款",
    "行政机关通过互联网渠道送达行政行为决定书的，应当同时提供提交行政复议申请书的互联网渠道",
)
RECONSIDERATION_24_1_1 = _b(
    "reconsideration24.1.1",
    "《中华人民共和国行政复议法》第二十四条第一款第（一）项",
    "县级以上地方各级人民政府管辖对本级人民政府工作部门作出的行政行为不服的行政复议案件",
)
RECONSIDERATION_24_1_2 = _b(
    "reconsideration24.1.2",
    "《中华人民共和国行政复议法》第二十四条第一款第（二）项",
    "县级以上地方各级人民政府管辖对下一级人民政府作出的行政行为不服的行政复议案件",
)
RECONSIDERATION_24_1_3 = _b(
    "reconsideration24.1.3",
    "《中华人民共和国行政复议法》第二十四条第一款第（三）项",
    "县级以上地方各级人民政府管辖对本级人民政府依法设立的派出机关作出的行政行为不服的行政复议案件",
)
RECONSIDERATION_24_1_4 = _b(
    "reconsideration24.1.4",
    "《中华人民共和国行政复议法》第二十四条第一款第（四）项",
    "县级以上地方各级人民政府管辖对本级人民政府或者其工作部门管理的法律、法规、规章授权的组织作出的"
    "行政行为不服的行政复议案件",
)
RECONSIDERATION_24_4 = _b(
    "reconsideration24.4",
    "《中华人民共和国行政复议法》第二十四条第四款",
    "对县级以上地方各级人民政府工作部门依法设立的派出机构以自己名义作出的行政行为不服的，由本级人民"
    "政府管辖；直辖市、设区的市人民政府工作部门按照行政区划设立的派出机构，也可以由其所在地的人民政府管辖",
)
RECONSIDERATION_27 = _b(
    "reconsideration27",
    "《中华人民共和国行政复议法》第二十七条",
    "对海关、金融、外汇管理等实行垂直领导的行政机关、税务和国家安全机关的行政行为不服的，向上一级"
    "主管部门申请行政复议",
)
RECONSIDERATION_28 = _b(
    "reconsideration28",
    "《中华人民共和国行政复议法》第二十八条",
    "对履行行政复议机构职责的地方人民政府司法行政部门的行政行为不服的，可以向本级人民政府申请行政"
    "复议，也可以向上一级司法行政部门申请行政复议",
)
RECONSIDERATION_2017_ART9 = _b(
    "reconsideration2017.9",
    "《中华人民共和国行政复议法》（2023年修订前）第九条第一款",
    "认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起六十日内提出行政复议申请",
)
RECONSIDERATION_2017_12_1 = _b(
    "reconsideration2017.12.1",
    "《中华人民共和国行政复议法》（2023年修订前）第十二条第一款",
    "对县级以上地方各级人民政府工作部门的具体行政行为不服的，由申请人选择，可以向该部门的本级人民"
    "政府申请行政复议，也可以向上一级主管部门申请行政复议",
)
RECONSIDERATION_2017_12_2 = _b(
    "reconsideration2017.12.2",
    "《中华人民共和国行政复议法》（2023年修订前）第十二条第二款",
    "对海关、金融、国税、外汇管理等实行垂直领导的行政机关和国家安全机关的具体行政行为不服的，向上一级"
    "主管部门申请行政复议",
)
RECONSIDERATION_2017_13_1 = _b(
    "reconsideration2017.13.1",
    "《中华人民共和国行政复议法》（2023年修订前）第十三条第一款",
    "对地方各级人民政府的具体行政行为不服的，向上一级地方人民政府申请行政复议",
)
RECONSIDERATION_2017_15_1_1 = _b(
    "reconsideration2017.15.1.1",
    "《中华人民共和国行政复议法》（2023年修订前）第十五条第一款第（一）项",
    "对县级以上地方人民政府依法设立的派出机关的具体行政行为不服的，向设立该派出机关的人民政府申请"
    "行政复议",
)
RECONSIDERATION_2017_15_1_2 = _b(
    "reconsideration2017.15.1.2",
    "《中华人民共和国行政复议法》（2023年修订前）第十五条第一款第（二）项",
    "对政府工作部门依法设立的派出机构以自己的名义作出的具体行政行为不服的，向设立该派出机构的部门"
    "或者该部门的本级地方人民政府申请行政复议",
)
RECONSIDERATION_2017_15_1_3 = _b(
    "reconsideration2017.15.1.3",
    "《中华人民共和国行政复议法》（2023年修订前）第十五条第一款第（三）项",
    "对法律、法规授权的组织的具体行政行为不服的，分别向直接管理该组织的地方人民政府、地方人民政府工作"
    "部门或者国务院部门申请行政复议",
)
LITIGATION_LAW_ART45 = _b(
    "litigation45",
    "《中华人民共和国行政诉讼法》第四十五条",
    "不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼",
)
JUDICIAL_INTERPRETATION_2025_ART5 = _b(
    "spc2025.5",
    "《最高人民法院关于审理政府信息公开行政案件适用法律若干问题的解释》（法释〔2025〕8号）第五条",
    "被告对其作出的不予公开等决定的根据以及履行法定告知和说明理由义务的情况承担举证责任",
)
JUDICIAL_INTERPRETATION_2025_ART10 = _b(
    "spc2025.10",
    "《最高人民法院关于审理政府信息公开行政案件适用法律若干问题的解释》（法释〔2025〕8号）第十条",
    "对依照《条例》第三十六条第（六）项、第（七）项、第三十八条、第三十九条作出的答复等提起诉讼的，"
    "人民法院不予立案；已经立案的，裁定驳回起诉",
)
PERSONAL_INFORMATION_LAW = _b(
    "pipl",
    "《中华人民共和国个人信息保护法》第五十一条",
    "个人信息处理者应当采取措施确保个人信息处理活动符合规定，并防止未经授权的访问",
)

# --- the Regulation of 2007 (国务院令第492号), for applications received before 2019-05-15 ----
# Text: the 2007 Regulation as archived in the pingtan.gov.cn 政府信息公开制度 pages (spec S11).
R2007_ART2_DEFINITION = _b(
    "r2007.2",
    f"{REGULATION_2007}第二条",
    "政府信息是指行政机关在履行职责过程中制作或者获取的，以一定形式记录、保存的信息",
)
R2007_ART8_SAFETY = _b(
    "r2007.8",
    f"{REGULATION_2007}第八条",
    "行政机关公开政府信息，不得危及国家安全、公共安全、经济安全和社会稳定",
)
R2007_ART13_WHO_MAY_APPLY = _b(
    "r2007.13",
    f"{REGULATION_2007}第十三条",
    "公民、法人或者其他组织可以根据自身生产、生活、科研等特殊需要申请获取相关政府信息",
)
R2007_ART14_4_SECRETS = _b(
    "r2007.14.4",
    f"{REGULATION_2007}第十四条第四款",
    "行政机关不得公开涉及国家秘密、商业秘密、个人隐私的政府信息；经权利人同意或者不公开可能对公共"
    "利益造成重大影响的涉及商业秘密、个人隐私的政府信息，可以予以公开",
)
R2007_ART17_SPECIAL = _b(
    "r2007.17",
    f"{REGULATION_2007}第十七条",
    "法律、法规对政府信息公开的权限另有规定的，从其规定",
)
R2007_ART21_WHOLE = _b(
    "r2007.21",
    f"{REGULATION_2007}第二十一条",
    "对申请公开的政府信息，行政机关根据下列情况分别作出答复",
)
R2007_ART21_1_DISCLOSE = _b(
    "r2007.21.1",
    f"{REGULATION_2007}第二十一条第（一）项",
    "属于公开范围的，应当告知申请人获取该政府信息的方式和途径",
)
R2007_ART21_2_WITHHOLD = _b(
    "r2007.21.2",
    f"{REGULATION_2007}第二十一条第（二）项",
    "属于不予公开范围的，应当告知申请人并说明理由",
)
R2007_ART21_3_NOT_HELD = _b(
    "r2007.21.3",
    f"{REGULATION_2007}第二十一条第（三）项",
    "依法不属于本行政机关公开或者该政府信息不存在的，应当告知申请人；能够确定公开机关的，告知其名称、"
    "联系方式",
)
R2007_ART21_4_UNCLEAR = _b(
    "r2007.21.4",
    f"{REGULATION_2007}第二十一条第（四）项",
    "申请内容不明确的，应当告知申请人作出更改、补充",
)
R2007_ART22_SEVERANCE = _b(
    "r2007.22",
    f"{REGULATION_2007}第二十二条",
    "申请公开的政府信息中含有不应当公开的内容，但是能够作区分处理的，应当向申请人提供可以公开的信息内容",
)
R2007_ART23_THIRD_PARTY = _b(
    "r2007.23",
    f"{REGULATION_2007}第二十三条",
    "涉及商业秘密、个人隐私，公开后可能损害第三方合法权益的，应当书面征求第三方意见；第三方不同意"
    "公开的，不得公开；不公开可能对公共利益造成重大影响的，应当予以公开，并将决定公开的内容和理由书面"
    "通知第三方",
)
R2007_ART24_ANSWER_PERIOD = _b(
    "r2007.24.2",
    f"{REGULATION_2007}第二十四条第二款",
    "不能当场答复的，应当自收到申请之日起15个工作日内予以答复；经政府信息公开工作机构负责人同意可延长，"
    "延长答复的期限最长不得超过15个工作日",
)
R2007_ART24_3_CONSULTATION = _b(
    "r2007.24.3",
    f"{REGULATION_2007}第二十四条第三款",
    "申请公开的政府信息涉及第三方权益的，行政机关征求第三方意见所需时间不计算在答复期限内",
)
REGULATION_2019_IN_FORCE = _b(
    "art56",
    f"{REGULATION}第五十六条",
    "本条例自2019年5月15日起施行（修订后的条例）；此前收到的申请适用国务院令第492号公布的条例",
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
INTERPRETATION_RULE = _b(
    "interpretation",
    "《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）",
    "按照“谁起草、谁解读”的原则，政策性文件与解读方案、解读材料应当同步组织、同步审签、同步部署",
)
HOLIDAY_MEASURE = _b(
    "holidays",
    "《全国年节及纪念日放假办法》",
    "法定节假日及调休安排以国务院办公厅每年发布的部分节假日安排通知为准",
)
MAJOR_DECISION_CONSULTATION = _b(
    "major_decision15",
    "《重大行政决策程序暂行条例》（国务院令第713号）第十五条",
    "决策事项向社会公开征求意见的，应当通过政府网站等便于社会公众知晓的途径公布决策草案及其说明等"
    "材料，明确提出意见的方式和期限；公开征求意见的期限一般不少于30日，因情况紧急等原因需要缩短"
    "期限的，公开征求意见时应当予以说明",
)

ALL: tuple[Basis, ...] = (
    ART2_DEFINITION,
    ART4_WORK_SYSTEM,
    ART14_MANDATORY_EXEMPTION,
    ART15_THIRD_PARTY_RIGHTS,
    ART16_1_INTERNAL,
    ART16_2_PROCESS,
    ART27_WHO_MAY_APPLY,
    ART29_FORM,
    ART36_REPLY,
    ART36_1_ALREADY_PUBLIC,
    ART36_2_DISCLOSE,
    ART36_3_WITHHOLD,
    ART36_4_NOT_EXIST,
    ART36_5_NOT_RESPONSIBLE,
    ART36_6_REPEAT,
    ART36_7_SPECIAL_ACCESS,
    ART37_SEVERANCE,
    ART38_NO_NEW_WORK,
    ART39_1_PETITION,
    ART39_2_PUBLICATIONS,
    ART42_FEES,
    ART44_REPEATED_REQUESTS,
    ART45_CASE_FILES,
    ART47_SUPERVISION,
    ART46_ASSESSMENT,
    ART49_ANNUAL_REPORT,
    ART50_REPORT_CONTENT,
    ART51_REMEDIES,
    RECONSIDERATION_LAW_ART20,
    LITIGATION_LAW_ART46,
    RECONSIDERATION_FIRST,
    PERSONAL_INFORMATION_LAW,
    ART12_GUIDE_AND_CATALOG,
    ART17_REVIEW,
    ART20_PROACTIVE_SCOPE,
    ART25_READING_PLACES,
    ART26_PUBLICATION_PERIOD,
    INTERPRETATION_RULE,
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
    MAJOR_DECISION_CONSULTATION,
    REPORT_FORMAT_2019,
    REPORT_FORMAT_2021,
    REPORT_ROLLUP,
    RECONSIDERATION_ART20_3,
    RECONSIDERATION_ONLINE,
    RECONSIDERATION_24_1_1,
    RECONSIDERATION_24_1_2,
    RECONSIDERATION_24_1_3,
    RECONSIDERATION_24_1_4,
    RECONSIDERATION_24_4,
    RECONSIDERATION_27,
    RECONSIDERATION_28,
    RECONSIDERATION_2017_ART9,
    RECONSIDERATION_2017_12_1,
    RECONSIDERATION_2017_12_2,
    RECONSIDERATION_2017_13_1,
    RECONSIDERATION_2017_15_1_1,
    RECONSIDERATION_2017_15_1_2,
    RECONSIDERATION_2017_15_1_3,
    LITIGATION_LAW_ART45,
    JUDICIAL_INTERPRETATION_2025_ART5,
    JUDICIAL_INTERPRETATION_2025_ART10,
    R2007_ART2_DEFINITION,
    R2007_ART8_SAFETY,
    R2007_ART13_WHO_MAY_APPLY,
    R2007_ART14_4_SECRETS,
    R2007_ART17_SPECIAL,
    R2007_ART21_WHOLE,
    R2007_ART21_1_DISCLOSE,
    R2007_ART21_2_WITHHOLD,
    R2007_ART21_3_NOT_HELD,
    R2007_ART21_4_UNCLEAR,
    R2007_ART22_SEVERANCE,
    R2007_ART23_THIRD_PARTY,
    R2007_ART24_ANSWER_PERIOD,
    R2007_ART24_3_CONSULTATION,
    REGULATION_2019_IN_FORCE,
)
