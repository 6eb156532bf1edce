"""The SVG charts (gongkai.statistics.charts): well-formed XML, one bar (or point) per value,
named by their title and described by their desc, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.statistics.charts import bar_chart, line_chart
from tests.conftest import examples

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    return root


def _accessible_name(root: ET.Element) -> tuple[str, str]:
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert (title.get("id"), desc.get("id")) == (title_id, desc_id)
    assert list(root)[:2] == [title, desc]  # the first children, as SVG wants them
    return title.text or "", desc.text or ""


def test_a_bar_chart_has_one_bar_per_value_and_its_title():
    svg = bar_chart(
        chart_id="chart-channel",
        title="全区2025年2月新收申请（按渠道）",
        desc="网上申请3件；当面提交0件；传真7件。",
        labels=["网上申请", "当面提交", "传真"],
        values=[3, 0, 7],
        unit="件",
    )
    root = _parse(svg)
    assert _accessible_name(root) == (
        "全区2025年2月新收申请（按渠道）",
        "网上申请3件；当面提交0件；传真7件。",
    )
    bars = root.findall(f".//{SVG}rect[@class='bar']")
    assert [b.get("data-value") for b in bars] == ["3", "0", "7"]
    widths = [float(b.get("width", "")) for b in bars]
    assert widths[1] == 0
    assert widths[2] > widths[0] > 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "7件" in texts
    assert "网上申请" in texts
    assert "style=" not in svg  # the CSP allows no inline style


@settings(max_examples=examples(100))
@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=12), st.integers(min_value=0, max_value=10**6)),
        max_size=15,
    )
)
def test_any_labels_and_values_give_well_formed_svg_with_one_bar_each(rows):
    svg = bar_chart(
        chart_id="c1",
        title="标题<&>\"'",
        desc="说明",
        labels=[label for label, _ in rows],
        values=[value for _, value in rows],
    )
    root = _parse(svg)
    title, _ = _accessible_name(root)
    assert title == "标题<&>\"'"
    assert len(root.findall(f".//{SVG}rect[@class='bar']")) == len(rows)
    most = max((v for _, v in rows), default=0)
    for bar in root.findall(f".//{SVG}rect[@class='bar']"):
        value = int(bar.get("data-value", ""))
        assert (float(bar.get("width", "")) > 0) == (value > 0)
        if value == most and most:
            assert float(bar.get("width", "")) == max(
                float(b.get("width", "")) for b in root.findall(f".//{SVG}rect[@class='bar']")
            )


def test_a_line_chart_has_a_point_per_value_of_each_series_and_a_legend():
    svg = line_chart(
        chart_id="chart-trend",
        title="全区2025年各月新收申请和答复",
        desc="折线图",
        labels=["1月", "2月", "3月"],
        series=[("新收申请", [2, 4, 0]), ("答复送达", [1, 2, 1])],
    )
    root = _parse(svg)
    assert _accessible_name(root)[0] == "全区2025年各月新收申请和答复"
    points = root.findall(f".//{SVG}circle[@class='point']")
    assert [p.get("data-value") for p in points] == ["2", "4", "0", "1", "2", "1"]
    assert len(root.findall(f".//{SVG}polyline")) == 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"新收申请", "答复送达", "1月", "3月"} <= set(texts)
    # the highest point is at the top of the plot, zero on the baseline
    ys = {p.get("data-value"): float(p.get("cy", "")) for p in points[:3]}
    assert ys["4"] < ys["2"] < ys["0"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"chart_id": "bad id"}, "图表标识"),
        ({"values": [1]}, "个数"),
        ({"values": [-1, 2]}, "负数"),
    ],
)
def test_bad_chart_input_is_refused_in_chinese(kwargs, message):
    args = {"chart_id": "c", "title": "t", "desc": "d", "labels": ["a", "b"], "values": [1, 2]}
    with pytest.raises(ValueError, match=message):
        bar_chart(**(args | kwargs))


def test_control_characters_in_a_label_do_not_break_the_xml():
    svg = bar_chart(chart_id="c", title="t\x00", desc="d\x1f", labels=["a\x0bb"], values=[1])
    assert _accessible_name(_parse(svg))[0] == "t"
