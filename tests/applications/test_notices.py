"""Notices: every kind renders from its template to a DOCX that opens and a printable page;
the office edits templates without being able to drop what the law requires."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse
from docx import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from gongkai.applications import notices, services
from gongkai.applications.models import NoticeTemplate
from gongkai.applications.notices import NoticeKind, TemplateProblem
from gongkai.applications.outcomes import Decision, Outcome
from gongkai.audit.models import AuditEvent
from tests.conftest import login
from tests.factories import register

D = dt.date.fromisoformat


def sample_context(kind: NoticeKind) -> dict:
    """Typical values for every template variable: the same the office's templates are checked
    with (a fresh copy each time, so a test may change it)."""
    return notices.sample_context()


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_default_template_is_valid_and_renders(kind):
    body = notices.default_template(kind)
    notices.check_template(kind, body)
    blocks = notices.render_blocks(body, sample_context(kind))
    assert blocks[0].style == "title"
    assert blocks[-1].style == "right"  # the date
    docx = Docx(io.BytesIO(notices.to_docx(blocks, footer="FGW-2025-00001")))
    paragraphs = [p for p in docx.paragraphs if p.text]
    assert paragraphs[0].text == blocks[0].text
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = paragraphs[1].runs[0]
    fonts = run._element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    section = docx.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    page = notices.to_html(blocks, title=kind.label)
    assert f"<h1>{blocks[0].text}</h1>" in page
    assert "http" not in page.split("<body>")[0]  # nothing loaded from elsewhere


def test_a_template_without_a_required_variable_is_refused():
    body = notices.default_template(NoticeKind.REPLY).replace("{{ remedies }}", "")
    with pytest.raises(TemplateProblem, match="remedies"):
        notices.check_template(NoticeKind.REPLY, body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("# 标题\n{% if %}", "模板语法错误"),
        (
            '# 标题\n{% include "base.html" %}{{ decision }}{{ remedies }}{{ unit.name }}',
            "语法错误",
        ),
        ("没有标题 {{ decision }}{{ remedies }}{{ unit.name }}", "标题"),
    ],
)
def test_broken_templates_are_refused(body, message):
    with pytest.raises(TemplateProblem, match=message):
        notices.check_template(NoticeKind.REPLY, body)


def test_text_is_escaped_in_the_printable_page():
    blocks = notices.render_blocks(
        "# 标题\n{{ applicant.name }}", {"applicant": {"name": "<b>x</b>"}}
    )
    page = notices.to_html(blocks, title="t")
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<b>x</b>" not in page


@pytest.mark.django_db
def test_the_office_saves_a_new_template_version_that_new_notices_use(office, clerk_a, unit_a):
    client = login(office)
    url = reverse("staff:template_edit", args=["receipt"])
    body = (
        notices.default_template(NoticeKind.RECEIPT)
        .replace("特此", "")
        .replace("# 政府信息公开申请受理回执", "# 政府信息公开申请受理回执（新）")
    )
    preview = client.post(url, {"body": body, "note": "", "save": "0"})
    assert preview.status_code == 200
    assert "受理回执（新）" in preview.content.decode()
    assert not NoticeTemplate.objects.exists()
    client.post(url, {"body": body, "note": "标题调整", "save": "1"})
    assert NoticeTemplate.objects.get().version == 1
    assert AuditEvent.objects.filter(action="notice_template.save").exists()
    application = register(clerk_a.user, unit_a)
    receipt = application.documents.get(notice_kind="receipt")
    assert receipt.rendered[0] == ["title", "政府信息公开申请受理回执（新）"]
    assert receipt.rendered[-1] == ["template_version", "1"]


@pytest.mark.django_db
def test_a_bad_template_is_not_saved(office):
    response = login(office).post(
        reverse("staff:template_edit", args=["reply"]), {"body": "# 答复书\n无内容", "save": "1"}
    )
    assert response.status_code == 400
    assert "模板缺少必需的内容" in response.content.decode()
    assert not NoticeTemplate.objects.exists()


@pytest.mark.django_db
def test_unit_staff_read_templates_but_cannot_change_them(clerk_a):
    client = login(clerk_a)
    url = reverse("staff:template_edit", args=["reply"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"body": "# x", "save": "1"}).status_code == 404


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.office
@pytest.mark.django_db
def test_the_reply_opens_in_libreoffice(tmp_path, clerk_a, reviewer_a, unit_a):
    if soffice() is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice is not installed on this machine (CI installs it)")
    application = register(clerk_a.user, unit_a)
    services.application_propose_decision(
        actor=clerk_a.user,
        application=application,
        on=D("2025-03-10"),
        decision=Decision(
            Outcome.WITHHOLD_PROCESS,
            ((Outcome.WITHHOLD_PROCESS, "所申请的方案为讨论稿，尚未定稿"),),
        ),
    )
    services.application_approve_decision(
        actor=reviewer_a.user, application=application, on=D("2025-03-11")
    )
    reply = application.documents.get(notice_kind="reply")
    source = tmp_path / "reply.docx"
    source.write_bytes(reply.file.read())
    assert zipfile.is_zipfile(source)
    result = subprocess.run(
        [
            soffice(),
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    text = (tmp_path / "reply.txt").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, result.stderr
    assert "政府信息公开申请答复书" in text
    assert "第十六条第二款、第三十六条第（三）项" in text
    assert "应当先申请行政复议" in text


# --- every notice, every outcome, both texts: the text as written Chinese ---------------------
from gongkai import law  # noqa: E402
from gongkai.applications import outcomes  # noqa: E402
from gongkai.workdays import clock  # noqa: E402
from tests.outcome_samples import sample, venue  # noqa: E402

RULE_SETS = {"2019": clock.RULES_2019, "2007": clock.RULES_2007}


def rendered_text(kind: NoticeKind, context: dict, rules: clock.Rules) -> str:
    blocks = notices.render_blocks(notices.default_template(kind), context, rules)
    return "\n".join(b.text for b in blocks)


@pytest.mark.parametrize("regime", list(RULE_SETS))
@pytest.mark.parametrize("provisional", [False, True])
@pytest.mark.parametrize("kind", list(NoticeKind))
def test_every_notice_reads_as_clean_chinese(kind, regime, provisional):
    context = sample_context(kind)
    context["due_provisional"] = provisional
    context["correction"]["provisional"] = provisional
    context["fee"]["provisional"] = provisional
    context["art35"]["provisional"] = provisional
    text = rendered_text(kind, context, RULE_SETS[regime])
    assert notices.text_problems(text) == [], text
    if provisional and kind in (
        NoticeKind.RECEIPT,
        NoticeKind.EXTENSION,
        NoticeKind.CORRECTION,
        NoticeKind.FEE,
        NoticeKind.ART35_REASONS,
    ):
        assert "暂定" in text
    if kind is NoticeKind.RECEIPT:
        days = RULE_SETS[regime].answer.days
        assert f"自收到申请之日起{days}个工作日内予以答复" in text
        assert RULE_SETS[regime].answer.basis.citation in text


REPLY_CASES = [
    (rule.outcome, regime, decided, online)
    for rule in outcomes.RULES
    if rule.reviewable
    for regime, decided in (
        (law.Regime.R2007, "2019-04-30"),
        (law.Regime.R2019, "2023-06-01"),
        (law.Regime.R2019, "2025-07-01"),
    )
    for online in (False, True)
    if not (rule.outcome is Outcome.NO_FEE and regime is law.Regime.R2007)
]


@pytest.mark.parametrize(
    ("outcome", "regime", "decided", "online"),
    REPLY_CASES,
    ids=lambda v: getattr(v, "value", str(v)),
)
def test_every_reply_states_its_reason_citation_and_remedies(outcome, regime, decided, online):
    """The table of outcomes rendered through the reply template: the decision with each reason,
    the articles of the text in force at receipt, the remedies of the 复议法 in force when
    decided, and nothing doubled or nested."""
    day = D(decided)
    rule = outcomes.rule(outcome)
    decision = sample(outcome) if rule.by_staff else outcomes.Decision(outcome)
    found = outcomes.remedies_for(decision, decided_on=day, venue=venue(day), online=online)
    assert found is not None
    context = {**sample_context(NoticeKind.REPLY), "today": day}
    context["decision"] = outcomes.decision_text(decision, regime)
    context["remedies"] = found.text
    text = rendered_text(NoticeKind.REPLY, context, RULE_SETS[regime.value])
    assert notices.text_problems(text) == [], text
    for basis in outcomes.bases_for(decision, regime):
        assert basis.provision in text
    for _ground, reason in decision.grounds:
        assert outcomes.clean(reason) in text
    if decision.details:
        assert outcomes.clean(decision.details) in text
    assert "申请行政复议" in text
    assert ("6个月内" in text) == (rule.suit and not found.reconsideration_first) or (
        outcome is Outcome.PARTIAL and found.reconsideration_first
    )
    if found.reconsideration_first:
        assert "应当先申请行政复议" in text


def test_the_receipt_does_not_nest_its_citation():
    """The receipt cites 第三十一条 once: the reason in brackets carries no second citation."""
    from gongkai.applications import receipt

    found = receipt.receipt_date("online", submitted_on=D("2025-03-03"))
    context = {
        **sample_context(NoticeKind.RECEIPT),
        "receipt_reason": receipt.plain_reason(found.basis),
    }
    text = rendered_text(NoticeKind.RECEIPT, context, clock.RULES_2019)
    assert text.count("第三十一条") == 1
    assert notices.text_problems(text) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("文号。；", "标点重复"),
        ("期限。，", "标点重复"),
        ("（见附件。）。", "括号前多余的标点"),
        ("认定为2025年3月3日（网上申请（《条例》第三十一条））", "引用套引用"),
        ("检索情况：。", "空的"),
        ("依据{{ x }}", "未填写"),
        ("None", "未填写"),
    ],
)
def test_the_text_checker_finds_each_defect(text, problem):
    assert any(problem in p for p in notices.text_problems(text))


def test_a_template_that_doubles_punctuation_is_refused():
    body = notices.default_template(NoticeKind.REPLY).replace(
        "{{ decision }}", "{{ decision }}。；"
    )
    with pytest.raises(TemplateProblem, match="标点重复"):
        notices.check_template(NoticeKind.REPLY, body)
