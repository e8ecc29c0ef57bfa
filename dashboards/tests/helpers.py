"""Reading the dashboard as a user does: its panels, each with the chart's figures and its table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree, html


@dataclass
class Panel:
    key: str
    title: str
    svg: etree._Element | None
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None

    def column(self, label: str) -> list[str]:
        i = self.header.index(label)
        return [r[i] for r in self.rows]

    def series(self) -> dict[str, list[str]]:
        """The chart's figures per series (its legend's name), as pygal wrote them."""
        names = [t.text for t in self.svg.xpath(".//*[local-name()='g'][contains(@class, 'legends')]//*[local-name()='text']")]
        found = {}
        for i, name in enumerate(names):
            groups = self.svg.xpath(f".//*[local-name()='g'][contains(concat(' ', @class, ' '), ' serie-{i} ')]")
            found[name] = [d.text for g in groups for d in g.xpath(".//*[local-name()='desc'][@class='value']")]
        return found


def _text(node) -> str:
    return " ".join(node.text_content().split())


def panels(response) -> dict[str, Panel]:
    doc = html.fromstring(response.content.decode())
    found = {}
    for section in doc.xpath("//section[@data-testid='panel']"):
        svg = section.xpath(".//figure//*[local-name()='svg']")
        table = section.xpath(".//table")[0]
        total = table.xpath("./tfoot/tr")
        found[section.get("data-panel")] = Panel(
            key=section.get("data-panel"),
            title=_text(section.xpath("./h2")[0]),
            svg=svg[0] if svg else None,
            caption=_text(table.xpath("./caption")[0]),
            header=[_text(th) for th in table.xpath("./thead/tr/th")],
            rows=[[_text(c) for c in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr") if not tr.xpath("./td[@colspan]")],
            total=[_text(c) for c in total[0].xpath("./th|./td")] if total else None,
        )
    return found


def figure(cell: str) -> str:
    """A table cell's number as the chart writes it (the state badge of a compliance cell left out)."""
    return re.split(r"\s", cell, maxsplit=1)[0]
