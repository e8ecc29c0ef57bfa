"""分析研判: the day's figures computed from its registrations (withdrawn and voided entries not
counted), with a fixed number of queries; the unit's judgement and measures, written through the page
and the API under the day's transition table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import handling
from conftest import door_verdict, table_verdict
from history.selectors import timeline_for
from intake import services as intake_services
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays import services
from workdays.analysis import analysis_for
from workdays.models import Status, WorkDay
from workdays.selectors import visible_workdays
from workdays.tests.test_transition_parity import ROLES, days  # noqa: F401 (a fixture)
from workdays.transitions import TABLE

pytestmark = pytest.mark.django_db

ID_X = "50022419900101123X"
ID_Y = "500224198501012314"


def matter(day, actor, *, category="欠薪讨薪", territory="巴川街道", name="甲", id_number="", phone="13800138000", **fields):
    fields.setdefault("kind", "request")
    fields.setdefault("disposition", "refer")
    if fields["disposition"] == "refer":
        fields.setdefault("channel", "向区人力社保局反映")
    if fields["disposition"] == "on_the_spot":
        fields.setdefault("answer", "已解释政策")
    registration, _ = register_matter(
        workday=day, actor=actor, petitioners=[{"name": name, "id_number": id_number, "phone": phone}],
        category=Category.objects.get(name=category), territory=Unit.objects.get(name=territory),
        content=fields.pop("content", "拖欠工资三个月"), **fields,
    )
    return registration


@pytest.fixture
def day(clock, town_clerk, other_town_clerk, supervisor, plan_workday) -> WorkDay:
    """巴川街道's day of 2026-12-10 with three counted matters, one withdrawn and one voided; its
    petitioner 甲 came to an earlier day of 巴川街道, 乙 to an earlier day of 土桥镇 only."""
    clock.set("2026-11-20 10:00")
    earlier = plan_workday(town_clerk, "2026-11-25")
    elsewhere = plan_workday(other_town_clerk, "2026-11-25")
    the_day = plan_workday(town_clerk, "2026-12-10", extension_sites=["玉皇村", "龙门社区"])
    clock.set("2026-11-25 10:00")
    matter(earlier, town_clerk, name="甲", id_number=ID_X)
    matter(elsewhere, other_town_clerk, name="乙", id_number=ID_Y, category="社会保险", territory="土桥镇")
    clock.set("2026-12-10 10:00")
    matter(the_day, town_clerk, name="甲", id_number=ID_X, disposition="on_the_spot")
    matter(the_day, town_clerk, name="乙", id_number=ID_Y, phone="13800138001", kind="opinion", category="社会保险",
           territory="土桥镇", site="玉皇村", people_count=6, disposition="time_limit")
    matter(the_day, town_clerk, name="丙", phone="13800138002", site="玉皇村")
    withdrawn = matter(the_day, town_clerk, name="丁", phone="13800138003", kind="suggestion", category="噪声")
    intake_services.registration_withdraw(registration=withdrawn, actor=town_clerk, reason="录入错误")
    voided = matter(the_day, town_clerk, name="戊", phone="13800138004", category="噪声")
    handling.case_void(case=voided.case, actor=supervisor, version=voided.case.version, reason="重复录入")
    return WorkDay.objects.get(pk=the_day.pk)


EXPECTED = {
    "registrations": 3,
    "by_kind": {"request": 2, "opinion": 1, "suggestion": 0},
    "by_category": {"劳动和社会保障": 3},
    "by_territory": {"巴川街道": 2, "土桥镇": 1},
    "by_site": {"巴川广场": 1, "玉皇村": 2, "龙门社区": 0},
    "by_disposition": {"on_the_spot": 1, "time_limit": 1, "refer": 1},
    "group_visits": 1,
    # 甲 came back to 巴川街道 with the same category; 乙's earlier matter is 土桥镇's, not counted here.
    "repeat_petitioners": 1,
    "hot_issues": [{"category": "劳动和社会保障 / 欠薪讨薪", "count": 2}],
    "judgement": "",
    "measures": "",
}


def test_the_analysis_is_computed_from_the_counted_registrations(client, day, town_clerk):
    assert analysis_for(day) == EXPECTED
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/workdays/{day.pk}/analysis").json() == EXPECTED


def test_the_joint_office_day_counts_repeats_across_units(clock, supervisor, town_clerk, other_town_clerk, plan_workday, district_leader):
    from units.models import DistrictLeader

    clock.set("2026-11-20 10:00")
    elsewhere = plan_workday(other_town_clerk, "2026-11-25")
    own = plan_workday(supervisor, "2026-12-10", leading_district_leader=DistrictLeader.objects.get(name="王建国"))
    clock.set("2026-11-25 10:00")
    matter(elsewhere, other_town_clerk, name="乙", id_number=ID_Y, territory="土桥镇")
    clock.set("2026-12-10 10:00")
    matter(own, supervisor, name="乙", id_number=ID_Y, territory="土桥镇", category="噪声")
    assert analysis_for(WorkDay.objects.get(pk=own.pk))["repeat_petitioners"] == 1


def test_hot_issues_are_the_top_five_categories_with_two_matters_or_more(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    the_day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    counts = {"欠薪讨薪": 2, "噪声": 4, "社会保险": 2, "入学": 3, "道路": 2, "殡葬": 2, "污染": 1}
    n = 0
    for category, times in counts.items():
        for _ in range(times):
            n += 1
            matter(the_day, town_clerk, name=f"人{n}", phone=f"138001{n:05d}", category=category)
    hot = analysis_for(the_day)["hot_issues"]
    assert [h["count"] for h in hot] == [4, 3, 2, 2, 2]
    assert hot[0] == {"category": "生态环境 / 噪声", "count": 4} and hot[1]["category"] == "教育 / 入学"
    # Ties keep the category tree's order: 欠薪讨薪 and 社会保险 (劳动和社会保障) before 殡葬 (民政) and 道路.
    assert [h["category"] for h in hot[2:]] == ["劳动和社会保障 / 欠薪讨薪", "劳动和社会保障 / 社会保险", "民政 / 殡葬"]


def _queries(workday) -> int:
    with CaptureQueriesContext(connection) as captured:
        analysis_for(WorkDay.objects.select_related("host_unit").get(pk=workday.pk))
    return len(captured) - 1


def test_the_number_of_queries_does_not_grow_with_the_registrations(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    small, large = plan_workday(town_clerk, "2026-12-10"), plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    ids = [ID_X, ID_Y]
    for i in range(2):
        matter(small, town_clerk, name=f"人{i}", id_number=ids[i], phone=f"1380013{i:04d}")
    for i in range(12):
        matter(large, town_clerk, name=f"人{i}" if i > 1 else f"人{i}", id_number=ids[i] if i < 2 else "",
               phone=f"1380013{i:04d}", site="玉皇村" if i % 2 else "", category="噪声" if i % 3 else "欠薪讨薪")
    assert analysis_for(large)["registrations"] == 12 and analysis_for(large)["repeat_petitioners"] == 2
    assert _queries(small) == _queries(large) <= 12


def test_the_unit_writes_its_judgement_and_measures_through_both_doors(client, day, town_clerk):
    client.force_login(town_clerk)
    response = client.put(
        f"/api/v1/workdays/{day.pk}/analysis", {"judgement": " 欠薪问题集中 ", "measures": "联合人社部门专项督办"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {**EXPECTED, "judgement": "欠薪问题集中", "measures": "联合人社部门专项督办"}
    page = client.post(f"/workdays/{day.pk}/analysis/", {"judgement": "工程欠薪集中在玉皇村", "measures": ""})
    assert page.status_code == 302 and page["Location"].endswith("#analysis")
    day.refresh_from_db()
    assert (day.judgement, day.measures) == ("工程欠薪集中在玉皇村", "")
    entries = [e for e in timeline_for(day) if e.action == "analysis_recorded"]
    assert len(entries) == 2
    shown = client.get(f"/workdays/{day.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    section = shown[shown.index('data-testid="analysis"'):shown.index('id="report"')]
    for text in ("分析研判", "工程欠薪集中在玉皇村", "诉求", "意见", "当场答复", "劳动和社会保障", "玉皇村", "重复访", "热点问题", "劳动和社会保障 / 欠薪讨薪"):
        assert text in section, text


def test_the_analysis_is_readable_but_not_writable_by_others(client, day, district_leader, other_town_clerk):
    client.force_login(district_leader)
    assert client.get(f"/api/v1/workdays/{day.pk}/analysis").status_code == 200
    assert client.put(f"/api/v1/workdays/{day.pk}/analysis", {"judgement": "x"}, content_type="application/json").status_code == 403
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/workdays/{day.pk}/analysis").status_code == 404
    assert client.put(f"/api/v1/workdays/{day.pk}/analysis", {"judgement": "x"}, content_type="application/json").status_code == 404
    assert WorkDay.objects.get(pk=day.pk).judgement == ""


def test_page_and_api_give_the_tables_verdict_for_the_analysis(client, days, request):  # noqa: F811
    step, data = TABLE["analysis"], {"judgement": "问题集中", "measures": "专项化解"}
    seen = set()
    for role in ROLES:
        user = request.getfixturevalue(role)
        for status, day in days.items():

            def page(user=user, day=day):
                client.force_login(user)
                return client.post(f"/workdays/{day.pk}/analysis/", data)

            def api(user=user, day=day):
                client.force_login(user)
                return client.put(f"/api/v1/workdays/{day.pk}/analysis", data, content_type="application/json")

            day = WorkDay.objects.get(pk=day.pk)
            want = table_verdict(step, user, day, visible=visible_workdays(user).filter(pk=day.pk).exists())
            assert (door_verdict(page), door_verdict(api)) == (want, want), f"analysis by {role} on a {status} day"
            seen.add(want)
    assert seen == {"done", "refused", "forbidden", "not found"}


@pytest.mark.parametrize(
    "status, message",
    [(Status.NOTICE_PUBLISHED, "活动尚未举办，暂无可分析研判的内容。"), (Status.ARCHIVED, "本次群众工作日已归档。")],
)
def test_the_analysis_waits_for_the_day_and_closes_with_the_archive(client, days, town_clerk, status, message):  # noqa: F811
    client.force_login(town_clerk)
    response = client.put(
        f"/api/v1/workdays/{days[status].pk}/analysis", {"judgement": "x"}, content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 409 and response.json()["detail"] == message
    assert WorkDay.objects.get(pk=days[status].pk).judgement == ""


def test_the_report_can_go_before_the_analysis_is_written(client, day, town_clerk):
    client.force_login(town_clerk)
    assert client.post(f"/api/v1/workdays/{day.pk}/report", {}, content_type="application/json").status_code == 200
    assert client.put(f"/api/v1/workdays/{day.pk}/analysis", {"measures": "回访"}, content_type="application/json").status_code == 200
    assert services.TABLE["analysis"].refused_by_state(WorkDay.objects.get(pk=day.pk)) is None
