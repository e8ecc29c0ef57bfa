"""Changing a plan before the day, postponing and cancelling it (issue 11): the page and the API give
the same verdicts, a stale version changes nothing, the public notice shows the change notices."""

from __future__ import annotations

import datetime
import re

import pytest

from conftest import door_verdict
from history.models import Event
from intake.tests.factories import register_matter
from units.models import Category, DistrictLeader, Unit
from workdays import services
from workdays.models import Invitation, NoticeChange, Status, WorkDay

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
PHONE, ID_NUMBER = "13800138000", "11010519491231002X"


@pytest.fixture
def day(clock, town_clerk, workday_factory, plan_workday):
    """巴川街道's day on 2026-12-10, planned on 2026-11-20; 陈志刚 registered at its day of 2026-11-20,
    so the public texts of the later day are checked against him."""
    clock.set("2026-11-20 10:00")
    earlier = workday_factory(actor=town_clerk, held=True)
    register_matter(
        workday=earlier,
        actor=town_clerk,
        petitioners=[{"name": "陈志刚", "phone": PHONE, "id_number": ID_NUMBER, "address": "玉皇村"}],
        kind="request",
        category=Category.objects.filter(parent__isnull=True).first(),
        territory=Unit.objects.get(name="巴川街道"),
        content="路灯损坏",
        disposition="on_the_spot",
        answer="已联系供电所",
    )
    return plan_workday(town_clerk, "2026-12-10", contact_person="刘芳", contact_phone="023-45642812")


def fresh(workday) -> WorkDay:
    return WorkDay.objects.get(pk=workday.pk)


def api_patch(client, user, workday, body):
    client.force_login(user)
    return client.patch(f"/api/v1/workdays/{workday.pk}", body, content_type="application/json", **ZH)


def api_post(client, user, path, body):
    client.force_login(user)
    return client.post(f"/api/v1/workdays/{path}", body, content_type="application/json", **ZH)


def plan_form(workday, **changes) -> dict:
    """The edit page's form as the browser posts it, from the day as stored."""
    workday = fresh(workday)
    data = {
        "version": workday.version,
        "date": workday.date.isoformat(),
        "start_time": workday.start_time.strftime("%H:%M"),
        "end_time": workday.end_time.strftime("%H:%M"),
        "place": workday.place,
        "extension_sites": "\n".join(workday.extension_sites),
        "leader": workday.leader,
        "participants": "\n".join(workday.participants),
        "invited_leader_ids": [i.leader_id for i in workday.invitations.all()],
        "agenda": workday.agenda,
        "procedure": workday.procedure,
        "contact_person": workday.contact_person,
        "contact_phone": workday.contact_phone,
    }
    return {**data, **changes}


def edit_page(client, user, workday, data):
    client.force_login(user)
    return client.post(f"/workdays/{workday.pk}/edit/", data, **ZH)


# --- Editing the plan --------------------------------------------------------------------------


def test_an_edit_changes_the_plan_and_records_every_field_in_one_entry(client, day, town_clerk):
    version = fresh(day).version
    response = api_patch(
        client, town_clerk, day,
        {"version": version, "place": "巴川广场东侧", "start_time": "08:30", "contact_phone": "13912345678"},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["place"], body["start_time"], body["contact_phone"]) == ("巴川广场东侧", "08:30:00", "13912345678")
    assert body["version"] == version + 1 and body["contact_person"] == "刘芳"
    assert body["leader"] == "张伟"  # not given: unchanged
    [event] = Event.objects.filter(object_id=day.pk, action="plan_edited")
    assert event.changes == {
        "place": ["巴川广场", "巴川广场东侧"],
        "start_time": ["09:00", "08:30"],
        "contact_phone": ["023-45642812", "13912345678"],
    }
    assert not NoticeChange.objects.exists()  # the notice is not published: nothing public changes


def test_a_stale_version_is_refused_at_both_doors_and_changes_nothing(client, day, town_clerk, supervisor):
    form = plan_form(day, place="巴川广场西侧")
    stale = form["version"]
    assert api_patch(client, supervisor, day, {"version": stale, "agenda": "接待群众来访"}).status_code == 200
    before = fresh(day)

    response = api_patch(client, town_clerk, day, {"version": stale, "place": "巴川广场西侧"})
    assert response.status_code == 409
    assert "计划已被他人修改" in response.json()["detail"]

    page = edit_page(client, town_clerk, day, form)
    assert page.status_code == 409
    html = page.content.decode()
    assert "计划已被他人修改" in html and 'value="巴川广场西侧"' in html  # the form again, as typed
    after = fresh(day)
    assert (after.place, after.version) == (before.place, before.version) == ("巴川广场", stale + 1)


def test_the_edit_page_is_prefilled_and_saves(client, day, town_clerk):
    client.force_login(town_clerk)
    html = client.get(f"/workdays/{day.pk}/edit/", **ZH).content.decode()
    assert f'name="version" value="{fresh(day).version}"' in html
    assert 'value="刘芳"' in html and 'value="023-45642812"' in html and "修改计划" in html
    response = edit_page(client, town_clerk, day, plan_form(day, leader="李强", contact_phone="12345"))
    assert response.status_code == 400 and fresh(day).leader == "张伟"  # a bad phone: nothing saved
    assert 'class="field has-error" id="field-contact_phone"' in response.content.decode()
    response = edit_page(client, town_clerk, day, plan_form(day, leader="李强"))
    assert response.status_code == 302 and fresh(day).leader == "李强"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"date": "2026-11-19"}, "date"),
        ({"end_time": "08:00"}, "end_time"),
        ({"place": " "}, "place"),
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"activity_forms": ["不存在的形式"]}, "activity_forms"),
    ],
)
def test_an_edit_is_checked_like_the_plan(client, day, town_clerk, changes, field):
    response = api_patch(client, town_clerk, day, {"version": fresh(day).version, **changes})
    assert response.status_code == 400 and field in response.json()["errors"]
    page = edit_page(client, town_clerk, day, plan_form(day, **changes))
    assert page.status_code == 400
    assert fresh(day).place == "巴川广场" and fresh(day).version == day.version


def test_a_leader_listed_twice_is_refused(client, day, town_clerk):
    leader = DistrictLeader.objects.create(name="赵刚", title="副区长")
    body = {"version": fresh(day).version, "invited_leader_ids": [leader.pk, leader.pk]}
    response = api_patch(client, town_clerk, day, body)
    assert response.status_code == 400 and "赵刚" in response.json()["errors"]["invited_leader_ids"][0]


def test_the_version_is_required(client, day, town_clerk):
    response = api_patch(client, town_clerk, day, {"place": "巴川广场东侧"})
    assert response.status_code == 400 and "version" in response.json()["errors"]


@pytest.mark.parametrize("when", ["2026-12-10 08:00", "2026-12-11 10:00"])
def test_a_day_on_or_after_its_date_cannot_be_edited(client, clock, day, town_clerk, when):
    clock.set(when)
    response = api_patch(client, town_clerk, day, {"version": fresh(day).version, "place": "巴川广场东侧"})
    assert response.status_code == 409 and "计划已不能修改" in response.json()["detail"]
    assert edit_page(client, town_clerk, day, plan_form(day, place="巴川广场东侧")).status_code == 409
    assert fresh(day).place == "巴川广场"


def test_a_held_or_cancelled_day_cannot_be_edited(client, clock, day, town_clerk):
    services.workday_cancel(workday=day, actor=town_clerk, reason="场地维修")
    response = api_patch(client, town_clerk, day, {"version": fresh(day).version, "place": "巴川广场东侧"})
    assert response.status_code == 409 and response.json()["detail"] == "本次群众工作日已取消。"
    clock.set("2026-11-20 11:00")
    held = WorkDay.objects.get(host_unit=day.host_unit, date="2026-11-20")
    response = api_patch(client, town_clerk, held, {"version": held.version, "place": "巴川广场东侧"})
    assert response.status_code == 409 and response.json()["detail"] == "活动举办前方可修改计划。"
    client.force_login(town_clerk)
    assert client.get(f"/workdays/{held.pk}/edit/", **ZH).status_code == 409


def test_who_may_edit(client, day, other_town_clerk, district_leader, supervisor):
    body = {"version": fresh(day).version, "place": "巴川广场东侧"}
    assert api_patch(client, other_town_clerk, day, body).status_code == 404
    assert edit_page(client, other_town_clerk, day, plan_form(day)).status_code == 404
    assert api_patch(client, district_leader, day, body).status_code == 403
    assert edit_page(client, district_leader, day, plan_form(day)).status_code == 403
    assert fresh(day).place == "巴川广场"
    assert api_patch(client, supervisor, day, body).status_code == 200


def test_invitations_keep_their_answers(client, day, town_clerk):
    stays, goes, comes = (DistrictLeader.objects.create(name=n, title="副区长") for n in ("甲领导", "乙领导", "丙领导"))
    api_patch(client, town_clerk, day, {"version": fresh(day).version, "invited_leader_ids": [stays.pk, goes.pk]})
    Invitation.objects.filter(workday=day, leader=stays).update(answer=Invitation.Answer.ACCEPTED)
    response = api_patch(client, town_clerk, day, {"version": fresh(day).version, "invited_leader_ids": [stays.pk, comes.pk]})
    assert response.status_code == 200 and set(response.json()["invited_leader_ids"]) == {stays.pk, comes.pk}
    answers = dict(Invitation.objects.filter(workday=day).values_list("leader__name", "answer"))
    assert answers == {"甲领导": "accepted", "丙领导": "no_answer"}
    event = Event.objects.filter(object_id=day.pk, action="plan_edited").last()
    assert event.changes == {"invited_leaders": [["甲领导", "乙领导"], ["甲领导", "丙领导"]]}


# --- After the notice was published: change notices ---------------------------------------------


@pytest.fixture
def published(clock, day, town_clerk):
    clock.set("2026-12-03 10:00")  # day−7: inside the window
    return services.notice_publish(workday=day, actor=town_clerk)


def test_a_new_date_after_publication_publishes_a_change_notice(client, clock, published, town_clerk):
    clock.set("2026-12-04 10:00")
    body = {"version": fresh(published).version, "date": "2026-12-15", "place": "巴川广场东侧", "agenda": "现场答复诉求"}
    response = api_patch(client, town_clerk, published, body)
    assert response.status_code == 200 and response.json()["date"] == "2026-12-15"
    [change] = NoticeChange.objects.filter(workday=published)
    assert change.kind == "changed"
    assert change.changes == {"date": ["2026-12-10", "2026-12-15"], "place": ["巴川广场", "巴川广场东侧"]}
    # Published on 12-04 for 12-15: earlier than the window, and not flagged (announced at once).
    assert response.json()["flags"] == [] and response.json()["notice_on_time"] is True

    page = client.get(f"/public/notices/{published.pk}/", **ZH).content.decode()
    assert "变更公告" in page
    assert "日期由2026年12月10日（星期四）变更为2026年12月15日（星期二）" in page
    assert "主会场由巴川广场变更为巴川广场东侧" in page
    shown = re.sub(r"<[^>]+>", " ", page.split("变更公告")[1])
    assert "date" not in shown and "place" not in shown  # labels, not field names


def test_a_change_that_leaves_too_little_notice_is_flagged(client, clock, published, town_clerk):
    clock.set("2026-12-05 10:00")
    response = api_patch(client, town_clerk, published, {"version": fresh(published).version, "date": "2026-12-08"})
    assert response.status_code == 200 and "notice_outside_window" in response.json()["flags"]


def test_a_change_of_other_fields_publishes_no_change_notice(client, published, town_clerk):
    api_patch(client, town_clerk, published, {"version": fresh(published).version, "agenda": "政策宣讲"})
    assert not NoticeChange.objects.exists() and fresh(published).agenda == "政策宣讲"


def test_a_changed_public_text_is_checked_for_personal_data(client, published, town_clerk):
    response = api_patch(client, town_clerk, published, {"version": fresh(published).version, "agenda": "回访陈志刚"})
    assert response.status_code == 400 and "agenda" in response.json()["errors"]
    assert "陈志刚" not in response.content.decode()


# --- Postponing and cancelling ------------------------------------------------------------------

POSTPONE_CASES = [
    ({"new_date": "2026-11-15", "reason": "遇暴雨天气"}, "new_date"),  # past
    ({"new_date": "2026-11-20", "reason": "遇暴雨天气"}, "new_date"),  # today
    ({"new_date": "2026-12-05", "reason": "遇暴雨天气"}, "new_date"),  # before the planned date
    ({"new_date": "2029-01-10", "reason": "遇暴雨天气"}, "new_date"),  # beyond the planning horizon
    ({"reason": "遇暴雨天气"}, "new_date"),
    ({"new_date": "2026-12-20", "reason": " "}, "reason"),
    ({"new_date": "2026-12-20", "reason": f"咨询请拨{PHONE[:3]} {PHONE[3:7]} {PHONE[7:]}"}, "reason"),
    ({"new_date": "2026-12-20", "reason": f"核实身份{ID_NUMBER}"}, "reason"),
    ({"new_date": "2026-12-20", "reason": "陈志刚反映场地问题"}, "reason"),
]


@pytest.mark.parametrize("data, field", POSTPONE_CASES)
def test_bad_postponements_are_refused_at_both_doors(client, day, town_clerk, data, field):
    client.force_login(town_clerk)
    page = door_verdict(lambda: client.post(f"/workdays/{day.pk}/postpone/", data, **ZH))
    response = api_post(client, town_clerk, f"{day.pk}/postpone", data)
    assert (page, response.status_code) == ("bad input", 400)
    assert field in response.json()["errors"]
    assert PHONE not in response.content.decode() and ID_NUMBER not in response.content.decode()
    assert fresh(day).date == datetime.date(2026, 12, 10) and not NoticeChange.objects.exists()


def test_a_postponed_notice_is_marked_with_its_reason_and_new_date(client, clock, published, town_clerk):
    clock.set("2026-12-08 07:00")
    response = api_post(client, town_clerk, f"{published.pk}/postpone", {"new_date": "2026-12-24", "reason": "遇暴雨天气"})
    assert response.status_code == 200
    body = response.json()
    assert (body["date"], body["status"]) == ("2026-12-24", "notice_published")
    [change] = NoticeChange.objects.filter(workday=published)
    assert (change.kind, change.reason, change.changes) == ("postponed", "遇暴雨天气", {"date": ["2026-12-10", "2026-12-24"]})
    assert body["flags"] == []
    page = client.get(f"/public/notices/{published.pk}/", **ZH).content.decode()
    assert "已延期" in page and "延期公告" in page and "遇暴雨天气" in page and "2026年12月24日" in page
    index = client.get("/public/", **ZH).content.decode()
    assert "已延期" in index


def test_postponing_through_the_page(client, day, town_clerk):
    client.force_login(town_clerk)
    response = client.post(f"/workdays/{day.pk}/postpone/", {"new_date": "2026-12-20", "reason": "遇暴雨天气"})
    assert response.status_code == 302 and fresh(day).date == datetime.date(2026, 12, 20)
    # Not published yet: nothing public to change, the history keeps it.
    assert not NoticeChange.objects.exists()
    assert Event.objects.get(object_id=day.pk, action="postponed").note == "遇暴雨天气"


def test_a_cancelled_day_is_marked_everywhere_and_owes_nothing(client, clock, published, town_clerk):
    response = api_post(client, town_clerk, f"{published.pk}/cancel", {"reason": "场地改作防汛安置点"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled" and body["cancelled_at"] and body["flags"] == []
    again = api_post(client, town_clerk, f"{published.pk}/cancel", {"reason": "场地改作防汛安置点"})
    assert again.status_code == 409 and again.json()["detail"] == "本次群众工作日已取消。"
    assert NoticeChange.objects.filter(workday=published, kind="cancelled").count() == 1

    public = client.get(f"/public/notices/{published.pk}/", **ZH)
    assert public.status_code == 200
    html = public.content.decode()
    assert "已取消" in html and "取消公告" in html and "场地改作防汛安置点" in html
    assert "已取消" in client.get("/public/", **ZH).content.decode()

    clock.set("2027-01-20 10:00")  # long after the day: no report, no publication owed
    client.force_login(town_clerk)
    assert client.get(f"/api/v1/workdays/{published.pk}").json()["flags"] == []
    detail = client.get(f"/workdays/{published.pk}/", **ZH).content.decode()
    assert "场地改作防汛安置点" in detail
    assert 'id="report"' not in detail and 'id="results"' not in detail
    listing = client.get("/workdays/", **ZH).content.decode()
    assert re.search(r'<span class="badge bad">已取消</span>', listing)
    calendar = client.get("/workdays/?view=calendar&month=2026-12", **ZH).content.decode()
    assert "<s>巴川街道</s>" in calendar and "已取消" in calendar
    home = client.get("/", **ZH).content.decode()
    assert "12-10" not in home


def test_cancelling_is_refused_for_a_held_day_and_without_a_reason(client, clock, day, town_clerk):
    clock.set("2026-11-20 11:00")
    held = WorkDay.objects.get(host_unit=day.host_unit, date="2026-11-20")
    response = api_post(client, town_clerk, f"{held.pk}/cancel", {"reason": "不办了"})
    assert response.status_code == 409 and "不能取消" in response.json()["detail"]
    client.force_login(town_clerk)
    assert client.post(f"/workdays/{held.pk}/cancel/", {"reason": "不办了"}).status_code == 409
    for door in (
        lambda: client.post(f"/workdays/{day.pk}/cancel/", {"reason": ""}),
        lambda: client.post(f"/api/v1/workdays/{day.pk}/cancel", {"reason": ""}, content_type="application/json"),
        lambda: client.post(f"/workdays/{day.pk}/cancel/", {"reason": f"联系电话{PHONE}"}),
    ):
        assert door_verdict(door) == "bad input"
    assert fresh(day).status == Status.PLANNED and fresh(held).status == Status.HELD


@pytest.mark.parametrize("step, data", [("postpone", {"new_date": "2026-12-20", "reason": "遇暴雨天气"}), ("cancel", {"reason": "场地维修"})])
def test_who_may_postpone_or_cancel(client, day, other_town_clerk, district_leader, step, data):
    for user, status in ((other_town_clerk, 404), (district_leader, 403)):
        client.force_login(user)
        assert client.post(f"/workdays/{day.pk}/{step}/", data).status_code == status
        assert api_post(client, user, f"{day.pk}/{step}", data).status_code == status
    assert fresh(day).status == Status.PLANNED and fresh(day).date == datetime.date(2026, 12, 10)


# --- Contact person and phone, the leaders who accepted ------------------------------------------


def test_the_plan_takes_a_contact_checked_like_a_phone(client, clock, town_clerk):
    clock.set("2026-11-20 10:00")
    plan = {
        "host_unit_id": town_clerk.unit_id, "date": "2026-12-10", "start_time": "09:00", "end_time": "12:00", "place": "巴川广场", "leader": "张伟",
        "agenda": "接待群众来访",
    }
    client.force_login(town_clerk)
    bad = client.post("/api/v1/workdays", {**plan, "contact_phone": "12345"}, content_type="application/json")
    assert bad.status_code == 400 and "contact_phone" in bad.json()["errors"]
    assert not WorkDay.objects.filter(date="2026-12-10").exists()
    made = client.post("/api/v1/workdays", {**plan, "contact_person": "刘芳", "contact_phone": "023-45642812"},
                       content_type="application/json").json()
    assert (made["contact_person"], made["contact_phone"], made["version"]) == ("刘芳", "023-45642812", 1)
    assert client.post("/api/v1/workdays", plan, content_type="application/json").json()["contact_phone"] == ""
    page = client.post("/workdays/new/", {**plan, "date": "2026-12-11", "contact_person": "王五", "contact_phone": "13912345678"})
    assert page.status_code == 302 and WorkDay.objects.filter(contact_person="王五", contact_phone="13912345678").exists()


def test_the_notice_prints_the_contact_and_only_the_leaders_who_accepted(client, published, town_clerk):
    yes, no = DistrictLeader.objects.create(name="赵刚", title="副区长"), DistrictLeader.objects.create(name="钱明", title="区委常委")
    api_patch(client, town_clerk, published, {"version": fresh(published).version, "invited_leader_ids": [yes.pk, no.pk]})
    Invitation.objects.filter(leader=yes).update(answer=Invitation.Answer.ACCEPTED)
    Invitation.objects.filter(leader=no).update(answer=Invitation.Answer.DECLINED)
    client.force_login(town_clerk)
    for url in (f"/public/notices/{published.pk}/", f"/workdays/{published.pk}/notice/poster/"):
        html = client.get(url, **ZH).content.decode()
        assert "刘芳 023-45642812" in html, url
        assert "赵刚（副区长）" in html and "钱明" not in html, url


def test_a_cancelled_day_leaves_the_to_do_list_and_the_compliance_count(client, clock, day, town_clerk):
    clock.set("2026-12-04 10:00")  # the notice window: the clerk is told to publish it
    client.force_login(town_clerk)
    assert "巴川街道 12-10" in client.get("/", **ZH).content.decode()
    planned = {c["period"]: c["planned"] for c in client.get("/api/v1/compliance", {"year": 2026}).json() if c["unit_name"] == "巴川街道"}
    services.workday_cancel(workday=day, actor=town_clerk, reason="场地维修")
    assert "巴川街道 12-10" not in client.get("/", **ZH).content.decode()
    after = {c["period"]: c["planned"] for c in client.get("/api/v1/compliance", {"year": 2026}).json() if c["unit_name"] == "巴川街道"}
    assert after["2026Q4"] == planned["2026Q4"] - 1


def test_the_notice_docx_carries_the_contact_and_the_change_notices(client, clock, published, town_clerk):
    import io

    import docx

    clock.set("2026-12-05 10:00")
    services.workday_postpone(workday=published, actor=town_clerk, new_date=datetime.date(2026, 12, 24), reason="遇暴雨天气")
    services.workday_cancel(workday=published, actor=town_clerk, reason="场地改作防汛安置点")
    client.force_login(town_clerk)
    document = docx.Document(io.BytesIO(client.get(f"/workdays/{published.pk}/notice.docx", **ZH).content))
    text = "\n".join(p.text for p in document.paragraphs)
    header = "".join(p.text for p in document.sections[0].header.paragraphs)
    assert "已取消" in header
    assert "联系人及电话：刘芳 023-45642812" in text
    assert text.index("延期公告") < text.index("取消公告") and "原因：场地改作防汛安置点" in text
    assert "日期由2026年12月10日（星期四）变更为2026年12月24日（星期四）" in text
