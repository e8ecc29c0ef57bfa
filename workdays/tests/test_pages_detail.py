"""The day's page and its section forms and buttons: /workdays/<id>/..."""

import pytest

from workdays.models import Report, ScreeningItem, SignIn, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10")


@pytest.fixture
def clerk_client(client, day, town_clerk):
    client.force_login(town_clerk)  # after the clock is set: the session lives on the test's clock
    return client


def page_of(response) -> str:
    return response.content.decode()


def test_it_shows_the_facts_windows_status_path_and_history(clerk_client, day):
    response = clerk_client.get(f"/workdays/{day.pk}/")
    assert response.status_code == 200
    page = page_of(response)
    for text in ("巴川广场", "玉皇村", "张伟", "2026-12-03", "2026-12-05", "2026-12-14", "2027-01-09"):
        assert text in page
    for step in ("已计划", "已发布公告", "已举办", "已报送", "已公示", "已归档"):
        assert step in page
    assert "变更记录" in page and "发布公告" in page


def test_it_gives_another_towns_clerk_404_everywhere(client, other_town_clerk, day):
    client.force_login(other_town_clerk)
    assert client.get(f"/workdays/{day.pk}/").status_code == 404
    assert client.get(f"/workdays/{day.pk}/register/").status_code == 404
    for action in ("notice/publish", "screening", "sign-ins", "report", "results/publish", "archive", "inform-leader"):
        assert (
            client.post(f"/workdays/{day.pk}/{action}/", {"description": "x", "outcome": "resolved"}).status_code == 404
        )
    assert client.get("/workdays/999999/").status_code == 404


def test_it_lets_a_linked_district_leader_read_but_not_write(client, district_leader, day):
    client.force_login(district_leader)
    response = client.get(f"/workdays/{day.pk}/")
    assert response.status_code == 200 and "您可以查阅" in page_of(response)
    assert "发布公告</button>" not in page_of(response)
    assert client.post(f"/workdays/{day.pk}/notice/publish/").status_code == 403
    assert client.post(f"/workdays/{day.pk}/screening/", {"description": "x", "outcome": "resolved"}).status_code == 403
    assert client.get(f"/workdays/{day.pk}/register/").status_code == 403
    day.refresh_from_db()
    assert day.status == Status.PLANNED and not day.screening_items.exists()


def test_it_requires_post_for_changes(clerk_client, day):
    assert clerk_client.get(f"/workdays/{day.pk}/notice/publish/").status_code == 405


def test_it_publishes_the_notice_and_links_the_public_page(clerk_client, clock, day):
    clock.set("2026-12-04 09:00")
    response = clerk_client.post(f"/workdays/{day.pk}/notice/publish/", follow=True)
    day.refresh_from_db()
    assert day.status == Status.NOTICE_PUBLISHED
    page = page_of(response)
    assert "公告已发布" in page and "在规定期限内" in page
    assert f"/public/notices/{day.pk}/" in page and f"/workdays/{day.pk}/notice/poster/" in page


def test_it_refuses_publishing_the_notice_twice_with_a_message(clerk_client, day):
    clerk_client.post(f"/workdays/{day.pk}/notice/publish/")
    response = clerk_client.post(f"/workdays/{day.pk}/notice/publish/", follow=True)
    assert "只有在计划阶段才能发布公告" in page_of(response)


def test_it_records_screening_items_on_time_or_late(clerk_client, clock, day):
    response = clerk_client.post(f"/workdays/{day.pk}/screening/", {"description": "土地纠纷", "outcome": "mediation"})
    assert response.status_code == 302 and response["Location"].endswith("#screening")
    clock.set("2026-12-08 09:00")
    clerk_client.post(f"/workdays/{day.pk}/screening/", {"description": "欠薪", "outcome": "resolved"})
    page = page_of(clerk_client.get(f"/workdays/{day.pk}/"))
    assert "按时" in page and "逾期" in page and ScreeningItem.objects.count() == 2


def test_it_requires_an_opinion_for_an_unresolved_screening_item(clerk_client, day):
    response = clerk_client.post(f"/workdays/{day.pk}/screening/", {"description": "土地纠纷", "outcome": "unresolved"})
    assert response.status_code == 400
    assert response.context["screening_form"].errors["opinion"] == [
        "不能解决的事项须明确意见，并做好政策解答及疏导准备。"
    ]
    assert not ScreeningItem.objects.exists()


def test_it_records_that_the_leader_was_informed(clerk_client, day):
    clerk_client.post(f"/workdays/{day.pk}/inform-leader/", {"note": "电话报告联系区领导"})
    day.refresh_from_db()
    assert day.leader_informed_at is not None and day.leader_informed_note == "电话报告联系区领导"


def test_it_refuses_sign_in_before_the_day_and_accepts_it_on_the_day(clerk_client, clock, day):
    response = clerk_client.post(f"/workdays/{day.pk}/sign-ins/", {"name": "李娜"}, follow=True)
    assert "群众工作日在 2026-12-10 举行" in page_of(response) and not SignIn.objects.exists()
    clock.set("2026-12-10 08:30")
    clerk_client.post(f"/workdays/{day.pk}/sign-ins/", {"name": "李娜", "title": "副书记"})
    day.refresh_from_db()
    assert day.status == Status.HELD and SignIn.objects.get().unit_name == "巴川街道"


def test_it_shows_a_missing_sign_in_name_on_the_field(clerk_client, clock, day):
    clock.set("2026-12-10 08:30")
    response = clerk_client.post(f"/workdays/{day.pk}/sign-ins/", {"name": ""})
    assert response.context["sign_in_form"].errors["name"] == ["这个字段是必填项。"]


def test_it_records_the_briefing(clerk_client, clock, day):
    clock.set("2026-12-10 08:30")
    clerk_client.post(f"/workdays/{day.pk}/briefing/", {"briefing": "介绍目标和措施", "materials_count": "120"})
    day.refresh_from_db()
    assert day.briefing == "介绍目标和措施" and day.materials_count == 120
    response = clerk_client.post(f"/workdays/{day.pk}/briefing/", {"briefing": "", "materials_count": "-1"})
    assert "materials_count" in response.context["briefing_form"].errors


def test_it_refuses_the_report_before_the_day_is_held(clerk_client, day):
    page = page_of(clerk_client.get(f"/workdays/{day.pk}/"))
    assert "活动尚未举办，暂无可报送内容。" in page  # the disabled button says why
    response = clerk_client.post(f"/workdays/{day.pk}/report/", {"summary": ""}, follow=True)
    assert "活动尚未举办，暂无可报送内容。" in page_of(response) and not Report.objects.exists()


def test_it_submits_the_report_then_the_joint_office_forwards_it(client, clerk_client, clock, day, supervisor):
    clock.set("2026-12-10 08:30")
    clerk_client.post(f"/workdays/{day.pk}/sign-ins/", {"name": "李娜"})
    response = clerk_client.post(f"/workdays/{day.pk}/report/", {"summary": "共接待群众12人"}, follow=True)
    day.refresh_from_db()
    assert day.status == Status.REPORTED and day.report.summary == "共接待群众12人"
    page = page_of(response)
    assert "报告已报送" in page and "按时" in page and "转送投诉受理中心</button>" not in page
    assert clerk_client.post(f"/workdays/{day.pk}/report/forward/").status_code == 403

    client.force_login(supervisor)
    assert "转送投诉受理中心</button>" in page_of(client.get(f"/workdays/{day.pk}/"))
    client.post(f"/workdays/{day.pk}/report/forward/")
    day.report.refresh_from_db()
    assert day.report.forwarded_by == supervisor
    response = client.post(f"/workdays/{day.pk}/report/forward/", follow=True)
    assert '<li class="msg-error">报告已经转送过了。</li>' in page_of(response)


def test_it_publishes_results_after_the_report_and_then_archives(clerk_client, clock, day):
    response = clerk_client.post(f"/workdays/{day.pk}/results/publish/", follow=True)
    assert "请先向联席办报送报告，再公示结果。" in page_of(response)
    clock.set("2026-12-10 08:30")
    clerk_client.post(f"/workdays/{day.pk}/sign-ins/", {"name": "李娜"})
    clerk_client.post(f"/workdays/{day.pk}/report/", {})
    response = clerk_client.post(f"/workdays/{day.pk}/archive/", follow=True)
    assert "结果公示后方可归档。" in page_of(response)
    clock.set("2026-12-20 09:00")
    response = clerk_client.post(f"/workdays/{day.pk}/results/publish/", follow=True)
    assert f"/public/results/{day.pk}/" in page_of(response)
    clerk_client.post(f"/workdays/{day.pk}/archive/")
    day.refresh_from_db()
    assert day.status == Status.ARCHIVED


def test_it_voids_a_day_from_its_page(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    client.force_login(town_clerk)
    assert "作废" in client.get(f"/workdays/{day.pk}/").content.decode()
    response = client.post(f"/workdays/{day.pk}/void/", {"reason": ""})
    assert response.status_code == 400 and "作废" in response.content.decode()
    day.refresh_from_db()
    assert day.voided_at is None
    response = client.post(f"/workdays/{day.pk}/void/", {"reason": "重复制定"}, follow=True)
    day.refresh_from_db()
    assert day.void_reason == "重复制定" and "重复制定" in response.content.decode()
