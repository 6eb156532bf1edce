"""The demo's 2019 inspection (gongkai.demo.inspections), built on the demo's units and staff
alone: every unit inspected, the seed's kinds of finding, every rectification closed on time."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.demo.build import DemoReport, build_staff, build_units
from gongkai.demo.inspections import FINDINGS, RESPONSES, TITLE, build_inspections
from gongkai.inspections import selectors
from gongkai.inspections.models import Finding, Inspection, Rectification
from gongkai.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.mark.slow  # the demo's 62 units and their 2019 cases (as the demo tests)
def test_the_2019_inspection_covers_every_unit_and_every_rectification_is_done_on_time():
    report = DemoReport()
    build_units(report, lambda _: None)
    build_staff(report, lambda _: None)
    lines = build_inspections(lambda _: None)
    inspection = Inspection.objects.get(title=TITLE)
    assert inspection.units.count() == 62
    assert Finding.objects.count() == len(FINDINGS)
    assert set(Finding.objects.values_list("kind", flat=True)) == {
        "approval_rules",
        "wrong_article",
        "incomplete_file",
        "stale_column",
    }
    rectifications = Rectification.objects.all()
    assert rectifications.count() == len(RESPONSES)
    for rectification in rectifications:
        assert rectification.status == "closed"
        assert rectification.on_time
        assert rectification.due_date == dt.date(2019, 12, 20)
        assert rectification.closed_on.year == 2019
        assert rectification.issuer == "北京市延庆区人民政府办公室"
        assert rectification.responses.last().evidence.count() == 1
        assert selectors.rectifications_closed_share(rectification.unit, 2019) == 1.0
    assert rectifications.get(unit__code="zjw").responses.count() == 2  # returned once
    assert selectors.rectifications_closed_share(Unit.objects.get(code="fgw"), 2019) is None
    assert "均已完成整改（按期8份）" in lines[0]
    assert AuditEvent.objects.filter(action="rectification.close").count() == len(RESPONSES)
