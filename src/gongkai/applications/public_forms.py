"""The applicant's forms beyond the online application: the correction sent from the status page,
and the blank 申请表 (application form) for those who apply by post or at the counter, as a
printable page and as a DOCX built from the same layout."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import Any

from django import forms
from docx import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai import law
from gongkai.applications.models import ApplicantType, DeliveryMethod, DocumentKind, ProvisionForm
from gongkai.applications.services import CORRECTION_TEXT_MAX, Upload
from gongkai.core.forms import Form, MultipleFileField, TextField


# --- the correction, sent online (《条例》第三十条) -----------------------------------------------
class CorrectionForm(Form):
    """What the applicant adds to the application: a text and up to 5 files (PDF, JPG, PNG,
    checked by their content when the service stores them, as on the application form)."""

    text = TextField(
        label="补正内容",
        required=False,
        max_length=CORRECTION_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"按补正告知书的要求写明所需信息的名称、文号或特征性描述等，不超过"
        f"{CORRECTION_TEXT_MAX}字",
        error_messages={"max_length": f"补正内容不超过{CORRECTION_TEXT_MAX}字"},
    )
    attachments = MultipleFileField(label="补正材料（PDF、JPG、PNG，最多5个）", max_files=5)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("text") and not data.get("attachments"):
            raise forms.ValidationError("请填写补正内容或者上传补正材料")
        return data

    def uploads(self) -> list[Upload]:
        return [
            Upload(
                f.name or "补正材料", f.read(), DocumentKind.CORRECTION, "申请人网上提交的补正材料"
            )
            for f in self.cleaned_data.get("attachments", [])
        ]


# --- the blank application form (申请表), 《条例》第二十九条 ---------------------------------
BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
BOX = "□"

# Column widths in millimetres; together the width of an A4 page between 20 mm margins.
COLUMNS_MM = (10, 14, 38, 38, 24, 46)


@dataclass(frozen=True)
class Cell:
    text: str = ""
    rows: int = 1
    cols: int = 1
    role: str = "blank"  # head (a section), label, blank (to be filled in), choices, note
    height_mm: int = 0  # a taller blank for handwriting (applies to its row)


@dataclass(frozen=True)
class Placed:
    cell: Cell
    row: int
    col: int


def _choices(options: Any, *, other: bool = False) -> str:
    labels = [label for value, label in options if not (other and value == "other")]
    text = "　".join(f"{BOX}{label}" for label in labels)
    return text + (f"　{BOX}其他＿＿＿＿" if other else "")


def form_rows() -> list[list[Cell]]:
    """The table, row by row (a cell spanning rows is written in its first row only)."""
    head, label = "head", "label"
    organisation_kinds = [
        (v, lbl) for v, lbl in ApplicantType.choices if v != ApplicantType.NATURAL
    ]
    return [
        [
            Cell("申请人信息", rows=10, role=head),
            Cell("公民", rows=4, role=head),
            Cell("姓名", role=label),
            Cell(),
            Cell("证件名称", role=label),
            Cell(),
        ],
        [Cell("证件号码", role=label), Cell(cols=3)],
        [Cell("联系电话", role=label), Cell(), Cell("电子邮箱", role=label), Cell()],
        [Cell("通信地址", role=label), Cell(), Cell("邮政编码", role=label), Cell()],
        [
            Cell("法人或其他组织", rows=6, role=head),
            Cell("名称", role=label),
            Cell(cols=3),
        ],
        [Cell("统一社会信用代码", role=label), Cell(cols=3)],
        [Cell("法定代表人或负责人", role=label), Cell(), Cell("联系人", role=label), Cell()],
        [Cell("联系电话", role=label), Cell(), Cell("电子邮箱", role=label), Cell()],
        [Cell("通信地址", role=label), Cell(), Cell("邮政编码", role=label), Cell()],
        [Cell("类别", role=label), Cell(_choices(organisation_kinds), cols=3, role="choices")],
        [
            Cell("所需信息情况", rows=5, role=head),
            Cell("所需信息的名称", cols=2, role=label),
            Cell(cols=3),
        ],
        [Cell("所需信息的文号", cols=2, role=label), Cell(cols=3)],
        [
            Cell(
                "所需信息的特征性描述（内容、形成时间、制作机关等，便于查询）", cols=2, role=label
            ),
            Cell(cols=3, height_mm=36),
        ],
        [
            Cell("提供形式（选择一项）", cols=2, role=label),
            Cell(_choices(ProvisionForm.choices, other=True), cols=3, role="choices"),
        ],
        [
            Cell("获取方式（选择一项）", cols=2, role=label),
            Cell(_choices(DeliveryMethod.choices), cols=3, role="choices"),
        ],
        [
            Cell("申请人签名或盖章", cols=3, role=label),
            Cell(height_mm=16),
            Cell("申请日期", role=label),
            Cell("　　年　　月　　日", role="choices"),
        ],
        [
            Cell("以下由受理机关填写", cols=2, role="note"),
            Cell("收到申请之日", role=label),
            Cell(),
            Cell("申请编号", role=label),
            Cell(),
        ],
    ]


FORM_TITLE = "政府信息公开申请表"
FORM_ADDRESSEE = "致：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿（受理机关）"
FORM_NOTES = (
    f"依据{law.ART29_FORM.citation}：申请应当包括申请人的姓名或者名称、身份证明、联系方式；"
    "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的"
    "形式要求，包括获取信息的方式、途径。",
    "公民填写“公民”一栏，法人或者其他组织填写“法人或其他组织”一栏；请附身份证明（居民身份证、"
    "营业执照或统一社会信用代码证书等）的复印件。",
    "所需信息的名称、文号、特征性描述至少填写一项，描述越具体越便于查找。一份申请表宜只申请一项"
    "或者同类的信息。",
    "本表可以当面提交，也可以邮寄至受理机关的政府信息公开工作机构（信封注明“政府信息公开申请”），"
    "或者在网上直接提交。各单位的地址、电话见“公开单位”页面和政府信息公开指南。",
)


def placed(rows: list[list[Cell]]) -> list[list[Placed]]:
    """Each cell with its grid position, for a table format that merges cells (DOCX)."""
    taken: set[tuple[int, int]] = set()
    out: list[list[Placed]] = []
    for r, row in enumerate(rows):
        col = 0
        line = []
        for cell in row:
            while (r, col) in taken:
                col += 1
            line.append(Placed(cell, r, col))
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    taken.add((r + dr, col + dc))
            col += cell.cols
        if col > len(COLUMNS_MM):
            raise ValueError(f"row {r} is wider than the table")
        out.append(line)
    return out


def _font(run: Any, name: str, size: float, *, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    # East Asian text takes its font from eastAsia, which python-docx does not set by itself.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _borders(table: Any) -> None:
    """Single lines around and inside every cell (the default table has no visible lines)."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "6")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


def _tight(paragraph: Any) -> None:
    """No space around the paragraph, single lines: the form must fit one A4 page."""
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0


def _paragraph(document_or_cell: Any, text: str, *, size: float = 12, **kw: Any) -> Any:
    paragraph = document_or_cell.add_paragraph()
    _tight(paragraph)
    _font(paragraph.add_run(text), kw.pop("font", BODY_FONT), size, bold=kw.pop("bold", False))
    if "align" in kw:
        paragraph.alignment = kw["align"]
    return paragraph


@functools.cache
def form_docx() -> bytes:
    """The blank form as a Word document: A4, a real table, 仿宋 body and 宋体 title (built
    once per process: it never changes)."""
    document = DocxDocument()
    section = document.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(18)
    section.left_margin = section.right_margin = Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)

    title = _paragraph(
        document, FORM_TITLE, size=22, font=TITLE_FONT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    title.paragraph_format.space_after = Pt(6)
    addressee = _paragraph(document, FORM_ADDRESSEE, size=12)
    addressee.paragraph_format.space_after = Pt(4)

    rows = form_rows()
    grid = placed(rows)
    table = document.add_table(rows=len(rows), cols=len(COLUMNS_MM))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    for index, width in enumerate(COLUMNS_MM):
        table.columns[index].width = Mm(width)
        for cell in table.columns[index].cells:
            cell.width = Mm(width)
    for line in grid:
        for item in line:
            cell = table.cell(item.row, item.col)
            if item.cell.rows > 1 or item.cell.cols > 1:
                cell = cell.merge(
                    table.cell(item.row + item.cell.rows - 1, item.col + item.cell.cols - 1)
                )
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            _tight(paragraph)
            role = item.cell.role
            if role in ("head", "label", "note"):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if item.cell.text:
                _font(paragraph.add_run(item.cell.text), BODY_FONT, 12, bold=role == "head")
            if item.cell.height_mm:
                table.rows[item.row].height = Mm(item.cell.height_mm)
    for row in table.rows:
        if row.height is None:
            row.height = Mm(8.5)

    notes = _paragraph(document, "填表说明：", size=10.5, bold=True)
    notes.paragraph_format.space_before = Pt(6)
    for number, text in enumerate(FORM_NOTES, start=1):
        _paragraph(document, f"{number}. {text}", size=10.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
