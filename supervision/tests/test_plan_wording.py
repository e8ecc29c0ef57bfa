"""The pages speak the district plan's words (铜梁区开展“群众工作日”活动方案), not the developers':
no rule numbers (R1, R5...) in what a user reads, 承办单位 for a case's lead unit beside the Work
Day's 主办单位, 标题 for a bulletin's title, 开展频次 for the compliance grid."""

import re

import pytest

from accounts.models import Role
from conftest import visible_text
from supervision.bulletins import bulletin_generate

pytestmark = pytest.mark.django_db

RULE_CODE = re.compile(r"\bR\d+[a-z]?\b")




@pytest.fixture
def pages(story, supervisor, clock):
    """The main pages, with a Work Day, its cases and a bulletin to show."""
    case = story["late"]
    bulletin = bulletin_generate(period="2026Q4", actor=supervisor)
    return [
        "/",
        "/workdays/",
        f"/workdays/{case.workday_id}/",
        "/cases/",
        f"/cases/{case.pk}/",
        "/supervision/compliance/?year=2026",
        "/supervision/signals/?period=2026Q4",
        "/supervision/orders/",
        "/bulletins/",
        f"/bulletins/{bulletin.pk}/",
        "/reminders/",
    ]


ROLES = [
    (Role.CLERK, "巴川街道"),
    (Role.CLERK, "区人力社保局"),
    (Role.UNIT_LEADER, "巴川街道"),
    (Role.SUPERVISOR, "区信访工作联席会议办公室"),
    (Role.DISTRICT_LEADER, "区信访工作联席会议办公室"),
]


@pytest.mark.parametrize(("role", "unit_name"), ROLES, ids=[f"{r}-{u}" for r, u in ROLES])
def test_no_page_shows_a_rule_number(client, pages, make_user, district_leader, role, unit_name):
    user = district_leader if role == Role.DISTRICT_LEADER else make_user(role, unit_name)
    client.force_login(user)
    seen = 0
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            seen += 1
            text = visible_text(response.content.decode())
            assert not RULE_CODE.findall(text), (url, RULE_CODE.findall(text))
            assert "规则 R" not in text
    assert seen >= 6


def test_the_rule_check_would_see_a_rule_number():
    assert RULE_CODE.findall(visible_text("<p>规则 R1：每季度开展一次（R13）</p><script>// R3</script>")) == ["R1", "R13"]


def test_the_compliance_page_and_its_menu_entry_read_开展频次(client, supervisor):
    client.force_login(supervisor)
    page = client.get("/supervision/compliance/?year=2026").content.decode()
    text = visible_text(page)
    nav = visible_text(page[page.index('<nav class="mainnav"') : page.index("</nav>")])
    assert "开展频次" in nav and "开展情况" not in nav
    assert "按照活动方案的时间安排" in text and "规则" not in text.replace("频次规则", "")


def test_a_bulletin_title_is_标题_not_a_persons_post(client, clock, supervisor):
    clock.set("2026-12-20 10:00")
    client.force_login(supervisor)
    bulletin = bulletin_generate(period="2026Q4", actor=supervisor)
    for url in ("/bulletins/", f"/bulletins/{bulletin.pk}/"):
        text = visible_text(client.get(url).content.decode())
        assert "标题" in text and "职务" not in text, url
    page = client.get(f"/bulletins/{bulletin.pk}/").content.decode()
    assert '<label for="b-title">标题</label>' in page


def test_a_cases_lead_unit_is_承办单位_and_the_days_host_主办单位(client, story, supervisor):
    client.force_login(supervisor)
    case = story["late"]
    case_page = visible_text(client.get(f"/cases/{case.pk}/").content.decode())
    assert "承办单位 区人力社保局" in case_page
    assert "主办单位" not in case_page
    ledger = visible_text(client.get("/cases/").content.decode())
    assert "承办单位" in ledger and "主办单位" not in ledger
    day_page = visible_text(client.get(f"/workdays/{case.workday_id}/").content.decode())
    assert "主办单位" in day_page and "承办单位" not in day_page
    orders = visible_text(client.get("/supervision/orders/").content.decode())
    assert "主办单位" not in orders
