"""The demo district, modelled on 北京市延庆区 as its 2019 disclosure report describes it
(docs/demo.md): the district government, 43 委办局(中心), 15 乡镇 and 3 街道 — 62 units.

Names follow the district's real bodies after the 2019 institutional reform; codes, addresses,
telephone numbers and credit codes are made up (the credit codes are valid by GB 32100, so the
registry's checks accept them, but belong to nobody).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.remedies import ReconsiderationLaw, VenueRule
from gongkai.units.models import UnitKind

DISTRICT_NAME = "北京市延庆区"
REGION_CODE = "110119"  # 延庆区
EMAIL_DOMAIN = "bjyq.gov.cn"
WEBSITE = "http://www.bjyq.gov.cn"
GOVERNMENT = "北京市延庆区人民政府"
CITY_GOVERNMENT = "北京市人民政府"
BASIC_COURT = "北京市延庆区人民法院"
# Suits against a district government are heard by an intermediate court (《行政诉讼法》第十五条
# 第（一）项); since 2014-12-30 Beijing's 第四中级人民法院 hears them for every district
# (第十八条第二款; docs/remedies.md).
INTERMEDIATE_COURT = "北京市第四中级人民法院"

# (code, full name, short name)
DEPARTMENTS: list[tuple[str, str, str]] = [
    ("zfb", "北京市延庆区人民政府办公室", "区政府办"),
    ("fgw", "北京市延庆区发展和改革委员会", "区发展改革委"),
    ("jw", "北京市延庆区教育委员会", "区教委"),
    ("kxj", "北京市延庆区科学技术和信息化局", "区科信局"),
    ("gaj", "北京市公安局延庆分局", "延庆公安分局"),
    ("mzj", "北京市延庆区民政局", "区民政局"),
    ("sfj", "北京市延庆区司法局", "区司法局"),
    ("czj", "北京市延庆区财政局", "区财政局"),
    ("rsj", "北京市延庆区人力资源和社会保障局", "区人力社保局"),
    ("ghzr", "北京市规划和自然资源委员会延庆分局", "规划自然资源延庆分局"),
    ("sthj", "北京市延庆区生态环境局", "区生态环境局"),
    ("zjw", "北京市延庆区住房和城乡建设委员会", "区住房城乡建设委"),
    ("cgw", "北京市延庆区城市管理委员会", "区城市管理委"),
    ("jtj", "北京市延庆区交通局", "区交通局"),
    ("swj", "北京市延庆区水务局", "区水务局"),
    ("nync", "北京市延庆区农业农村局", "区农业农村局"),
    ("sw", "北京市延庆区商务局", "区商务局"),
    ("whly", "北京市延庆区文化和旅游局", "区文化旅游局"),
    ("wjw", "北京市延庆区卫生健康委员会", "区卫生健康委"),
    ("tyjr", "北京市延庆区退役军人事务局", "区退役军人局"),
    ("yjj", "北京市延庆区应急管理局", "区应急局"),
    ("sjj", "北京市延庆区审计局", "区审计局"),
    ("gzw", "北京市延庆区人民政府国有资产监督管理委员会", "区国资委"),
    ("scj", "北京市延庆区市场监督管理局", "区市场监管局"),
    ("tjj", "北京市延庆区统计局", "区统计局"),
    ("ylj", "北京市延庆区园林绿化局", "区园林绿化局"),
    ("tyj", "北京市延庆区体育局", "区体育局"),
    ("ybj", "北京市延庆区医疗保障局", "区医保局"),
    ("zwfw", "北京市延庆区政务服务管理局", "区政务服务局"),
    ("xfb", "北京市延庆区信访办公室", "区信访办"),
    ("rfb", "北京市延庆区人民防空办公室", "区人防办"),
    ("cgzf", "北京市延庆区城市管理综合行政执法局", "区城管执法局"),
    ("tzcj", "北京市延庆区投资促进服务中心", "区投资促进中心"),
    ("rmt", "北京市延庆区融媒体中心", "区融媒体中心"),
    ("dag", "北京市延庆区档案馆", "区档案馆"),
    ("jrb", "北京市延庆区金融服务办公室", "区金融办"),
    ("wsb", "北京市延庆区人民政府外事办公室", "区外办"),
    ("dzj", "北京市延庆区地震局", "区地震局"),
    ("qxj", "北京市延庆区气象局", "区气象局"),
    ("zdb", "北京市延庆区重大项目建设指挥部办公室", "区重大办"),
    ("dafw", "北京市延庆区冬奥会服务保障中心", "区冬奥服务中心"),
    ("zgc", "中关村延庆园管理委员会", "中关村延庆园管委会"),
    ("bdl", "北京八达岭特区办事处", "八达岭特区办"),
]

TOWNSHIPS: list[tuple[str, str]] = [
    ("yqz", "延庆镇"),
    ("kzz", "康庄镇"),
    ("bdlz", "八达岭镇"),
    ("ynz", "永宁镇"),
    ("jxz", "旧县镇"),
    ("zsyz", "张山营镇"),
    ("shz", "四海镇"),
    ("qjdz", "千家店镇"),
    ("sjyz", "沈家营镇"),
    ("dysz", "大榆树镇"),
    ("jzz", "井庄镇"),
    ("dzkx", "大庄科乡"),
    ("lbbx", "刘斌堡乡"),
    ("xyx", "香营乡"),
    ("zzqx", "珍珠泉乡"),
]

STREETS: list[tuple[str, str]] = [
    ("rljd", "儒林街道"),
    ("bqjd", "百泉街道"),
    ("xsyjd", "香水园街道"),
]

# --- where replies may be contested (docs/remedies.md) --------------------------------------------
OLD_TEXT_FROM = dt.date(2019, 1, 1)  # the demo's first records: the 2017 text of the 《行政复议法》
NEW_TEXT_FROM = dt.date(2024, 1, 1)  # the 2023 text in force

# The municipal department in charge (上一级主管部门) of an ordinary district department, whom
# the applicant could choose instead of the district government under the 2017 text
# (第十二条第一款). Names as after Beijing's 2018–2019 institutional reform. Departments without
# a municipal counterpart are absent: their replies name the district government only.
MUNICIPAL_DEPARTMENT = {
    "zfb": "北京市人民政府办公厅",
    "fgw": "北京市发展和改革委员会",
    "jw": "北京市教育委员会",
    "kxj": "北京市科学技术委员会、中关村科技园区管理委员会",
    "mzj": "北京市民政局",
    "czj": "北京市财政局",
    "rsj": "北京市人力资源和社会保障局",
    "sthj": "北京市生态环境局",
    "zjw": "北京市住房和城乡建设委员会",
    "cgw": "北京市城市管理委员会",
    "jtj": "北京市交通委员会",
    "swj": "北京市水务局",
    "nync": "北京市农业农村局",
    "sw": "北京市商务局",
    "whly": "北京市文化和旅游局",
    "wjw": "北京市卫生健康委员会",
    "tyjr": "北京市退役军人事务局",
    "yjj": "北京市应急管理局",
    "sjj": "北京市审计局",
    "gzw": "北京市人民政府国有资产监督管理委员会",
    "scj": "北京市市场监督管理局",
    "tjj": "北京市统计局",
    "ylj": "北京市园林绿化局",
    "tyj": "北京市体育局",
    "ybj": "北京市医疗保障局",
    "zwfw": "北京市政务服务管理局",
    "xfb": "北京市信访办公室",
    "rfb": "北京市人民防空办公室",
    "cgzf": "北京市城市管理综合行政执法局",
    "jrb": "北京市地方金融监督管理局",
    "wsb": "北京市人民政府外事办公室",
    "dzj": "北京市地震局",
}
# Public institutions that disclose under their own name with powers given by law or
# regulation (法律、法规授权的组织), managed by the district government.
AUTHORIZED_ORGS = ("tzcj", "rmt", "dag", "dafw")


@dataclass(frozen=True)
class VenueSpec:
    """One of the demo's venue records of a unit."""

    valid_from: dt.date
    rule: VenueRule
    bodies: tuple[str, ...]
    court: str
    note: str

    @property
    def online_channel(self) -> str:
        """A made-up internet channel (docs/demo.md): the 2017 text asks for none."""
        if self.rule.info.text is ReconsiderationLaw.L2017:
            return ""
        sites = "或者".join(f"{body}门户网站" for body in self.bodies)
        return f"{sites}的“行政复议网上申请”栏目"


Rules = tuple[str, tuple[VenueRule, tuple[str, ...]], tuple[VenueRule, tuple[str, ...]]]


def _rules(code: str, kind: str) -> Rules:
    """Why, and the rule and bodies of a unit under the 2017 text and under the 2023 text."""
    if kind == UnitKind.DISTRICT:
        return (
            "区人民政府，由上一级人民政府管辖；以区政府为被告的一审行政案件由北京市第四中级人民法院"
            "集中管辖",
            (VenueRule.LOWER_GOVERNMENT_2017, (CITY_GOVERNMENT,)),
            (VenueRule.LOWER_GOVERNMENT, (CITY_GOVERNMENT,)),
        )
    if kind == UnitKind.TOWNSHIP:
        return (
            "乡镇人民政府，由区人民政府管辖",
            (VenueRule.LOWER_GOVERNMENT_2017, (GOVERNMENT,)),
            (VenueRule.LOWER_GOVERNMENT, (GOVERNMENT,)),
        )
    if kind == UnitKind.STREET:
        return (
            "街道办事处是区人民政府的派出机关，由区人民政府管辖",
            (VenueRule.DISPATCHED_ORGAN_2017, (GOVERNMENT,)),
            (VenueRule.DISPATCHED_ORGAN, (GOVERNMENT,)),
        )
    if code == "qxj":
        return (
            "气象部门实行垂直管理，由上一级主管部门北京市气象局管辖",
            (VenueRule.VERTICAL_2017, ("北京市气象局",)),
            (VenueRule.VERTICAL, ("北京市气象局",)),
        )
    if code in ("ghzr", "gaj"):
        department = {"ghzr": "北京市规划和自然资源委员会", "gaj": "北京市公安局"}[code]
        return (
            f"{department}按行政区划设立的派出机构",
            (VenueRule.DISPATCHED_AGENCY_2017, (department, CITY_GOVERNMENT)),
            (VenueRule.DISPATCHED_AGENCY, (CITY_GOVERNMENT, GOVERNMENT)),
        )
    if code == "sfj":
        return (
            "区司法行政部门：区人民政府或者北京市司法局",
            (VenueRule.DEPARTMENT_2017, (GOVERNMENT, "北京市司法局")),
            (VenueRule.JUSTICE, (GOVERNMENT, "北京市司法局")),
        )
    if code in AUTHORIZED_ORGS:
        return (
            "区人民政府管理的、法律法规授权的事业单位，由区人民政府管辖",
            (VenueRule.AUTHORIZED_ORG_2017, (GOVERNMENT,)),
            (VenueRule.AUTHORIZED_ORG, (GOVERNMENT,)),
        )
    upper = MUNICIPAL_DEPARTMENT.get(code)
    return (
        f"区人民政府工作部门；上一级主管部门为{upper}"
        if upper
        else "区人民政府工作部门，没有对应的市级主管部门",
        (VenueRule.DEPARTMENT_2017, (GOVERNMENT, upper) if upper else (GOVERNMENT,)),
        (VenueRule.DEPARTMENT, (GOVERNMENT,)),
    )


def venues(code: str, kind: str) -> list[VenueSpec]:
    """The demo's two venue records of a unit: from 2019-01-01 under the 2017 text of the
    《行政复议法》 and from 2024-01-01 under the 2023 text (docs/remedies.md)."""
    court = INTERMEDIATE_COURT if kind == UnitKind.DISTRICT else BASIC_COURT
    why, old, new = _rules(code, kind)
    return [
        VenueSpec(valid_from=day, rule=rule, bodies=bodies, court=court, note=f"演示数据：{why}")
        for day, (rule, bodies) in ((OLD_TEXT_FROM, old), (NEW_TEXT_FROM, new))
    ]


ROADS = ["高塔街", "妫水北街", "东外大街", "湖南东路", "庆园街", "新城街", "世园路", "百泉街"]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏海燕晓东文斌"
    "雪梅春林佳颖浩宇欣怡子涵思远晨阳雨婷嘉琪"
)


def units() -> list[dict[str, object]]:
    """The 62 units in registry order: code, name, short name, kind."""
    out: list[dict[str, object]] = [
        {
            "code": "qzf",
            "name": "北京市延庆区人民政府",
            "short_name": "区政府",
            "kind": UnitKind.DISTRICT,
        },
    ]
    out += [
        {"code": c, "name": n, "short_name": s, "kind": UnitKind.DEPARTMENT}
        for c, n, s in DEPARTMENTS
    ]
    out += [
        {"code": c, "name": f"北京市延庆区{n}人民政府", "short_name": n, "kind": UnitKind.TOWNSHIP}
        for c, n in TOWNSHIPS
    ]
    out += [
        {"code": c, "name": f"北京市延庆区{n}办事处", "short_name": n, "kind": UnitKind.STREET}
        for c, n in STREETS
    ]
    return out
