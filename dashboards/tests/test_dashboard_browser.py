"""The dashboard in Chromium, on a phone and on a desktop: the charts draw in the page's width with
Chinese labels, nothing scrolls sideways but the wide tables, and nothing is loaded from outside
(the root conftest's no_external_requests). DASHBOARD_SCREENSHOTS=dir keeps a screenshot of each."""

import os

import pytest

from conftest import login_in_browser
from dashboards.charts import LABEL_SIZE, WIDTH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("name", "width", "height"), [("phone", 390, 844), ("desktop", 1280, 900)])
def test_the_charts_fit_the_screen(page, live_server, supervisor, two_towns, name, width, height):
    page.set_viewport_size({"width": width, "height": height})
    login_in_browser(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/dashboard/?period=2026-12")
    assert page.get_by_role("heading", name="各单位按期率与逾期率").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    charts = page.locator("figure.dash-chart svg")
    assert charts.count() >= 6
    for i in range(charts.count()):
        box, figure = charts.nth(i).bounding_box(), page.locator("figure.dash-chart").nth(i).bounding_box()
        assert box["width"] >= min(0.9 * figure["width"], 559) and box["x"] + box["width"] <= width  # CSS max 560px
    # the Chinese labels are drawn in a CJK font, not as boxes: a unit name is as wide as its characters
    label = page.locator("figure.dash-chart text", has_text="区人力社保局").first
    assert label.bounding_box()["width"] > 6 * 0.9 * LABEL_SIZE * (box["width"] / WIDTH)
    folder = os.environ.get("DASHBOARD_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"charts-{name}.png"), full_page=True)
        for panel in ("compliance-territories", "rates", "category", "status", "satisfaction", "trend"):
            page.locator(f"section[data-panel='{panel}']").screenshot(path=os.path.join(folder, f"charts-{name}-{panel}.png"))
