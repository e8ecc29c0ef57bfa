"""Publishing the results (R6c): a preview of exactly what the public will see, a public summary per
case that passes the personal-data check, and the same verdicts from the page and the API."""

import pytest

from cases.models import Case
from cases.publication import public_rows
from history.models import Event
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays import services
from workdays.models import Status

pytestmark = pytest.mark.django_db

PHONE = "13800138000"


def _register(workday, actor, name, phone=PHONE, id_number=""):
    registration, _created = register_matter(
        workday=workday,
        actor=actor,
        petitioners=[{"name": name, "id_number": id_number, "phone": phone, "address": "玉皇村3组"}],
        kind="request",
        category=Category.objects.filter(parent__isnull=True).first(),
        territory=Unit.objects.get(name="巴川街道"),
        content=f"{name}申请低保",
        disposition="time_limit",
    )
    return registration.case


@pytest.fixture
def reported(workday_factory, town_clerk):
    day = workday_factory(held=True, actor=town_clerk)
    cases = [_register(day, town_clerk, "陈志刚"), _register(day, town_clerk, "欧阳明月", phone="023-45672812")]
    services.report_submit(workday=day, actor=town_clerk)
    day.refresh_from_db()
    return day, cases


def _page_items(items):
    data = {}
    for n, item in enumerate(items):
        data[f"items.{n}.case_id"] = item["case_id"]
        data[f"items.{n}.public_summary"] = item["public_summary"]
    return data


def test_the_day_page_links_to_the_preview_instead_of_publishing(client, town_clerk, reported):
    day, _cases = reported
    client.force_login(town_clerk)
    page = client.get(f"/workdays/{day.pk}/").content.decode()
    assert f'href="/workdays/{day.pk}/results/preview/"' in page
    assert f'action="/workdays/{day.pk}/results/publish/"' not in page


def test_the_preview_shows_exactly_what_is_then_published(client, town_clerk, reported):
    day, cases = reported
    client.force_login(town_clerk)
    preview = client.get(f"/workdays/{day.pk}/results/preview/").content.decode()
    rows = public_rows(day)
    for row in rows:
        assert row.petitioners in preview and row.default_summary in preview
    assert "陈志刚" not in preview and "申请低保" not in preview
    data = _page_items([{"case_id": cases[0].pk, "public_summary": "已落实低保待遇"}, {"case_id": cases[1].pk, "public_summary": rows[1].default_summary}])
    response = client.post(f"/workdays/{day.pk}/results/publish/", data)
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == Status.RESULTS_PUBLISHED
    public = client.get(f"/public/results/{day.pk}/").content.decode()
    assert "已落实低保待遇" in public and rows[1].default_summary in public
    assert [r.public_summary for r in public_rows(day)] == ["已落实低保待遇", rows[1].default_summary]
    # The written summary is stored and recorded; the default one stays unstored and follows the status.
    assert Case.objects.get(pk=cases[0].pk).public_summary == "已落实低保待遇"
    assert Case.objects.get(pk=cases[1].pk).public_summary == ""
    assert Event.objects.filter(object_id=cases[0].pk, action="public_summary_set").exists()


def test_a_summary_naming_a_petitioner_refuses_the_whole_publication(client, town_clerk, reported):
    day, cases = reported
    client.force_login(town_clerk)
    data = _page_items([{"case_id": cases[0].pk, "public_summary": "好的摘要"}, {"case_id": cases[1].pk, "public_summary": "已告知欧阳明月"}])
    response = client.post(f"/workdays/{day.pk}/results/publish/", data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    page = response.content.decode()
    assert "公示内容含有信访人姓名（欧***），请删除后再公示。" in page
    assert 'id="field-items.1.public_summary"' in page
    day.refresh_from_db()
    assert day.status == Status.REPORTED
    assert not Case.objects.filter(workday=day).exclude(public_summary="").exists()


def test_a_case_of_another_day_is_refused_on_items(client, town_clerk, reported, workday_factory):
    day, _cases = reported
    other = workday_factory(held=True, actor=town_clerk)
    foreign = _register(other, town_clerk, "王五", phone="13911112222")
    client.force_login(town_clerk)
    response = client.post(
        f"/api/v1/workdays/{day.pk}/publish-results", {"items": [{"case_id": foreign.pk, "public_summary": "x"}]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "items" in response.json()["errors"]
    response = client.post(f"/api/v1/workdays/{day.pk}/publish-results", {"items": [{"case_id": "abc"}]}, content_type="application/json")
    assert response.status_code == 400


SUMMARIES = [
    ("已落实低保待遇，按月发放。", "done", None),
    ("已电话告知陈志刚本人", "bad input", "公示内容含有信访人姓名（陈**），请删除后再公示。"),
    ("请回电138 0013-8000", "bad input", "公示内容含有信访人电话号码（138****8000），请删除后再公示。"),
]


@pytest.mark.parametrize("summary, verdict, message", SUMMARIES)
def test_the_page_and_the_api_give_the_same_verdict(client, town_clerk, reported, summary, verdict, message):
    from conftest import door_verdict

    day, cases = reported
    items = [{"case_id": cases[0].pk, "public_summary": summary}]
    client.force_login(town_clerk)
    pages, apis = [], []

    def page():
        response = client.post(f"/workdays/{day.pk}/results/publish/", _page_items(items), HTTP_ACCEPT_LANGUAGE="zh-hans")
        pages.append(response)
        return response

    def api():
        response = client.post(
            f"/api/v1/workdays/{day.pk}/publish-results", {"items": items}, content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        apis.append(response)
        return response

    assert (door_verdict(page), door_verdict(api)) == (verdict, verdict)
    if message:
        assert message in pages[0].content.decode()
        assert apis[0].json()["errors"] == {"items.0.public_summary": [message]}


def test_the_api_preview_answers_the_public_rows(client, town_clerk, other_town_clerk, supervisor, district_leader, reported):
    day, cases = reported
    client.force_login(town_clerk)
    body = client.get(f"/api/v1/workdays/{day.pk}/results-preview").json()
    assert body["total"] == 2
    first = body["items"][0]
    assert first["case_id"] == cases[0].pk and first["petitioners"] == "陈**" and first["default"] is True
    assert first["public_summary"] == public_rows(day)[0].default_summary
    client.force_login(supervisor)
    assert client.get(f"/api/v1/workdays/{day.pk}/results-preview").status_code == 200
    client.force_login(other_town_clerk)
    assert client.get(f"/api/v1/workdays/{day.pk}/results-preview").status_code == 404
    client.force_login(district_leader)
    assert client.get(f"/workdays/{day.pk}/results/preview/").status_code in (403, 404)
    assert client.get(f"/api/v1/workdays/{day.pk}/results-preview").status_code in (403, 404)


def test_publishing_without_a_body_uses_every_default(client, town_clerk, reported):
    day, _cases = reported
    client.force_login(town_clerk)
    assert client.post(f"/api/v1/workdays/{day.pk}/publish-results", content_type="application/json").status_code == 200
    assert not Case.objects.filter(workday=day).exclude(public_summary="").exists()


def test_a_stored_summary_stands_and_the_status_column_follows_the_case(client, town_clerk, reported):
    from cases.handling import case_reply

    day, cases = reported
    services.results_publish(workday=day, actor=town_clerk, items=[{"case_id": cases[0].pk, "public_summary": "已落实低保待遇"}])
    for case in cases:
        case.refresh_from_db()
        case_reply(case=case, actor=town_clerk, version=case.version, content="已电话告知陈志刚本人", concluded=True)
    rows = public_rows(day)
    assert rows[0].public_summary == "已落实低保待遇" and rows[0].status == "已答复"
    assert rows[1].public_summary == rows[1].default_summary and "已答复" in rows[1].public_summary


def test_the_notice_is_refused_when_it_carries_a_former_petitioners_phone(client, clock, town_clerk, workday_factory):
    earlier = workday_factory(held=True, actor=town_clerk)
    _register(earlier, town_clerk, "陈志刚")
    clock.set("2026-12-20 10:00")
    day = workday_factory(actor=town_clerk, date="2027-01-04", agenda="接待群众；咨询电话 138-0013-8000")
    client.force_login(town_clerk)
    response = client.post(f"/api/v1/workdays/{day.pk}/notice", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["errors"]["agenda"] == ["公示内容含有信访人电话号码（138****8000），请删除后再公示。"]
    response = client.post(f"/workdays/{day.pk}/notice/publish/", follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "138****8000" in response.content.decode()
    day.refresh_from_db()
    assert day.status == Status.PLANNED
