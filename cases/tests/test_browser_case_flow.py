"""A referred case through the pages, as its users see it: the joint office assigns it, the lead
department signs for it and replies, the joint office revisits the citizen."""

import pytest
from playwright.sync_api import expect

from conftest import _make_user, login_in_browser
from intake.tests.factories import register_matter
from units.models import Category, Unit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def referred(clock, town_clerk, plan_workday):
    """A wage matter 巴川街道 registered on Thursday 2026-12-10 and reported to the joint office."""
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资三个月", disposition="refer", channel="区人力社保局",
    )
    return registration.case


def log_out(page):
    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/")


def open_case(page, live_server, case):
    page.goto(f"{live_server.url}/cases/")
    # An unsigned assignment is listed twice for its unit: in the inbox on top and in the ledger.
    page.get_by_role("link", name=str(case.pk), exact=True).last.click()
    page.wait_for_url(f"**/cases/{case.pk}/")


def test_it_assigns_receives_replies_and_revisits_through_the_pages(page, live_server, referred, supervisor, clock):
    _make_user("labour_clerk", "区人力社保局", "clerk")
    status = page.get_by_test_id("case-status")
    timeline = page.locator(".timeline")

    # The joint office assigns, with the routing proposal already filled in.
    login_in_browser(page, live_server, "supervisor")
    open_case(page, live_server, referred)
    expect(status).to_have_text("待联席办交办")
    expect(page.get_by_test_id("routing-note")).to_have_text("建议：属事单位区人力社保局为承办单位，属地巴川街道协办。")
    assign = page.locator("#action-assign")
    expect(assign.get_by_label("承办单位")).to_have_value(str(Unit.objects.get(name="区人力社保局").pk))
    expect(assign.get_by_label("巴川街道", exact=True)).to_be_checked()
    assign.get_by_role("button", name="交办").click()
    expect(page.locator(".messages")).to_have_text("已交办。")
    expect(status).to_have_text("已交办")
    expect(page.get_by_test_id("lead-unit")).to_have_text("区人力社保局")
    log_out(page)

    # The department signs for it the next morning and replies.
    clock.set("2026-12-11 09:30")
    login_in_browser(page, live_server, "labour_clerk")
    open_case(page, live_server, referred)
    page.locator("#action-receive").get_by_label("责任人").fill("赵六")
    page.locator("#action-receive").get_by_role("button", name="签收").click()
    expect(page.locator(".messages")).to_have_text("已签收。")
    expect(page.locator("#action-receive")).to_have_count(0)
    reply = page.locator("#action-reply")
    reply.get_by_label("答复群众内容").fill("已督促施工单位于12月15日前足额支付工资。")
    reply.get_by_label("已解决").check()
    reply.get_by_role("button", name="提交答复").click()
    expect(page.locator(".messages")).to_have_text("已答复。")
    expect(status).to_have_text("已答复")
    expect(page.get_by_role("region", name="答复", exact=True)).to_contain_text("已督促施工单位于12月15日前足额支付工资。")
    log_out(page)

    # The joint office calls the citizen back.
    clock.set("2026-12-16 10:00")
    login_in_browser(page, live_server, "supervisor")
    open_case(page, live_server, referred)
    revisit = page.locator("#action-revisit")
    revisit.get_by_label("已联系上").check()
    revisit.get_by_label("满意", exact=True).check()
    revisit.get_by_label("认可", exact=True).check()
    revisit.get_by_label("备注").fill("群众表示工资已到账")
    revisit.get_by_role("button", name="保存回访记录").click()
    expect(page.locator(".messages")).to_have_text("回访已记录。")
    expect(status).to_have_text("已答复")

    # What the timeline says, in order.
    actions = timeline.locator(".action")
    expect(actions).to_have_text(["建立台账", "已交办", "签收", "已答复", "回访"])
    expect(timeline).to_contain_text("赵六")
    expect(page.get_by_role("region", name="交办记录")).to_contain_text("2026-12-11 09:30")
    expect(page.get_by_role("region", name="回访记录")).to_contain_text("群众表示工资已到账")
