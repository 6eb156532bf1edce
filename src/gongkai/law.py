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
ART45_CASE_FILES = _b(
    "art45",
    f"{REGULATION}第四十五条",
    "行政机关应当建立健全政府信息公开申请登记、审核、办理、答复、归档的工作制度",
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
PERSONAL_INFORMATION_LAW = _b(
    "pipl",
    "《中华人民共和国个人信息保护法》第五十一条",
    "个人信息处理者应当采取措施确保个人信息处理活动符合规定，并防止未经授权的访问",
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

ALL: tuple[Basis, ...] = (
    ART2_DEFINITION,
    ART4_WORK_SYSTEM,
    ART14_MANDATORY_EXEMPTION,
    ART15_THIRD_PARTY_RIGHTS,
    ART16_1_INTERNAL,
    ART16_2_PROCESS,
    ART27_WHO_MAY_APPLY,
    ART29_FORM,
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
    ART45_CASE_FILES,
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
    REPORT_FORMAT_2019,
    REPORT_FORMAT_2021,
)
