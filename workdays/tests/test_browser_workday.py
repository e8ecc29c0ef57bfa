"""A town clerk runs a Work Day in the browser: plan, publish the notice, the public sees it without
login, two citizens are registered on a phone, and the report goes to the joint office."""

import re

import pytest

from conftest import login_in_browser
from intake.models import Registration
from intake.tests.factories import register_matter
from units.models import Category, Unit
from workdays.models import Status, WorkDay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def register_citizen(page, *, name, phone, content, disposition, detail_label, detail, category_id):
    petitioner = page.locator("#petitioner-0")
    petitioner.get_by_label("信访人姓名").fill(name)
    petitioner.get_by_label("联系电话").fill(phone)
    page.get_by_label("问题类别").select_option(str(category_id))
    page.get_by_label("反映内容").fill(content)
    page.get_by_label(disposition, exact=True).check()
    page.get_by_label(detail_label).fill(detail)
    page.get_by_role("button", name="登记", exact=True).click()


def test_a_town_clerk_plans_publishes_registers_on_a_phone_and_reports(page, live_server, browser, clock, town_clerk):
    clock.set("2026-12-03 09:00")  # within the notice window of a day on 2026-12-10
    login_in_browser(page, live_server, "town_clerk")

    # Plan.
    page.goto(f"{live_server.url}/workdays/")
    page.get_by_role("link", name="制定群众工作日计划").click()
    page.get_by_label("日期").fill("2026-12-10")
    page.get_by_label("主会场地点").fill("巴川广场")
    page.get_by_label("延伸地点").fill("玉皇村\n龙门社区")
    page.get_by_label("带队领导").fill("张伟")
    page.get_by_label("活动议程").fill("接待群众来访，现场答复诉求")
    page.get_by_label("分片走访").check()
    page.get_by_role("button", name="保存计划").click()
    page.wait_for_url(re.compile(r"/workdays/\d+/$"))
    workday = WorkDay.objects.get()
    assert page.get_by_text("群众工作日计划已制定").is_visible()
    assert page.get_by_test_id("workday-status").inner_text() == "已计划"

    # Publish the notice.
    page.get_by_role("button", name="发布公告").click()
    page.wait_for_load_state()
    assert page.get_by_text("公告已发布。").is_visible()
    assert page.get_by_test_id("workday-status").inner_text() == "已发布公告"
    assert page.get_by_text("在规定期限内发布").is_visible()

    # The public sees the notice without logging in.
    citizen = browser.new_context(locale="zh-CN")
    public_page = citizen.new_page()
    public_page.goto(f"{live_server.url}/public/notices/{workday.pk}/")
    assert "/accounts/login/" not in public_page.url
    assert public_page.get_by_text("巴川广场").first.is_visible()
    citizen.close()

    # On the day, on a phone: register two citizens.
    clock.set("2026-12-10 09:30")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/workdays/{workday.pk}/register/")
    assert page.get_by_role("heading", name="登记群众来访事项").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    wages = Category.objects.get(name="欠薪讨薪").pk
    register_citizen(
        page,
        name="张三",
        phone="13800138000",
        content="工地拖欠工资三个月",
        disposition="当场答复",
        detail_label="当场答复内容",
        detail="已联系施工单位，本周内结清",
        category_id=wages,
    )
    assert page.get_by_text("已登记第1条。").is_visible()
    register_citizen(
        page,
        name="李四",
        phone="13900139000",
        content="小区路灯损坏",
        disposition="承诺解决时限",
        detail_label="承诺解决时限（工作日）",
        detail="10",
        category_id=wages,
    )
    assert page.get_by_text("已登记第2条。").is_visible()
    assert page.get_by_test_id("registered-count").inner_text() == "本次活动已登记2条"
    assert Registration.objects.filter(workday=workday).count() == 2

    # Submit the report.
    page.get_by_role("link", name="返回本次活动").click()
    page.wait_for_load_state()
    page.get_by_label("情况摘要").fill("共接待群众2人，当场答复1件")
    page.get_by_role("button", name="报送报告").click()
    page.wait_for_load_state()
    assert page.get_by_text("报告已报送区信访办收发员。").is_visible()
    assert page.get_by_test_id("workday-status").inner_text() == "已报送"
    rows = page.get_by_test_id("registrations").locator("tbody tr")
    assert rows.count() == 2
    assert "张三" in rows.nth(0).inner_text() and "李四" in rows.nth(1).inner_text()
    assert page.get_by_test_id("report").get_by_text("按时").is_visible()
    workday.refresh_from_db()
    assert workday.status == Status.REPORTED


def test_a_returning_petitioner_is_recognised_by_id_number_on_the_phone(
    page, live_server, clock, town_clerk, plan_workday
):
    clock.set("2026-11-20 09:00")
    workday = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 09:30")
    register_matter(
        workday=workday,
        actor=town_clerk,
        petitioners=[{"name": "张三", "id_number": "50022419900101123X", "phone": "13800138000"}],
        kind="request",
        category=Category.objects.get(name="欠薪讨薪"),
        territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资三个月",
        disposition="time_limit",
    )
    login_in_browser(page, live_server, "town_clerk")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/workdays/{workday.pk}/register/")
    page.locator("#petitioner-0").get_by_label("身份证号码").fill("50022419900101123x")
    earlier = page.get_by_test_id("returning-petitioner")
    earlier.wait_for()
    assert "该信访人曾反映过1件事项" in earlier.inner_text()
    assert "工地拖欠工资三个月" in earlier.inner_text()
