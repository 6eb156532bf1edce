"""The standard tree of a 政府信息公开 column, and the district's 38 key-area sub-columns. Pure.

The update intervals (days) are defaults the office edits per column. Columns whose content
appears only when something happens — rules, normative documents and their interpretations,
recruitment, the disclosure system itself — have none: an empty stretch there is not a lapse.

Each node: (code, name, kind, expected update interval in days or None, children). The kinds
that carry rules: ``normative`` (行政规范性文件: published with its interpretation or a recorded
reason), ``regulation`` (规章), ``interpretation`` (政策解读), ``guide`` (公开指南), ``report``
(年度报告), ``group`` (a heading that holds columns, not items).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    code: str
    name: str
    kind: str = "general"
    interval: int | None = None
    children: tuple[Node, ...] = field(default_factory=tuple)
    # The unit kinds (units.models.UnitKind values) whose tree has this column; None: every unit.
    only_for: frozenset[str] | None = None

    def applies_to(self, unit_kind: str) -> bool:
        return self.only_for is None or unit_kind in self.only_for


# Who makes 规章: 省、自治区、直辖市和设区的市、自治州的人民政府 (《立法法》第九十三条, 2023年修正;
# 第八十二条 in the 2015 text). A district, a county, a township or a department makes none, so
# their trees have no 规章 column: it would stand empty for ever (a 空白栏目 in the website
# self-check, 国办秘函〔2019〕19号) and count nothing in table 二.
RULE_MAKERS = frozenset({"province", "city"})


STANDARD: tuple[Node, ...] = (
    Node("guide", "政府信息公开指南", "guide", 365),
    Node("system", "政府信息公开制度", "general", None),
    Node(
        "statutory",
        "法定主动公开内容",
        "group",
        None,
        (
            Node("functions", "机构职能", "general", 365),
            Node(
                "documents",
                "法规文件",
                "group",
                None,
                (
                    Node("regulations", "规章", "regulation", None, only_for=RULE_MAKERS),
                    Node("normative", "行政规范性文件", "normative", None),
                    Node("other-documents", "其他文件", "general", 90),
                ),
            ),
            Node("plans", "规划计划", "general", 365),
            Node("statistics", "统计信息", "general", 90),
            Node("budget", "财政预决算", "general", 365),
            Node("permits", "行政许可", "general", 60),
            Node("penalties", "行政处罚与行政强制", "general", 60),
            Node("fees", "行政事业性收费", "general", 365),
            Node("procurement", "政府采购", "general", 90),
            Node("projects", "重大建设项目", "general", 180),
            Node("civil-service", "公务员招考", "general", None),
            Node("interpretations", "政策解读", "interpretation", None),
            Node("news", "工作动态", "general", 30),
        ),
    ),
    Node("annual-reports", "政府信息公开年报", "report", 365),
)

# The district's key areas (重点领域), under the district government's 法定主动公开内容; the seed
# names 政采、权责清单、住房棚改、环保、安全生产、医疗教育、公共文体 among its 38.
KEY_AREAS: tuple[str, ...] = (
    "权责清单",
    "政府采购",
    "财政资金",
    "重大建设项目批准和实施",
    "公共资源配置",
    "住房保障",
    "棚户区改造",
    "征地拆迁",
    "国有土地上房屋征收与补偿",
    "生态环境保护",
    "大气污染防治",
    "水污染防治",
    "安全生产",
    "食品药品安全",
    "医疗卫生",
    "教育",
    "社会救助",
    "脱贫攻坚",
    "就业创业",
    "养老服务",
    "公共文化",
    "公共体育",
    "户籍管理",
    "交通运输",
    "城市管理",
    "农业农村",
    "规划建设",
    "国有企业",
    "审计结果",
    "政务服务",
    "行政执法公示",
    "双随机一公开",
    "应急管理",
    "市场监管",
    "退役军人服务",
    "优化营商环境",
    "科技创新",
    "冬奥会和世园会服务保障",
)

KEY_AREA_GROUP = Node("key-areas", "重点领域", "group", None)
KEY_AREA_INTERVAL = 90


def key_area_nodes() -> tuple[Node, ...]:
    return tuple(
        Node(f"key-{i:02d}", name, "general", KEY_AREA_INTERVAL)
        for i, name in enumerate(KEY_AREAS, 1)
    )


def walk(nodes: tuple[Node, ...], parent: str | None = None):  # type: ignore[no-untyped-def]
    """(parent code, node) in tree order."""
    for node in nodes:
        yield parent, node
        yield from walk(node.children, node.code)
