"""Charts as SVG drawn on the server by pygal and put inline in the page: nothing is loaded from
outside the app and no script runs (pygal's tooltips script and its inline configuration script are
left out, so a Content-Security-Policy without inline scripts holds). The figures are printed on the
bars, and every chart has its table of numbers beside it.

The SVG scales with its box (viewBox, no fixed width or height): the page's CSS gives it width 100%."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from lxml import etree
from pygal.style import Style

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
LABEL_SIZE = 13
WIDTH = 420  # the viewBox: a little wider than a phone's column, so the 13px labels stay about 11px there

STYLE = Style(
    font_family=FONT,
    background="transparent",
    plot_background="#ffffff",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#5f6b7a",
    colors=("#1e5aa8", "#b3261e", "#1b7f3b", "#a15c00", "#6a3d9a", "#00838f", "#5f6b7a", "#c2185b"),
    label_font_size=LABEL_SIZE,
    major_label_font_size=LABEL_SIZE,
    value_font_size=12,
    value_label_font_size=12,
    legend_font_size=LABEL_SIZE,
    title_font_size=15,
    tooltip_font_size=LABEL_SIZE,
    no_data_font_size=18,
    opacity=".85",
    opacity_hover=".95",
)


def _config(**overrides) -> dict:
    return {
        "style": STYLE,
        "js": [],  # pygal's default loads its tooltips from kozea.github.io
        "disable_xml_declaration": True,  # inline in HTML
        "explicit_size": False,  # only the viewBox: the SVG scales with the page
        "width": WIDTH,
        "show_legend": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "print_values": True,  # no tooltips without a script: the figures are written on the chart
        "print_zeroes": False,
        "show_y_guides": True,
        "margin": 8,
        **overrides,
    }


def _wide(text: str) -> int:
    """How many full-width (CJK) characters a label has: pygal measures every character as 0.6 of
    the font size, a Chinese one takes about 1.0."""
    return sum(unicodedata.east_asian_width(ch) in "WF" for ch in str(text))


def _label_room(labels: Sequence[str]) -> int:
    return int(max((_wide(x) for x in labels), default=0) * 0.45 * LABEL_SIZE)


def to_svg(chart: pygal.graph.graph.Graph) -> SafeString:
    """The chart as inline SVG without scripts and comments (pygal's comments name its web site)."""
    root = chart.render_tree()
    for node in list(root.iter(etree.Comment, "{http://www.w3.org/2000/svg}script", "script")):
        node.getparent().remove(node)
    for node in root.xpath("//*[contains(concat(' ', @class, ' '), ' tooltip-overlay ')]"):
        node.getparent().remove(node)  # the tooltip's box, driven by the script left out
    for node in root.xpath("//*[@class='titles']"):
        node.getparent().remove(node)  # the panel's heading says it; the title stays in <title>
    root.set("role", "img")
    return mark_safe(etree.tostring(root, encoding="unicode"))  # noqa: S308 — built by pygal from our figures


def horizontal_bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence]], *, stacked: bool = False,
                    percent: bool = False) -> SafeString:
    """One bar per label (units, categories), one colour per series; the height grows with the labels
    so a long list stays readable on a phone."""
    kind = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
    per_label = 22 if stacked else 12 + 14 * len(series)
    height = 120 + per_label * max(len(labels), 1) + 22 * ((len(series) + 1) // 2)
    if percent:
        extra = {"range": (0, 100), "value_formatter": lambda v: f"{v:.1f}%", "y_labels": [0, 20, 40, 60, 80, 100]}
    else:
        extra = {"value_formatter": _count, "y_labels": _count_axis(series, stacked)}
    chart = kind(**_config(title=title, height=height, margin_left=8 + _label_room(labels), **extra))
    # pygal draws the first label at the bottom: reversed, the chart reads top-down like its table
    chart.x_labels = list(labels)[::-1]
    for name, values in series:
        chart.add(name, list(values)[::-1])
    return to_svg(chart)


def pie(title: str, slices: Sequence[tuple[str, int]]) -> SafeString:
    chart = pygal.Pie(**_config(title=title, height=300 + 22 * ((len(slices) + 1) // 2), inner_radius=0.45,
                                value_formatter=_count))
    for name, value in slices:
        chart.add(name, [value])
    return to_svg(chart)


def lines(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence]]) -> SafeString:
    chart = pygal.Line(**_config(title=title, height=340, x_label_rotation=40, dots_size=3,
                                 margin_bottom=8 + _label_room(labels), value_formatter=_count,
                                 y_labels=_count_axis(series, False)))
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    return to_svg(chart)


def _count_axis(series: Sequence[tuple[str, Sequence]], stacked: bool) -> list[int]:
    """Whole numbers on the axis of counts (pygal would write 0.2, 0.4, ... under small counts)."""
    columns = [[v or 0 for v in values] for _name, values in series]
    if stacked:
        top = max((sum(col) for col in zip(*columns, strict=False)), default=0)
    else:
        top = max((max(col, default=0) for col in columns), default=0)
    step = max(1, -(-top // 5))
    return list(range(0, max(top, 1) + step, step))


def _count(value) -> str:
    return "" if value is None else f"{value:g}"
