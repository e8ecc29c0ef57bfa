"""The Work Day's pages in the plan's words, messages a clerk understands, each said once."""


import pytest

from conftest import visible_text
from intake.models import Registration
from workdays.models import Report
from workdays.tests.test_pages_register import reg_data

pytestmark = pytest.mark.django_db




@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    return plan_workday(town_clerk, "2026-12-10")


@pytest.fixture
def clerk(client, day, town_clerk):
    client.force_login(town_clerk)
    return client


def test_the_registration_form_names_the_promised_limit_and_beyond_authority_as_the_plan_does(clerk, clock, day):
    clock.set("2026-12-10 10:00")
    text = visible_text(clerk.get(f"/workdays/{day.pk}/register/"))
    assert "承诺解决时限" in text and "超越职权" in text
    rest = text.replace("承诺解决时限", "")
    for variant in ("承诺时限", "承诺办结时限", "承诺期限", "超出权限", "超出职权", "超越权限"):
        assert variant not in rest, variant


def test_the_sign_in_book_asks_for_a_post_not_a_title(clerk, clock, day):
    clock.set("2026-12-10 09:00")
    clerk.post(f"/workdays/{day.pk}/sign-ins/", {"name": "李娜", "title": "副书记"})
    text = visible_text(clerk.get(f"/workdays/{day.pk}/"))
    assert "职务" in text and "标题" not in text


def test_a_page_sent_without_its_formset_bookkeeping_gets_a_message_a_clerk_understands(clerk, clock, day):
    clock.set("2026-12-10 10:00")
    data = {k: v for k, v in reg_data().items() if not k.startswith("p-") or k.startswith("p-0-")}
    data = {k: v for k, v in data.items() if "FORMS" not in k}
    response = clerk.post(f"/workdays/{day.pk}/register/", data)
    assert response.status_code == 400 and not Registration.objects.exists()
    text = visible_text(response)
    assert "页面提交的内容不完整（页面可能已过期）。请刷新页面后重新填写。" in text
    for django_words in ("ManagementForm", "管理表单", "表格", "TOTAL_FORMS"):
        assert django_words not in text


def test_too_many_petitioners_get_a_message_a_clerk_understands(clerk, clock, day):
    clock.set("2026-12-10 10:00")
    rows = {f"p-{n}-name": f"群众{n}" for n in range(1, 6)}
    response = clerk.post(
        f"/workdays/{day.pk}/register/", reg_data(**{"p-TOTAL_FORMS": "6", "people_count": "6"}, **rows)
    )
    assert response.status_code == 400 and not Registration.objects.exists()
    text = visible_text(response)
    assert "一次登记最多填写5名信访人。" in text and "表格" not in text


def test_a_refused_step_says_why_once(clerk, day):
    reason = "活动尚未举办，暂无可报送内容。"
    response = clerk.post(f"/workdays/{day.pk}/report/", {"summary": ""})
    assert response.status_code == 409 and not Report.objects.exists()
    assert visible_text(response).count(reason) == 1


def test_a_refused_step_the_page_does_not_explain_is_said_on_top(clerk, client, clock, day, supervisor):
    client.force_login(supervisor)
    response = client.post(f"/workdays/{day.pk}/report/forward/")
    assert response.status_code == 409
    assert visible_text(response).count("本次活动尚未报送报告。") == 1


def test_a_field_error_is_shown_beside_the_field_only(clerk, clock, day):
    clock.set("2026-12-10 10:00")
    response = clerk.post(f"/workdays/{day.pk}/register/", reg_data(content=""))
    assert response.status_code == 400
    errors = response.context["form"].errors["content"]
    assert errors
    text = visible_text(response)
    for message in errors:
        assert text.count(message) == 1


def test_a_registration_refused_by_the_day_says_why_once(clerk, day):
    response = clerk.post(f"/workdays/{day.pk}/register/", reg_data())  # the clock is before the day
    assert response.status_code == 409 and not Registration.objects.exists()
    reason = response.context["allowed"].reason
    assert reason and visible_text(response).count(reason) == 1
