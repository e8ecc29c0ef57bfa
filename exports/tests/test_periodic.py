"""The joint office's periodic report: figures of a small known dataset, the JSON, the .xlsx (read back
cell by cell and opened by LibreOffice) and the page agree; joint office only; a bad period is a clear
400; the number of queries does not grow with the cases."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import handling
from cases.models import Case, CaseStatus
from cases.tests.conftest import FOUND_WANTING
from exports.periodic import periodic_report
from exports.tests.office import libreoffice_csv, workbook
from supervision.orders import order_issue, order_respond

pytestmark = pytest.mark.django_db

LABOUR = "区人力社保局"


@pytest.fixture
def dataset(case_factory, supervisor, labour_clerk, clock):
    """At 巴川街道's Work Day of 2026-12-10: two cases assigned to 区人力社保局 (reply due 12-21), one
    with a 督办 answered at once and one with a 督办 never answered; one closed after an on-time
    reply; one answered on the spot; one replied but found wanting at the revisit (not satisfied);
    one returned by 区人力社保局; one voided (left out everywhere). Then the clock goes to 12-25: the
    two assigned cases are overdue, the unanswered 督办 too."""
    late = case_factory(CaseStatus.ASSIGNED)
    answered_order = case_factory(CaseStatus.ASSIGNED)
    case_factory(CaseStatus.CLOSED)
    case_factory(CaseStatus.ANSWERED)
    case_factory(FOUND_WANTING)
    returned = case_factory(CaseStatus.ASSIGNED)
    handling.case_return(case=returned, actor=labour_clerk, version=returned.version, reason="不属于本单位职责")
    case_factory(CaseStatus.VOIDED)
    order_issue(case=late, actor=supervisor, version=late.version, text="请加快办理", respond_within_days=3)
    order = order_issue(case=answered_order, actor=supervisor, version=answered_order.version, text="请说明进展", respond_within_days=3)
    order_respond(order=order, actor=labour_clerk, content="正在核实")
    clock.set("2026-12-25 10:00")
    return {"late": late, "returned": returned}


def get(client, user, path):
    client.force_login(user)
    return client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")


def row_of(table, unit):
    return next(r for r in table["rows"] if r["unit"] == unit)


def test_the_figures_of_a_known_month(client, supervisor, dataset):
    report = get(client, supervisor, "/api/v1/reports/periodic?period=2026-12").json()
    assert report["period"] == "2026-12" and report["start"] == "2026-12-01" and report["end"] == "2026-12-31"
    assert report["title"] == "区信访联席办“群众工作日”工作情况报告（2026年12月）"
    tables = report["tables"]
    assert list(tables) == ["units", "category", "kind", "territory", "status", "satisfaction", "orders"]

    units = tables["units"]
    town = row_of(units, "巴川街道")
    assert (town["workdays_required"], town["workdays_held"], town["compliant"]) == (1, 1, True)  # R1: one a quarter
    labour = row_of(units, LABOUR)
    # 5 assigned to it (3 kept, the returned one, the one replied and found wanting; the closed one);
    # 2 replied on time (closed, found wanting); 2 overdue now; 1 return; 1 not satisfied
    assert labour["cases"] == 5
    assert (labour["replied_on_time"], labour["overdue"]) == (2, 2)
    assert (labour["on_time_rate"], labour["overdue_rate"]) == (50.0, 50.0)
    assert (labour["returns"], labour["bounced"], labour["unsatisfied"]) == (1, 0, 1)
    total = units["total"]
    assert total["unit"] == "全区合计"
    assert (total["replied_on_time"], total["overdue"], total["returns"], total["unsatisfied"]) == (2, 2, 1, 1)
    assert total["compliant"] == sum(1 for r in units["rows"] if r["compliant"])

    # registered in the month, voided left out: 7 cases; 2 open past due now (cases.deadlines)
    by_status = {r["status"]: r["cases"] for r in tables["status"]["rows"]}
    assert by_status == {"已交办": 2, "当场答复": 1, "待联席办交办": 1, "已办结": 1, "已答复": 1}  # the returned one waits again
    assert tables["category"]["rows"] == [{"category": "劳动和社会保障", "cases": 6, "overdue_now": 2, "replied_late": 0}]
    assert tables["kind"]["total"] == {"kind": "全区合计", "cases": 6, "overdue_now": 2, "replied_late": 0}
    assert tables["territory"]["rows"][0]["territory"] == "巴川街道"

    assert tables["satisfaction"]["total"] == {
        "unit": "全区合计", "revisits": 1, "reached": 1, "satisfied": 0, "unsatisfied": 1, "satisfaction_rate": 0.0,
    }
    orders = tables["orders"]
    assert [r["unit"] for r in orders["rows"]] == [LABOUR]
    assert orders["total"] == {"unit": "全区合计", "issued": 2, "answered": 1, "answered_on_time": 1, "overdue": 1}


def test_other_periods_and_the_next_month(client, supervisor, dataset):
    quarter = get(client, supervisor, "/api/v1/reports/periodic?period=2026Q4").json()
    month = get(client, supervisor, "/api/v1/reports/periodic?period=2026-12").json()
    assert quarter["tables"]["category"] == month["tables"]["category"]
    assert get(client, supervisor, "/api/v1/reports/periodic?period=2026").json()["tables"]["orders"]["total"]["issued"] == 2
    november = get(client, supervisor, "/api/v1/reports/periodic?period=2026-11").json()["tables"]
    assert november["category"]["rows"] == [] and november["category"]["total"]["cases"] == 0
    assert november["orders"]["total"]["issued"] == 0


@pytest.mark.parametrize("period", ["2026Q5", "26-11", "2026-13", "abc", "", "1800", "1999", "0000Q1", "9999Q4"])
def test_a_bad_period_is_a_clear_400(client, supervisor, period):
    for path in ("/api/v1/reports/periodic", "/api/v1/reports/periodic.xlsx"):
        response = get(client, supervisor, f"{path}?period={period}")
        assert response.status_code == 400
        message = response.json()["errors"]["period"][0]
        assert "2026Q4" in message or "2000 至 2100" in message
    page = get(client, supervisor, f"/reports/periodic/?period={period}") if period else None
    if page is not None:
        assert page.status_code == 400
        assert 'role="alert"' in page.content.decode()


@pytest.mark.parametrize("who", ["town_clerk", "district_leader", "dept_clerk"])
def test_only_the_joint_office(client, request, who):
    user = request.getfixturevalue(who)
    for path in ("/api/v1/reports/periodic?period=2026Q4", "/api/v1/reports/periodic.xlsx?period=2026Q4", "/reports/periodic/?period=2026Q4"):
        assert get(client, user, path).status_code == 403
    client.force_login(user)
    assert "/reports/periodic/" not in client.get("/cases/").content.decode()


def test_the_xlsx_has_the_same_figures_cell_by_cell(client, supervisor, dataset, tmp_path):
    report = get(client, supervisor, "/api/v1/reports/periodic?period=2026-12").json()
    response = get(client, supervisor, "/api/v1/reports/periodic.xlsx?period=2026-12")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = workbook(response.content)
    assert len(book.worksheets) == len(report["tables"])
    for sheet, table in zip(book.worksheets, report["tables"].values(), strict=True):
        assert sheet["A1"].value == report["title"]
        assert sheet["A2"].value == table["title"]
        assert [c.value for c in sheet[3]] == [c["label"] for c in table["columns"]]
        assert sheet.freeze_panes == "B4"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        lines = table["rows"] + [table["total"]]
        assert sheet.max_row == 3 + len(lines)
        for n, line in enumerate(lines, start=4):
            for i, column in enumerate(table["columns"], start=1):
                value, cell = line.get(column["key"]), sheet.cell(row=n, column=i).value
                if column["key"] == "compliant" and n < 3 + len(lines):
                    assert cell == {True: "是", False: "否", None: None}[value]
                else:
                    assert cell == value, (table["title"], column["key"])
    units = book.worksheets[0]
    last = units.max_row
    assert units.cell(row=last, column=1).value == "全区合计"
    csv = libreoffice_csv(response.content, tmp_path, "periodic.xlsx")
    assert "全区合计" in csv and LABOUR in csv


def test_the_page_shows_the_same_tables(client, supervisor, dataset):
    report = get(client, supervisor, "/api/v1/reports/periodic?period=2026-12").json()
    page = get(client, supervisor, "/reports/periodic/?period=2026-12")
    assert page.status_code == 200
    html = page.content.decode()
    sections = html.split('data-testid="periodic-table"')[1:]
    assert len(sections) == len(report["tables"])
    for section, table in zip(sections, report["tables"].values(), strict=True):
        assert f"<h2>{table['title']}</h2>" in section
        cells = re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", section)
        header = [c["label"] for c in table["columns"]]
        assert cells[: len(header)] == header
        assert cells[-len(header):][0] == "全区合计"
    labour = re.search(rf"<tr><td>{LABOUR}</td>((?:<td>[^<]*</td>)+)</tr>", html)
    figures = re.findall(r"<td>([^<]*)</td>", labour.group(1))
    units = report["tables"]["units"]
    row = row_of(units, LABOUR)
    expected = [str(row[c["key"]]) for c in units["columns"][1:]]
    expected[2] = "否"
    expected[6:8] = ["50.0%", "50.0%"]
    assert figures == expected
    assert 'href="/api/v1/reports/periodic.xlsx?period=2026-12"' in html
    assert "/reports/periodic/" in html  # in the navigation of the joint office


def test_the_queries_do_not_grow_with_the_cases(supervisor, case_factory, labour_clerk, clock, steady_calendar):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            periodic_report("2026Q4")
        return len(queries)

    case_factory(FOUND_WANTING)
    case_factory(CaseStatus.ASSIGNED)
    few = count()
    for _ in range(4):
        case_factory(FOUND_WANTING)
        case_factory(CaseStatus.ASSIGNED)
    clock.set("2026-12-25 10:00")
    assert Case.objects.count() == 10
    assert count() == few
