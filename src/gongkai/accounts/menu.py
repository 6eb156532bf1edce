"""The staff pages' menu: a handful of labelled groups instead of one long row of links.

Which links a member of staff sees is decided by exactly the rule that decided it before the
grouping: ``can(member, action)`` for the action each page is guarded by (the ``may`` dict the
context processor already builds). This module only arranges those links and marks the group of
the page being shown, so that the template stays free of access logic.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.accounts.access import Action


@dataclass(frozen=True)
class Entry:
    text: str
    url_name: str  # in the "staff" namespace
    action: Action | None  # None: every member of staff (the page itself asks no more)


# The groups a disclosure office's back office is organised by: the two halves of the
# regulation (主动公开, 依申请公开), the public's own channels, the office's supervision of its
# units, the yearly and monthly figures, and the running of the system itself.
GROUPS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (
        "主动公开",
        (
            Entry("公开目录", "items", Action.VIEW_CATALOG),
            Entry("栏目", "column_units", Action.VIEW_CATALOG),
            Entry("公开指南", "guides", Action.VIEW_CATALOG),
            Entry("纸质报送", "transfers", Action.VIEW_CATALOG),
        ),
    ),
    (
        "依申请公开",
        (
            Entry("申请办理", "workbench", Action.VIEW_CASES),
            Entry("复议诉讼", "appeals", Action.VIEW_CASES),
            Entry("相同申请", "repeats", Action.VIEW_REPEATS),
            Entry("办结登记", "register_settings", Action.MANAGE_REGISTER),
            Entry("文书模板", "templates", Action.VIEW_TEMPLATES),
            Entry("期限计算", "deadline", None),
        ),
    ),
    (
        "互动交流",
        (
            Entry("留言咨询", "questions", Action.VIEW_QUESTIONS),
            Entry("意见征集", "consultations", Action.VIEW_CONSULTATIONS),
        ),
    ),
    (
        "监督与考核",
        (
            Entry("监测", "monitoring", Action.VIEW_MONITORING),
            Entry("网站自查", "sitecheck", Action.VIEW_SITECHECK),
            Entry("检查整改", "inspections", Action.VIEW_INSPECTIONS),
            Entry("考核", "assessment", Action.VIEW_ASSESSMENT),
            Entry("业务培训", "training", Action.VIEW_TRAINING),
        ),
    ),
    (
        "年报与统计",
        (
            Entry("年度报告", "reports", Action.VIEW_REPORTS),
            Entry("网站年度报表", "website_returns", Action.VIEW_WEBSITE_RETURN),
            Entry("统计", "statistics", Action.VIEW_MONITORING),
            Entry("月度统计", "monthly_statistics", Action.VIEW_STATISTICS),
        ),
    ),
    (
        "系统",
        (
            Entry("公开单位", "unit_list", Action.VIEW_UNITS),
            Entry("工作人员", "staff_list", Action.VIEW_STAFF),
            Entry("工作日历", "calendar", Action.VIEW_CALENDAR),
            Entry("后台任务", "tasks", Action.VIEW_TASKS),
            Entry("审计日志", "audit", Action.VIEW_AUDIT),
        ),
    ),
)


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    current: bool


@dataclass(frozen=True)
class Group:
    label: str
    links: tuple[Link, ...]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def build(may: dict[str, bool], path: str) -> list[Group]:
    """The groups with the links ``may`` allows, empty groups left out.

    The page being shown belongs to the link whose address is the longest prefix of ``path``
    (``/staff/catalog/12/`` to 公开目录, ``/staff/statistics/monthly/`` to 月度统计, not 统计);
    the staff home is its own link outside the groups, so it never claims a page.
    """
    visible = [
        (
            label,
            [
                (e.text, reverse(f"staff:{e.url_name}"))
                for e in entries
                if e.action is None or may.get(e.action.value, False)
            ],
        )
        for label, entries in GROUPS
    ]
    hrefs = [href for _, links in visible for _, href in links if path.startswith(href)]
    here = max(hrefs, key=len, default=None)
    return [
        Group(label, tuple(Link(text, href, href == here) for text, href in links))
        for label, links in visible
        if links
    ]
