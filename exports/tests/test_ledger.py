"""The case ledger as .xlsx: the page's 导出Excel button and GET /api/v1/cases/export.xlsx give the same
file for the same filters; read back cell by cell; opened by LibreOffice; access and masking."""

import datetime

import pytest

from accounts.models import Role
from cases.models import CaseStatus
from cases.tests.conftest import ID_LI
from exports import ledger
from exports.tests.office import body, libreoffice_csv, workbook

pytestmark = pytest.mark.django_db

HEADERS = [
    "编号", "登记日期", "主办单位", "群众工作日", "信访人", "类型", "问题类别", "属地", "反映内容", "处理方式",
    "承办单位", "协办单位", "责任人", "状态", "答复期限", "承诺解决时限", "答复日期", "是否逾期", "退回次数",
]


def page_export(client, user, query=""):
    client.force_login(user)
    return client.get(f"/exports/ledger.xlsx?{query}", HTTP_ACCEPT_LANGUAGE="zh-hans")


def api_export(client, user, query=""):
    client.force_login(user)
    return client.get(f"/api/v1/cases/export.xlsx?{query}", HTTP_ACCEPT_LANGUAGE="zh-hans")


def rows_of(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = workbook(body(response))
    sheet = book.worksheets[0]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    return book, sheet, values


@pytest.mark.parametrize("door", [page_export, api_export])
def test_each_case_is_a_row_with_its_units_dates_and_status(client, supervisor, case_factory, door):
    assigned = case_factory(CaseStatus.ASSIGNED)
    answered = case_factory(CaseStatus.ANSWERED)
    book, sheet, values = rows_of(door(client, supervisor))
    assert values[0][0].startswith("信访事项台账")  # the title row, merged over the columns
    assert "A1:S1" in [str(r) for r in sheet.merged_cells.ranges]
    assert values[1] == HEADERS
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.column_dimensions["I"].width > 40  # the content column is wide
    assert [row[0] for row in values[2:]] == [answered.pk, assigned.pk]  # newest first
    row = dict(zip(HEADERS, values[3], strict=True))
    assert row["登记日期"] == datetime.datetime(2026, 12, 10)
    assert row["主办单位"] == "巴川街道"
    assert row["群众工作日"] == datetime.datetime(2026, 12, 10)
    assert row["信访人"] == "李四"
    assert row["问题类别"].endswith("欠薪讨薪")
    assert row["属地"] == "巴川街道"
    assert row["反映内容"] == "工地拖欠工资"
    assert row["承办单位"] == "区人力社保局"
    assert row["协办单位"] == "土桥镇"
    assert row["状态"] == "已交办"
    assert row["答复期限"] == datetime.datetime.combine(assigned.due_date, datetime.time())
    assert row["是否逾期"] is None and row["退回次数"] == 0
    on_the_spot = dict(zip(HEADERS, values[2], strict=True))
    assert on_the_spot["承办单位"] == "巴川街道" and on_the_spot["状态"] == "当场答复" and on_the_spot["处理方式"] == "当场答复"


def test_the_file_holds_no_id_number_or_phone(client, supervisor, case_factory):
    case_factory(CaseStatus.ASSIGNED)
    book, _sheet, _values = rows_of(api_export(client, supervisor))
    text = "\n".join(str(c.value) for row in book.worksheets[0].iter_rows() for c in row if c.value is not None)
    assert "李四" in text
    assert ID_LI not in text and ID_LI[-4:] not in text
    assert "13800138000" not in text and "0138000" not in text


@pytest.mark.parametrize("door", [page_export, api_export])
def test_an_export_that_matches_nothing_has_the_headers(client, supervisor, case_factory, door):
    case_factory(CaseStatus.ASSIGNED)
    _book, _sheet, values = rows_of(door(client, supervisor, "status=closed"))
    assert values[1] == HEADERS
    assert len(values) == 2


@pytest.mark.parametrize("door", [page_export, api_export])
def test_the_filters_of_the_ledger_apply(client, supervisor, case_factory, door):
    assigned = case_factory(CaseStatus.ASSIGNED)
    case_factory(CaseStatus.ANSWERED)
    _book, _sheet, values = rows_of(door(client, supervisor, "status=assigned"))
    assert [row[0] for row in values[2:]] == [assigned.pk]


def test_a_bad_status_is_a_clear_400_on_the_api(client, supervisor):
    response = api_export(client, supervisor, "status=nonsense")
    assert response.status_code == 400
    assert response.json()["errors"]["status"]


@pytest.mark.parametrize("door", [page_export, api_export])
def test_another_units_case_never_appears(client, make_user, town_clerk, case_factory, door):
    case = case_factory(CaseStatus.ASSIGNED)  # of 巴川街道, led by 区人力社保局, 土桥镇 assisting
    stranger = make_user(Role.CLERK, "南城街道")
    _book, _sheet, values = rows_of(door(client, stranger))
    assert values[1] == HEADERS and len(values) == 2
    # ... not even when the clerk filters by the unit that holds it
    _book, _sheet, values = rows_of(door(client, stranger, f"unit_id={case.host_unit_id}&unit={case.host_unit_id}"))
    assert len(values) == 2
    _book, _sheet, values = rows_of(door(client, town_clerk))
    assert [row[0] for row in values[2:]] == [case.pk]


def test_the_ledger_page_has_the_export_button_with_its_filters(client, supervisor, case_factory):
    case_factory(CaseStatus.ASSIGNED)
    client.force_login(supervisor)
    page = client.get("/cases/?status=assigned", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'href="/exports/ledger.xlsx?status=assigned"' in page
    assert "导出Excel" in page


def test_anonymous_gets_no_file(client):
    assert client.get("/exports/ledger.xlsx").status_code == 302
    assert client.get("/api/v1/cases/export.xlsx").status_code == 401


def test_rows_are_read_in_chunks_with_a_constant_number_of_queries(supervisor, case_factory, django_assert_max_num_queries, tmp_path):
    from cases.models import Case

    for _ in range(5):
        case_factory(CaseStatus.ASSIGNED)
    with django_assert_max_num_queries(4 * 3):  # cases, assisting units, petitioners per chunk of 2
        rows = ledger.write_ledger(Case.objects.all(), str(tmp_path / "x.xlsx"), title="t", chunk_size=2)
    assert rows == 5


def test_libreoffice_opens_the_ledger(client, supervisor, case_factory, tmp_path):
    case_factory(CaseStatus.ASSIGNED)
    csv = libreoffice_csv(body(api_export(client, supervisor)), tmp_path)
    lines = csv.splitlines()
    assert lines[1].startswith("编号,登记日期,主办单位")
    assert "工地拖欠工资" in lines[2] and "区人力社保局" in lines[2]
