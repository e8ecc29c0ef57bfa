"""The dashboard: every chart has its table, the table's numbers are the report's figures and the
chart's; the joint office sees the district, a town clerk only its own town; the period is chosen by
code and a bad one is a clear message; the page loads nothing from outside and runs no script."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case
from dashboards.tests.helpers import figure, panels
from exports.periodic import display, monthly_trend, periodic_report
from supervision.compliance import visible_compliance
from workcal import calendar

pytestmark = pytest.mark.django_db

LABOUR, TOWN, OTHER_TOWN = "区人力社保局", "巴川街道", "土桥镇"
REPORT_PANELS = ["rates", "category", "status", "satisfaction", "trend"]


def get(client, user, query="?period=2026-12"):
    client.force_login(user)
    return client.get(f"/dashboard/{query}", HTTP_ACCEPT_LANGUAGE="zh-hans")


def rows_by_label(panel):
    return {r[0]: r[1:] for r in panel.rows}


def test_it_shows_the_joint_office_every_chart_with_its_table(client, supervisor, two_towns):
    response = get(client, supervisor)
    assert response.status_code == 200
    found = panels(response)
    assert [k for k in found if not k.startswith("compliance-")] == REPORT_PANELS
    assert {"compliance-territories", "compliance-departments"} <= set(found)
    for panel in found.values():
        assert panel.svg is not None, panel.key
        assert panel.svg.get("viewbox") or panel.svg.get("viewBox"), panel.key
        assert panel.svg.get("width") is None and panel.svg.get("height") is None  # scales with the page
        assert panel.caption.startswith(panel.title)
        assert panel.header and panel.rows, panel.key
    html = response.content.decode()
    assert "2026年12月" in html


def test_the_tables_hold_the_reports_figures(client, supervisor, two_towns):
    found = panels(get(client, supervisor))
    report = {t.key: t for t in periodic_report("2026-12").tables}

    category = rows_by_label(found["category"])
    expected = {r["category"]: [str(r["cases"]), str(r["overdue_now"]), str(r["replied_late"])] for r in report["category"].rows}
    assert category == expected
    assert category["劳动和社会保障"] == ["4", "1", "0"]  # 巴川街道's four; the one assigned is overdue by 12-25
    assert category["国土资源与规划"] == ["1", "0", "0"]  # 土桥镇's
    assert found["category"].total == ["全区合计", "5", "1", "0"]

    status = rows_by_label(found["status"])
    assert {k: v[0] for k, v in status.items()} == {r["status"]: str(r["cases"]) for r in report["status"].rows}
    assert status["当场答复"][0] == "2"

    rates = rows_by_label(found["rates"])
    labour = next(r for r in report["units"].rows if r["unit"] == LABOUR)
    assert rates[LABOUR] == [str(labour["replied_on_time"]), str(labour["overdue"]), display(labour["on_time_rate"], "rate"),
                             display(labour["overdue_rate"], "rate")]
    assert rates[LABOUR] == ["2", "1", "66.7%", "33.3%"]

    satisfaction = rows_by_label(found["satisfaction"])
    assert satisfaction[LABOUR] == ["1", "1", "0", "1", "0.0%"]

    trend = found["trend"]
    months = {r["month"]: r for r in monthly_trend("2026-12").rows}
    assert len(trend.rows) == 12 and trend.rows[0][0] == "2026年1月" and trend.rows[-1][0] == "2026年12月"
    assert rows_by_label(trend)["2026年12月"] == ["5", "2", "0", str(months["2026年12月"]["workdays_held"])]
    assert trend.total[0] == "全区合计"


def test_each_chart_draws_the_numbers_of_its_table(client, supervisor, two_towns):
    found = panels(get(client, supervisor))
    charted = {
        "rates": ["按期率（%）", "逾期率（%）"],
        "category": ["信访事项", "逾期未办结"],
        "satisfaction": ["满意", "不满意"],
        "trend": ["登记件数", "按期答复", "逾期答复", "已开展次数"],
    }
    for key, columns in charted.items():
        series = found[key].series()
        assert list(series) == columns, key
        for column in columns:
            table = [v for v in found[key].column(column) if v != "—"]
            assert sorted(series[column]) == sorted(table), (key, column)
    status = found["status"]
    assert status.series() == {label: [n] for label, n in zip(status.column("状态"), status.column("信访事项"), strict=True)}

    compliance = found["compliance-territories"]
    for quarter, values in compliance.series().items():
        assert sorted(values) == sorted(figure(c) for c in compliance.column(quarter))


def test_compliance_by_unit_and_quarter_is_r1s(client, supervisor, two_towns):
    compliance = panels(get(client, supervisor))["compliance-territories"]
    assert compliance.header[1:] == ["2026年第一季度", "2026年第二季度", "2026年第三季度", "2026年第四季度"]
    rows = {row.unit.name: row for row in visible_compliance(supervisor, 2026)}
    table = rows_by_label(compliance)
    for name in (TOWN, OTHER_TOWN):
        assert [" ".join(c.split()[:3]) for c in table[name]] == [f"{c.held} / {c.required}" for c in rows[name].cells]
    assert table[TOWN][3].startswith("1 / 1") and "达标" in table[TOWN][3]


def test_a_town_clerk_sees_only_its_own_town_in_every_table(client, town_clerk, two_towns):
    response = get(client, town_clerk)
    assert response.status_code == 200
    found = panels(response)
    assert list(found) == ["compliance-territories", *REPORT_PANELS]
    text = response.content.decode()
    assert OTHER_TOWN not in text and LABOUR not in text and "全区合计" not in text
    assert "国土资源与规划" not in text  # 土桥镇's matter
    assert [r[0] for r in found["compliance-territories"].rows] == [TOWN]
    category = rows_by_label(found["category"])
    assert category == {"劳动和社会保障": ["4", "1", "0"]}  # the cases registered at its own day
    assert found["category"].total == ["合计", "4", "1", "0"]
    assert found["rates"].rows == [] and found["satisfaction"].rows == []  # 区人力社保局 replied, not the town
    assert rows_by_label(found["trend"])["2026年12月"][0] == "4"
    assert "/reports/periodic/" not in text  # the district's report stays the joint office's
    assert 'href="/dashboard/"' in text  # in its navigation


def test_the_other_town_sees_its_matter_and_the_cases_it_assists(client, other_town_clerk, two_towns):
    found = panels(get(client, other_town_clerk))
    text = str(found["compliance-territories"].rows)
    assert TOWN not in text
    # 土桥镇 assists 区人力社保局 on the two assigned ones (cases.selectors.visible_cases)
    assert rows_by_label(found["category"])["国土资源与规划"] == ["1", "0", "0"]


@pytest.mark.parametrize(("period", "message"), [
    ("9999Q9", "周期格式应为 2026Q4、2026H2、2026-11 或 2026。"),
    ("2026Q5", "周期格式应为 2026Q4、2026H2、2026-11 或 2026。"),
    ("2101", "请选择 2000 至 2100 年之间的年份。"),
    ("1999Q1", "请选择 2000 至 2100 年之间的年份。"),
])
def test_a_bad_period_is_a_clear_message(client, supervisor, period, message):
    response = get(client, supervisor, f"?period={period}")
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'value="{period}"' in html and 'data-testid="panel"' not in html


@pytest.mark.parametrize("period", ["2026", "2026Q4", "2026-12", "2026H2", "2000Q1"])
def test_the_period_is_chosen_by_month_quarter_or_year(client, supervisor, two_towns, period):
    response = get(client, supervisor, f"?period={period}")
    assert response.status_code == 200
    found = panels(response)
    category = {t.key: t for t in periodic_report(period).tables}["category"]
    if period == "2000Q1":  # a year before the system: empty tables, said so
        assert found["category"].rows == [] and found["category"].total is None
        assert "本期无数据。" in response.content.decode()
    else:
        assert found["category"].total[1] == str(category.total["cases"]) == "5"


def test_it_defaults_to_the_current_quarter_and_links_the_neighbours(client, supervisor, clock):
    clock.set("2026-12-25 10:00")
    response = get(client, supervisor, "")
    html = response.content.decode()
    assert "2026年第四季度" in html
    assert 'href="?period=2026Q3"' in html and 'href="?period=2027Q1"' in html
    assert 'href="?period=2026-12"' in html and 'href="?period=2026"' in html


def test_it_loads_nothing_from_outside_and_runs_no_script(client, supervisor, two_towns):
    html = get(client, supervisor).content.decode()
    assert html.count("<svg") >= 6
    assert "<script" not in html.split("</main>")[0]  # no script in the charts (htmx is the app's own, after)
    urls = re.findall(r"""(?:src|href|xlink:href)\s*=\s*["']([^"']*)""", html)
    assert urls and all(not u.startswith(("http:", "https:", "//")) for u in urls), urls
    elsewhere = set(re.findall(r"https?://[^\s\"'<>)]+", html)) - {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
    assert elsewhere == set()
    assert "kozea" not in html.lower() and "googleapis" not in html
    assert "Noto Sans CJK SC" in html  # the charts' Chinese labels have a font


def test_the_queries_do_not_grow_with_the_cases(client, supervisor, town_clerk, case_factory, clock, monkeypatch):
    # The calendar looks at its token once a second of wall time: stop that clock so only the page counts.
    monkeypatch.setattr(calendar, "_monotonic", lambda: 0.0)

    def count(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/?period=2026Q4").status_code == 200
        return len(queries)

    for status in ("closed", "found_wanting", "assigned", "answered", "awaiting_assignment"):
        case_factory(status)
    clock.set("2026-12-25 10:00")
    few = (count(supervisor), count(town_clerk))
    assert Case.objects.count() == 5
    clock.set("2026-12-10 10:30")
    for _ in range(9):
        for status in ("closed", "found_wanting", "assigned", "answered", "awaiting_assignment"):
            case_factory(status)
    clock.set("2026-12-25 10:00")
    assert Case.objects.count() == 50
    assert (count(supervisor), count(town_clerk)) == few


def test_it_requires_login(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_district_leader_sees_the_units_linked_to_them(client, district_leader, two_towns):
    response = get(client, district_leader)
    found = panels(response)
    assert [r[0] for r in found["compliance-territories"].rows] == [TOWN]  # liaison
    assert [r[0] for r in found["compliance-departments"].rows] == ["区住房城乡建委"]  # oversight
    text = response.content.decode()
    assert OTHER_TOWN not in text and "国土资源与规划" not in text
    assert rows_by_label(found["category"]) == {"劳动和社会保障": ["4", "1", "0"]}
