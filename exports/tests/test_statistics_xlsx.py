"""A Work Day's 统计表 as .xlsx (GET /workdays/{id}/statistics.xlsx, page and API): opened again with
openpyxl and checked cell by cell, converted by LibreOffice, masked whoever exports it, 404 for
another unit, the same file from the page and the API, and a query count that does not grow with the
registrations."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import handling
from exports.tests.conftest import ID_NUMBER, PHONE
from exports.tests.office import all_text, libreoffice_csv, workbook
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays.services import briefing_record, sign_in_add

pytestmark = pytest.mark.django_db

OTHER_ID, LANDLINE = "500224199003035673", "023-45671234"
TITLE = "铜梁区“群众工作日”活动开展情况统计表"


def url(workday, api=False):
    return f"{'/api/v1' if api else ''}/workdays/{workday.pk}/statistics.xlsx"


def get(client, user, address):
    client.force_login(user)
    return client.get(address, HTTP_ACCEPT_LANGUAGE="zh-hans")


def register(day, actor, **fields):
    fields.setdefault("category", Category.objects.get(name="欠薪讨薪"))
    fields.setdefault("territory", Unit.objects.get(name="巴川街道"))
    registration, _ = register_matter(workday=day, actor=actor, **fields)
    return registration


@pytest.fixture
def held_day(clock, town_clerk, supervisor, day, registered):
    """巴川街道's day of 2026-12-10: three matters (李四's referred one from the fixture, a group of six
    answered on the spot, concluded and revisited satisfied, and a suggestion promised in 10 working
    days), two sign-ins and 200 leaflets."""
    clock.set("2026-12-10 09:05")
    sign_in_add(workday=day, actor=town_clerk, name="张伟", title="党工委书记", unit_name="巴川街道")
    sign_in_add(workday=day, actor=town_clerk, name="李明", title="办事处主任", unit_name="巴川街道")
    clock.set("2026-12-10 10:30")
    group = register(
        day, town_clerk, petitioners=[{"name": "王五", "id_number": OTHER_ID, "phone": LANDLINE}], people_count=6,
        kind="opinion", site="玉皇村", content="=村道破损，雨天无法通行", disposition="on_the_spot", answer="已当场答复，列入明年计划",
    )
    register(
        day, town_clerk, petitioners=[{"name": "赵六", "phone": "13912345678"}], kind="suggestion", content="建议增设公交站",
        disposition="time_limit", promised_days=10,
    )
    briefing_record(workday=day, actor=town_clerk, briefing="现场发放宣传资料", materials_count=200)
    clock.set("2026-12-11 10:00")
    case = group.case
    case = handling.case_close(case=case, actor=supervisor, version=case.version)
    handling.case_revisit(case=case, actor=supervisor, version=case.version, reached=True, satisfied=True, confirms_reply=True)
    return day


def test_the_summary_sheet_cell_by_cell(client, town_clerk, held_day):
    response = get(client, town_clerk, url(held_day))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "filename*=UTF-8''" in response["Content-Disposition"] and 'filename="workday-statistics-2026-12-10.xlsx"' in response["Content-Disposition"]
    book = workbook(response.content)
    assert book.sheetnames == ["汇总", "明细"]
    sheet = book["汇总"]
    assert sheet["A1"].value == TITLE
    assert sheet["A2"].value == "填报单位：巴川街道"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:U1", "A3:A4", "F3:F4", "G3:J3", "K3:M3", "R3:U3", "Q3:Q4"} <= merged
    headers = [sheet.cell(row=3, column=c).value for c in range(1, 22)]
    subheaders = [sheet.cell(row=4, column=c).value for c in range(1, 22)]
    assert headers[:6] == ["单位", "活动日期", "活动地点及接待点", "带班领导", "参加人员（人）", "接待群众（人次）"]
    assert headers[6] == "受理事项（件）" and subheaders[6:10] == ["合计", "诉求", "意见", "建议"]
    assert headers[10] == "处理方式（件）" and subheaders[10:13] == ["当场答复", "承诺解决时限", "报联席办"]
    assert headers[13:17] == ["集体访（批）", "重复访（人）", "发放宣传资料（份）", "已办结（件）"]
    assert headers[17] == "回访满意度" and subheaders[17:21] == ["回访次数", "满意", "不满意", "满意率（%）"]
    row = [sheet.cell(row=5, column=c).value for c in range(1, 22)]
    assert row[:4] == ["巴川街道", "2026-12-10 09:00—12:00", "巴川广场、玉皇村", "张伟"]
    # staff 2, people 1 + 6 + 1, matters 3 (one of each kind and disposition), group visits 1,
    # repeat petitioners 0, leaflets 200, concluded 1, one revisit, satisfied: 100 %
    assert row[4:] == [2, 8, 3, 1, 1, 1, 1, 1, 1, 1, 0, 200, 1, 1, 1, 0, 100]
    # the figures per site
    sites = {sheet.cell(row=r, column=1).value: [sheet.cell(row=r, column=c).value for c in (4, 6, 8)] for r in range(9, 11)}
    assert sites == {"巴川广场": [2, 2, 0], "玉皇村": [1, 6, 1]}
    # as an office prints it: frozen header, A4 landscape, the header rows on every page
    assert sheet.freeze_panes == "A5"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert int(sheet.page_setup.fitToHeight) == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage  # all columns on the width
    assert sheet.print_title_rows == "$3:$4"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["G"].width


def test_the_detail_sheet_one_row_per_registration_masked(client, town_clerk, held_day, registered):
    book = workbook(get(client, town_clerk, url(held_day)).content)
    sheet = book["明细"]
    assert sheet["A1"].value == f"{TITLE}：登记明细"
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert [sheet.cell(row=3, column=c).value for c in (1, 4, 5, 6, 11, 12, 16)] == [
        "编号", "信访人", "身份证号码（已脱敏）", "联系电话（已脱敏）", "反映内容", "处理方式", "案件编号",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 3
    first, group, suggestion = rows
    assert first[:4] == [1, "2026-12-10 10:00", "巴川广场", "李四"]
    assert first[4] == "5002**********2314" and first[5] == "138****8000"
    assert first[10] == "工地拖欠工资三个月" and first[12] == "区人力社保局" and first[15] == registered.case.pk
    assert group[2] == "玉皇村" and group[4] == "5002**********5673" and group[5] == "****1234" and group[6] == 6
    assert group[10] == "=村道破损，雨天无法通行" and group[12] == "已当场答复，列入明年计划" and group[16] == "已办结"
    assert suggestion[7] == "建议" and suggestion[13] == 10 and suggestion[4] is None and suggestion[5] == "139****5678"


@pytest.mark.parametrize("who", ["town_clerk", "supervisor"])
def test_no_full_id_number_or_phone_anywhere_whoever_exports(client, request, held_day, who):
    """The joint office may see the full values on the page (logged); the file never holds them."""
    content = get(client, request.getfixturevalue(who), url(held_day, api=True)).content
    text = all_text(workbook(content))
    digits = re.sub(r"\D", "", text)
    for secret in (ID_NUMBER, OTHER_ID, PHONE, LANDLINE, "45671234", "13912345678"):
        assert secret not in text and re.sub(r"\D", "", secret) not in digits
    assert "5002**********2314" in text


def test_libreoffice_opens_it(client, town_clerk, held_day, tmp_path):
    csv = libreoffice_csv(get(client, town_clerk, url(held_day)).content, tmp_path, "statistics.xlsx")
    assert TITLE in csv and "巴川街道" in csv and "巴川广场、玉皇村" in csv


def test_page_and_api_give_the_same_file(client, town_clerk, held_day):
    page = get(client, town_clerk, url(held_day))
    api = get(client, town_clerk, url(held_day, api=True))
    assert page.status_code == api.status_code == 200
    assert page["Content-Disposition"] == api["Content-Disposition"]
    assert page.content == api.content


def test_access_other_unit_404_joint_office_may(client, other_town_clerk, supervisor, town_clerk, held_day):
    for address in (url(held_day), url(held_day, api=True)):
        assert get(client, other_town_clerk, address).status_code == 404
        assert get(client, supervisor, address).status_code == 200
        assert get(client, town_clerk, address.replace(str(held_day.pk), "999999")).status_code == 404
    client.logout()
    assert client.get(url(held_day)).status_code == 302
    assert client.get(url(held_day, api=True)).status_code == 401


def test_a_day_without_registrations_gives_the_headers(client, town_clerk, day, tmp_path):
    content = get(client, town_clerk, url(day)).content
    book = workbook(content)
    summary, detail = book["汇总"], book["明细"]
    assert summary["A1"].value == TITLE and summary["G4"].value == "合计"
    assert [summary.cell(row=5, column=c).value for c in (5, 6, 7, 17, 18)] == [0, 0, 0, 0, 0]
    assert summary.cell(row=5, column=21).value is None  # no revisit: no rate
    assert detail["A3"].value == "编号" and detail.max_row == 3
    assert TITLE in libreoffice_csv(content, tmp_path, "empty.xlsx")


def test_the_work_day_page_links_the_file(client, town_clerk, day):
    page = get(client, town_clerk, f"/workdays/{day.pk}/").content.decode()
    links = page.split('data-testid="statistics-link"', 1)[1].split("</p>", 1)[0]
    assert f'href="/workdays/{day.pk}/statistics.xlsx"' in links and "统计表" in links


def test_the_queries_do_not_grow_with_the_registrations(client, clock, town_clerk, day, steady_calendar):
    client.force_login(town_clerk)
    clock.set("2026-12-10 10:00")

    def queries_with(total: int) -> int:
        while day.registrations.count() < total:
            n = day.registrations.count()
            register(
                day, town_clerk, petitioners=[{"name": f"来访人{n}", "phone": f"139{n:08d}"}],
                kind="request", content=f"诉求{n}", disposition="refer", channel="区人力社保局",
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(day))
        assert response.status_code == 200
        assert workbook(response.content)["明细"].max_row == 3 + total
        return len(queries)

    client.get(url(day))  # the first request of a process fills its caches (content types, settings)
    assert queries_with(3) == queries_with(30)
