"""Notices (文书): templates the office can edit, rendered to DOCX and to printable HTML.

A template is plain text in Django's template language with a small line markup:

    # 标题            the title, centred and large
    = （编号）         a centred line (document number)
    | 张三：           a line without indent (salutation)
    > 某某局           a right-aligned line (issuing body, date)
    any other line    a body paragraph, first line indented two characters

The legal text is not in the templates: the decision paragraph, the articles it cites and the
remedies paragraph come from :mod:`gongkai.applications.outcomes`, and the periods and other
citations from :mod:`gongkai.workdays.clock` and :mod:`gongkai.law`, as template variables. A
template the office saves must still place every variable its kind requires (checked by
rendering it with marker values), so an edited template cannot drop the decision or the remedies.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import io
import re
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from typing import Any

from django.template import Context, Engine, TemplateDoesNotExist, TemplateSyntaxError
from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai import law
from gongkai.core.chars import strip_illegal
from gongkai.core.security import inline_style
from gongkai.workdays import clock


class NoticeKind(StrEnum):
    RECEIPT = "receipt"
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULT_THIRD_PARTY = "consult_third_party"
    CONSULT_AGENCY = "consult_agency"
    FEE = "fee"
    ART35_REASONS = "art35_reasons"
    ART35 = "art35"
    REPLY = "reply"
    THIRD_PARTY_DISCLOSURE = "third_party_disclosure"

    @property
    def label(self) -> str:
        return TITLES[self]


TITLES = {
    NoticeKind.RECEIPT: "受理回执",
    NoticeKind.CORRECTION: "补正告知书",
    NoticeKind.EXTENSION: "延期答复告知书",
    NoticeKind.CONSULT_THIRD_PARTY: "征求第三方意见书",
    NoticeKind.CONSULT_AGENCY: "征求其他机关意见函",
    NoticeKind.FEE: "收费通知书",
    NoticeKind.ART35_REASONS: "说明理由告知书",
    NoticeKind.ART35: "延迟答复告知书",
    NoticeKind.REPLY: "答复书",
    NoticeKind.THIRD_PARTY_DISCLOSURE: "决定公开告知书（第三方）",
}

# Notices addressed to the applicant (downloadable on the status page); the consultation
# letters and the notice of disclosure go to third parties and stay in the case file.
FOR_APPLICANT = frozenset(
    set(NoticeKind)
    - {
        NoticeKind.CONSULT_THIRD_PARTY,
        NoticeKind.CONSULT_AGENCY,
        NoticeKind.THIRD_PARTY_DISCLOSURE,
    }
)

# Variables each kind's template must show (dotted paths into the context).
REQUIRED: dict[NoticeKind, tuple[str, ...]] = {
    NoticeKind.RECEIPT: ("tracking_number", "unit.name", "received", "due"),
    NoticeKind.CORRECTION: ("unit.name", "correction.items", "correction.due"),
    NoticeKind.EXTENSION: ("unit.name", "extension.days", "extension.reason", "due"),
    NoticeKind.CONSULT_THIRD_PARTY: ("unit.name", "consult.party", "info"),
    NoticeKind.CONSULT_AGENCY: ("unit.name", "consult.party", "info"),
    NoticeKind.FEE: ("unit.name", "fee.total", "fee.pay_by"),
    NoticeKind.ART35_REASONS: ("unit.name", "art35.items", "art35.reply_by"),
    NoticeKind.ART35: ("unit.name", "art35.reason", "due"),
    NoticeKind.REPLY: ("unit.name", "decision", "remedies"),
    NoticeKind.THIRD_PARTY_DISCLOSURE: (
        "unit.name",
        "disclosure.party",
        "disclosure.content",
        "disclosure.reason",
    ),
}


class TemplateProblem(ValueError):
    """A template that cannot be used (message in Chinese)."""


@dataclass(frozen=True)
class Block:
    style: str  # title | center | plain | right | body
    text: str

    def as_list(self) -> list[str]:
        return [self.style, self.text]


_ENGINE = Engine(
    dirs=[],
    app_dirs=False,
    loaders=[],  # no {% include %} or {% extends %}: a template sees only its context
    autoescape=False,  # rendered to text; HTML is escaped when the blocks are turned into HTML
    builtins=["gongkai.applications.templatetags.notice_filters"],
    string_if_invalid="",
)


def default_template(kind: NoticeKind) -> str:
    path = files("gongkai.applications").joinpath(f"notice_templates/{kind.value}.txt")
    return path.read_text(encoding="utf-8")


def common_context(rules: clock.Rules = clock.RULES_2019) -> dict[str, Any]:
    """Periods and citations every template may use: written once, in the code, and those of
    the text of the Regulation in force when the application was received."""
    old = rules.regime is law.Regime.R2007
    return {
        "days": {
            "answer": rules.answer.days,
            "extension": rules.extension_max.days,
            "correction_notice": clock.CORRECTION_NOTICE.days,
            "third_party": clock.THIRD_PARTY_REPLY.days,
            "agency": clock.AGENCY_REPLY.days,
            "fee": clock.FEE_PAYMENT.days,
        },
        "basis": {
            "art30": (law.R2007_ART21_4_UNCLEAR if old else law.ART30_CORRECTION).citation,
            # The 2007 text had no article fixing the receipt date: none is cited.
            "art31": "" if old else law.ART31_RECEIPT_DATE.citation,
            "art32": (law.R2007_ART23_THIRD_PARTY if old else law.ART32_THIRD_PARTY).citation,
            "art33": rules.answer.basis.citation,
            "art33_3": rules.third_party_excluded.citation,
            "art34": law.ART34_OTHER_AGENCY.citation,
            "art35": law.ART35_REASONABLE_PERIOD.citation,
            "art42": law.ART42_FEES.citation,
            "fee": law.FEE_MEASURE.citation,
        },
    }


def render_blocks(
    body: str, context: dict[str, Any], rules: clock.Rules = clock.RULES_2019
) -> list[Block]:
    try:
        text = _ENGINE.from_string(body).render(
            # Rendered as text: the DOCX takes it as it is; HTML escapes it when it is built.
            Context({**common_context(rules), **context}, autoescape=False)
        )
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"模板语法错误：{exc}") from None
    except TemplateDoesNotExist:
        raise TemplateProblem("模板语法错误：文书模板不能引用其他模板") from None
    blocks: list[Block] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        for prefix, style in (("# ", "title"), ("= ", "center"), ("| ", "plain"), ("> ", "right")):
            if line.startswith(prefix):
                blocks.append(Block(style, line[len(prefix) :].strip()))
                break
        else:
            blocks.append(Block("body", line))
    return blocks


def _marker_context(kind: NoticeKind) -> tuple[dict[str, Any], dict[str, str]]:
    context: dict[str, Any] = {}
    markers: dict[str, str] = {}
    for i, path in enumerate(REQUIRED[kind]):
        marker = f"⟦{i}⟧"
        markers[path] = marker
        node = context
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = marker
    return context, markers


def check_template(kind: NoticeKind, body: str) -> list[Block]:
    """Render with marker values: the template must parse, have a title, and show every
    required variable. Returns the rendered blocks (for a preview)."""
    context, markers = _marker_context(kind)
    blocks = render_blocks(body, context)
    text = "\n".join(b.text for b in blocks)
    missing = [path for path, marker in markers.items() if marker not in text]
    if missing:
        names = "、".join("{{ " + m + " }}" for m in missing)
        raise TemplateProblem(f"模板缺少必需的内容：{names}")
    if not blocks or blocks[0].style != "title":
        raise TemplateProblem("模板第一行应为标题（以“# ”开头）")
    # The template's own words must read as clean Chinese once typical values are in.
    sample = "\n".join(b.text for b in render_blocks(body, sample_context()))
    problems = text_problems(sample)
    if problems:
        raise TemplateProblem("模板文字有误：" + "；".join(problems))
    return blocks


def sample_context() -> dict[str, Any]:
    """Typical values for every variable a notice template may use: what the office's
    template is checked with (and the preview shows)."""
    day = dt.date(2025, 3, 3)
    return {
        "tracking_number": "FGW-2025-00001",
        "unit": {
            "name": "北京市延庆区发展和改革委员会",
            "short_name": "区发展改革委",
            "address": "北京市延庆区高塔街1号",
            "phone": "010-69100000",
            "postcode": "102100",
            "email": "fgw@example.gov.cn",
        },
        "applicant": {"name": "张三", "type": "自然人"},
        "received": day,
        "receipt_basis": "当面提交，以提交之日为收到申请之日（《条例》第三十一条第（一）项）",
        "receipt_reason": "当面提交，以提交之日为收到申请之日",
        "info": "某村征地补偿方案",
        "due": dt.date(2025, 3, 31),
        "due_original": dt.date(2025, 3, 31),
        "due_provisional": False,
        "query_code": "ABCD2345",
        "today": dt.date(2025, 3, 5),
        "correction": {
            "items": "请写明所需文件的名称或文号",
            "guidance": "可以写明文件的大致时间和地块",
            "due": dt.date(2025, 3, 26),
            "provisional": False,
        },
        "extension": {"days": 20, "reason": "所需信息涉及多个年份的档案"},
        "consult": {"party": "某公司", "reason": "涉及商业秘密", "reply_by": dt.date(2025, 3, 26)},
        "fee": {
            "basis_label": "按量计收",
            "lines": ["第31页至第100页：70 × 10元 = 700元"],
            "total": 700,
            "pay_by": dt.date(2025, 4, 2),
            "method": "银行转账",
            "delivery": "邮寄",
            "received": dt.date(2025, 3, 12),
            "presumed": True,
            "provisional": False,
        },
        "art35": {
            "reason": "所申请的二百项信息需要逐件调阅",
            "items": "一个月内申请120件",
            "reply_by": dt.date(2025, 3, 19),
        },
        "decision": "经检索，本机关没有制作或者获取您申请公开的政府信息。",
        "remedies": "如对本答复不服，可以自收到本答复之日起60日内申请行政复议。",
        "disclosure": {
            "party": "北京某某房地产开发有限公司",
            "consulted": dt.date(2025, 3, 4),
            "content": "补偿协议的补偿标准部分",
            "reason": "补偿标准关系全体被征收户的利益",
            "remedies": "如对本决定不服，可以自收到本决定之日起60日内申请行政复议。",
        },
    }


# --- the text itself ---------------------------------------------------------------------------
_PUNCT = "。，；：、！？"
_DOUBLED = re.compile(f"[{_PUNCT}][{_PUNCT}]")
_AFTER_STOP = re.compile(r"[。；，、：]）")  # "文号。）", "期限，）"
_STOP_AFTER_CLOSE = re.compile(r"。）。")
_EMPTY = re.compile(r"（\s*）|：\s*。|“\s*”")
# A citation inside a parenthesis that is itself inside a parenthesis: "（……（《条例》……））".
_NESTED_CITATION = re.compile(r"（[^（）]*（[^（）]*《[^（）]*）[^（）]*）")


def text_problems(text: str) -> list[str]:
    """What is wrong with a notice's text as written Chinese (empty when nothing is): doubled
    punctuation, a stop before a closing parenthesis, an empty parenthesis or quotation, a
    citation nested in another parenthesis, a template left unfilled."""
    problems = []
    for pattern, what in (
        (_DOUBLED, "标点重复"),
        (_AFTER_STOP, "括号前多余的标点"),
        (_STOP_AFTER_CLOSE, "标点重复"),
        (_EMPTY, "空的括号、引号或说明"),
        (_NESTED_CITATION, "引用套引用"),
    ):
        found = pattern.search(text)
        if found:
            start = max(0, found.start() - 12)
            problems.append(f"{what}：“{text[start : found.end() + 12]}”")
    for leftover in ("{{", "}}", "{%", "{", "}", "None", "⟦"):
        if leftover in text:
            problems.append(f"未填写的模板内容：{leftover}")
    return problems


# --- output --------------------------------------------------------------------------------------
BODY_FONT = "仿宋"
TITLE_FONT = "宋体"


def _font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # East Asian text takes its font from eastAsia, which python-docx does not set by itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_KEPT_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List"}


@functools.cache
def _base_document() -> bytes:
    """python-docx's default document without the styles a notice never uses: the same file
    Word opens, a third of the work to load and save (a district generates many notices)."""
    document = DocxDocument()
    styles = document.styles.element
    for style in list(styles.findall(f"{_W}style")):
        name = style.find(f"{_W}name")
        if name is not None and name.get(f"{_W}val") not in _KEPT_STYLES:
            styles.remove(style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_docx(blocks: list[Block], *, footer: str = "") -> bytes:
    """A4, margins and sizes after GB/T 9704 (党政机关公文格式): title 二号, body 三号."""
    document = DocxDocument(io.BytesIO(_base_document()))
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    for block in blocks:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.line_spacing = Pt(28)
        run = paragraph.add_run(strip_illegal(block.text))  # an old record may hold one
        if block.style == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(12)
            _font(run, TITLE_FONT, 22, bold=True)
        elif block.style == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(run, BODY_FONT, 16)
        elif block.style == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(run, BODY_FONT, 16)
        elif block.style == "plain":
            _font(run, BODY_FONT, 16)
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(32)
            _font(run, BODY_FONT, 16)
    if footer:
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(foot.add_run(strip_illegal(footer)), BODY_FONT, 10)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The style of the self-contained page, allowed by its hash (gongkai.core.security): ASCII, the
# Chinese font names as CSS escapes (\4EFF\5B8B 仿宋, \5B8B\4F53 宋体).
NOTICE_CSS = inline_style(
    """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong", "\\4EFF\\5B8B", "STFangsong", serif;
       font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; color: #000; }
h1 { font-family: "SimSun", "\\5B8B\\4F53", serif; font-size: 22pt; text-align: center;
      margin: 0 0 12pt; }
p { margin: 0; } p.center { text-align: center; } p.right { text-align: right; }
p.body { text-indent: 2em; text-align: justify; }
@media screen { body { padding: 2em; box-shadow: 0 0 6px #ccc; } }
"""
)


def to_html(blocks: list[Block], *, title: str) -> str:
    """A self-contained printable page (no external resources)."""
    body = "\n".join(
        f'<p class="{b.style}">{html.escape(b.text)}</p>'
        if b.style != "title"
        else f"<h1>{html.escape(b.text)}</h1>"
        for b in blocks
    )
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{NOTICE_CSS}</style></head>
<body><main>
{body}
</main></body></html>
"""
