"""Make the fixtures of reports laid out as agencies publish them (tests/fixtures/reports/), each
from hand-checked tables (the JSON beside it, whose tables are copied from the hand-checked
JSON of a published report in ../shared/fixtures/reports/):

- ``pdf-split-table-huaian-2024.pdf``: the report rendered by Gongkai as DOCX and converted to
  PDF by LibreOffice: table 三 runs from one page to the next, its header row broken across
  the page break, no header repeated; a heading set close under each table.
- ``pdf-repeated-header-huaian-2024.pdf``: the same with the three header rows of table 三 and
  table 四 marked to repeat on every page (w:tblHeader), as LibreOffice and Word print them.
- ``docx-wps-shuyang-2023.docx``: the XML shapes of a DOCX saved by WPS (and Word templates):
  the title and table 二 in content controls (w:sdt) at body level, rows of table 三 in a
  row-level content control, cells in cell-level ones, a number in a run-level one, a label
  merged the old way (w:hMerge, as WPS still writes for documents converted from .wps/.doc),
  a row that starts one grid column in (w:gridBefore), the WPS namespace on the document.
- ``docx-text-box-stcsm-2024.docx``: table 四 in a floating text box (mc:AlternateContent: the
  DrawingML text box and its VML fallback, the same table twice in the XML), table 二 in an
  older VML text box.
- ``docx-split-table-govoffice-2019.docx``: a 2019-format report whose table 三 is split into
  two tables with "（续表）" between them, the second repeating the header rows.

Run:  .venv/bin/python scripts/make_layout_fixtures.py [--shared ../shared]
The PDFs need ``soffice`` (Debian: libreoffice-writer-nogui) and a Chinese font
(fonts-wqy-zenhei); LibreOffice stamps the date, so the PDFs differ by that on each run.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from docx import Document  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402
from make_scan_fixture import to_pdf  # noqa: E402

from gongkai.reports import render  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reports"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)


# --- the reports --------------------------------------------------------------------------------
def from_shared(shared: Path, name: str, notes: str) -> dict[str, Any]:
    """A report of the tables of a hand-checked JSON of ../shared, no prose."""
    source = json.loads((shared / "fixtures" / "reports" / f"{name}.json").read_text("utf-8"))
    proactive = copy.deepcopy(source["proactive"])
    block = proactive.get("第二十条第（一）项", {})
    if source["format"] == "2021" and "规范性文件" in block:  # as printed; the format's label:
        block["行政规范性文件"] = block.pop("规范性文件")  # what Gongkai's layout prints
    return {
        "source": f"{source['source']} (tables of ../shared/fixtures/reports/{name}.json)",
        "agency": source["agency"],
        "year": source["year"],
        "format": source["format"],
        "title": f"{source['agency']}{source['year']}年政府信息公开工作年度报告",
        "notes": notes,
        "sections": {},
        "proactive": proactive,
        "applications": source["applications"],
        "review_litigation": source["review_litigation"],
    }


def huaian(notes: str) -> dict[str, Any]:
    report = json.loads((FIXTURES / "scan-huaian-2024.json").read_text("utf-8"))
    report["notes"] = notes
    return report


# --- DOCX surgery -------------------------------------------------------------------------------
def element(xml: str) -> Any:
    return etree.fromstring(xml)


def wrap(target: Any, *, around: list[Any] | None = None, tag_id: int = 1) -> Any:
    """Put ``around`` (default: ``target`` alone) into a content control, where it was."""
    members = around or [target]
    sdt = element(
        f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="内容控件"/><w:id w:val="{tag_id}"/>'
        "<w:showingPlcHdr/></w:sdtPr><w:sdtContent/></w:sdt>"
    )
    members[0].addprevious(sdt)
    content = sdt.find(qn("w:sdtContent"))
    for member in members:
        content.append(member)
    return sdt


def tables(document: Any) -> list[Any]:
    return list(document.element.body.iter(qn("w:tbl")))


def rows(tbl: Any) -> list[Any]:
    return list(tbl.iter(qn("w:tr")))


def cells(tr: Any) -> list[Any]:
    return list(tr.iter(qn("w:tc")))


def text(node: Any) -> str:
    return "".join(t.text or "" for t in node.iter(qn("w:t")))


def row_with(tbl: Any, words: str) -> Any:
    return next(tr for tr in rows(tbl) if words in text(tr))


def wps(document: Any) -> None:
    body = document.element.body
    title = body[0]
    wrap(title, tag_id=11)  # the title in a content control, as in a template
    table2, table3, _table4 = tables(document)
    wrap(table2, tag_id=12)  # a whole table in a block content control
    # rows of group （四） in a row-level content control
    group = [tr for tr in rows(table3) if "不掌握" in text(tr) or "另行制作" in text(tr)]
    group.append(row_with(table3, "补正后"))
    wrap(group[0], around=group, tag_id=13)
    # the numbers of the first row each in a cell-level content control
    first = row_with(table3, "本年新收")
    for n, tc in enumerate(cells(first)[1:], start=20):
        wrap(tc, tag_id=n)
    # the total of （七）总计 in a run-level content control
    total = cells(row_with(table3, "（七）总计"))[-1]
    run = total.find(f"{qn('w:p')}/{qn('w:r')}")
    wrap(run, tag_id=30)
    # 四、结转下年度继续办理 merged over three columns the old way: hMerge, not gridSpan
    carried = row_with(table3, "结转下年度")
    label = cells(carried)[0]
    span = label.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    span.getparent().remove(span)
    label.find(qn("w:tcPr")).append(element(f'<w:hMerge xmlns:w="{W}" w:val="restart"/>'))
    for _ in range(2):
        continuation = element(
            f'<w:tc xmlns:w="{W}"><w:tcPr><w:tcW w:w="0" w:type="auto"/><w:hMerge/>'
            "</w:tcPr><w:p/></w:tc>"
        )
        label.addnext(continuation)
    # a row that starts one grid column in: its first cell (the continuation of the merged
    # 三、本年度办理结果) left out, w:gridBefore instead
    indented = row_with(table3, "重复申请")
    indented.remove(cells(indented)[0])
    properties = indented.find(qn("w:trPr"))
    if properties is None:
        properties = element(f'<w:trPr xmlns:w="{W}"/>')
        indented.insert(0, properties)
    properties.append(element(f'<w:gridBefore xmlns:w="{W}" w:val="1"/>'))


def text_box(table: Any, number: int) -> Any:
    """A paragraph anchoring a DrawingML text box around ``table``, with its VML fallback (the
    same table again), as Word 2010+ and WPS write a text box."""
    content = etree.tostring(table).decode()
    paragraph = element(
        f"<w:p {NAMESPACES}><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5976000" cy="1440000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="{number}" name="文本框 {number}"/>'
        "<wp:cNvGraphicFramePr/><a:graphic>"
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="5976000" cy="1440000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{content}<w:p/></w:txbxContent>"
        '</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" '
        'bIns="0" anchor="t"><a:spAutoFit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape id="文本框 {number}" o:spid="_x0000_s10{number}" type="#_x0000_t202" '
        'style="width:470.55pt;height:113.4pt"><v:textbox inset="0,0,0,0">'
        f"<w:txbxContent>{content}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    return paragraph


def vml_text_box(table: Any, number: int) -> Any:
    """A paragraph anchoring an older VML text box (no DrawingML) around ``table``."""
    content = etree.tostring(table).decode()
    return element(
        f"<w:p {NAMESPACES}><w:r><w:pict>"
        f'<v:shape id="文本框 {number}" type="#_x0000_t202" '
        'style="width:470.55pt;height:200pt"><v:textbox inset="0,0,0,0">'
        f"<w:txbxContent>{content}<w:p/></w:txbxContent></v:textbox></v:shape></w:pict>"
        "</w:r></w:p>"
    )


def boxed(document: Any) -> None:
    table2, _table3, table4 = tables(document)
    table4.addprevious(text_box(table4, 5))
    table4.getparent().remove(table4)
    table2.addprevious(vml_text_box(table2, 6))
    table2.getparent().remove(table2)


def split(document: Any) -> None:
    """Table 三 cut in two after （三）不予公开's rows, the header repeated in the second part."""
    _table2, table3, _table4 = tables(document)
    second = copy.deepcopy(table3)
    all_rows = rows(table3)
    cut = next(i for i, tr in enumerate(all_rows) if "无法提供" in text(tr))
    header = 3
    for tr in all_rows[cut:]:
        table3.remove(tr)
    for tr in rows(second)[header:cut]:
        second.remove(tr)
    # the group cell 三、本年度办理结果 starts again in the second part
    first_body = rows(second)[header]
    merge = cells(first_body)[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    merge.set(qn("w:val"), "restart")
    cells(first_body)[0].find(qn("w:p")).append(
        element(f'<w:r xmlns:w="{W}"><w:t>三、本年度办理结果</w:t></w:r>')
    )
    note = element(f'<w:p xmlns:w="{W}"><w:r><w:t>（续表）</w:t></w:r></w:p>')
    table3.addnext(note)
    note.addnext(second)


def repeated_headers(document: Any) -> None:
    _table2, table3, table4 = tables(document)
    for table in (table3, table4):
        for tr in rows(table)[:3]:
            properties = tr.find(qn("w:trPr"))
            if properties is None:
                properties = element(f'<w:trPr xmlns:w="{W}"/>')
                tr.insert(0, properties)
            properties.append(element(f'<w:tblHeader xmlns:w="{W}"/>'))


def docx(report: dict[str, Any], change: Callable[[Any], None] | None = None) -> bytes:
    document = Document(io.BytesIO(render.to_docx(report)))
    if change is not None:
        change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def fixed(data: bytes, *, wps_namespace: bool = False) -> bytes:
    """The zip with fixed dates (the same tables make the same file), optionally with the WPS
    namespace declared on the document, as WPS writes it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            content = source.read(info)
            if wps_namespace and info.filename == "word/document.xml":
                content = content.replace(
                    b"<w:document ",
                    b'<w:document xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/'
                    b'wpsCustomData" ',
                    1,
                )
            fixed_info = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed_info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed_info, content)
    return out.getvalue()


def write(name: str, report: dict[str, Any], data: bytes) -> None:
    (FIXTURES / f"{name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    path = FIXTURES / name
    path.with_suffix(".docx" if data.startswith(b"PK") else ".pdf").write_bytes(data)
    print(f"{name}: {len(data) // 1024} KB")


def main() -> None:
    parser = argparse.ArgumentParser()
    default = os.environ.get("GONGKAI_SHARED", ROOT.parent / "shared")
    parser.add_argument("--shared", default=default, help="the shared folder with the reports")
    args = parser.parse_args()
    shared = Path(args.shared)

    with tempfile.TemporaryDirectory(prefix="gongkai-layout-") as folder:
        report = huaian(
            "Tables and prose of scan-huaian-2024.json. Rendered by Gongkai (reports/render.py) "
            "as DOCX and converted to PDF by LibreOffice: table 三 runs from page 2 to page 3, "
            "its header row broken across the page break; no header repeated. "
            "scripts/make_layout_fixtures.py."
        )
        write("pdf-split-table-huaian-2024", report, to_pdf(docx(report), Path(folder)))
    with tempfile.TemporaryDirectory(prefix="gongkai-layout-") as folder:
        report = huaian(
            "Tables and prose of scan-huaian-2024.json. As pdf-split-table-huaian-2024, with the "
            "three header rows of tables 三 and 四 marked to repeat on each page (w:tblHeader): "
            "LibreOffice prints them again at the top of page 3. "
            "scripts/make_layout_fixtures.py."
        )
        data = to_pdf(docx(report, repeated_headers), Path(folder))
        write("pdf-repeated-header-huaian-2024", report, data)

    report = from_shared(
        shared,
        "02-shuyang-fgj-2023",
        "Tables of the published report (blank cells as blanks); no prose. Rendered by Gongkai "
        "as DOCX, then given the XML shapes WPS writes: content controls (w:sdt) around the "
        "title, table 二, three rows of table 三, the numbers of its first row and one total; "
        "the label of 四、结转下年度继续办理 merged with w:hMerge; a row starting with "
        "w:gridBefore; the wpsCustomData namespace. scripts/make_layout_fixtures.py.",
    )
    write("docx-wps-shuyang-2023", report, fixed(docx(report, wps), wps_namespace=True))

    report = from_shared(
        shared,
        "03-shanghai-stcsm-2024",
        "Tables of the published report; no prose. Rendered by Gongkai as DOCX, then table 四 "
        "put in a floating text box (mc:AlternateContent: DrawingML text box and its VML "
        "fallback, the table twice in the XML) and table 二 in a VML text box. "
        "scripts/make_layout_fixtures.py.",
    )
    write("docx-text-box-stcsm-2024", report, fixed(docx(report, boxed)))

    report = from_shared(
        shared,
        "01-shanghai-govoffice-2019",
        "Tables of the published report (2019 format; its blank totals blank); no prose. "
        "Rendered by Gongkai as DOCX, then table 三 cut in two after the rows of （三）不予公开, "
        "“（续表）” between, the header rows repeated in the second table and its group label "
        "started again. scripts/make_layout_fixtures.py.",
    )
    write("docx-split-table-govoffice-2019", report, fixed(docx(report, split)))


if __name__ == "__main__":
    main()
