"""Draft 2019 reports for the demo district: the consolidated report and the district
government's own, with the seed's prose about proactive disclosure (the training sentence comes
from the training records, gongkai.demo.training); table 二 counts the 规范性文件 in the demo
catalog. The office validates and publishes them (docs/demo.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.reports import services
from gongkai.units.models import Unit

SEED_OVERVIEW = (
    "主动公开方面，全区62家公开单位全年主动公开政府信息11006条，其中法规文件53条、规范性文件3条、"
    "区政府动态信息222条、委办局（中心）信息6828条、乡镇（街道）信息3900条；向3个区级、3个市级公开"
    "查阅场所分别报送纸质文件576份、306份；在政府门户网站首页发布政策解读15篇。单位制发规范性文件的，"
    "同步发布政策解读。\n"
    "监督保障方面，2019年5月15日全区62家单位的政府信息公开指南全部更新上线。"
)


@transaction.atomic
def build_reports(progress: Callable[[str], None]) -> list[str]:
    office = get_user_model().objects.get(username="office")
    made = []
    for unit in (None, Unit.objects.get(code="qzf")):
        report = services.report_create(actor=office, year=2019, unit=unit).report
        overview = report.overview.replace(
            "……（请补充主动公开、政府信息管理、平台建设、监督保障等方面的情况）\n",
            "不断提高政府工作透明度。\n" + (SEED_OVERVIEW + "\n" if unit is None else ""),
        )
        services.report_update(
            actor=office,
            report=report,
            overview=overview,
            problems="一是部分单位审批程序不够规范；二是个别答复告知书引用条款不准确；三是案卷归档"
            "不够完整；四是部分栏目更新不及时。下一步将推行申请办理全流程网上留痕，统一文书模板，"
            "加强栏目更新监测。",
            other=report.other,
            proactive={},  # 规章 and 规范性文件 come from the demo catalog (3 in 2019)
        )
        made.append(report.title)
    progress("2019年度报告草稿 2份")
    return [f"2019年度报告草稿：{'、'.join(made)}（待公开办校验、发布）"]
