import pytest

from conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_town_clerk_logs_in_in_chinese_sees_their_unit_and_logs_out(page, live_server, town_clerk):
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    assert page.get_by_role("heading", name="登录").is_visible()

    login_in_browser(page, live_server, "town_clerk")
    assert page.get_by_test_id("home-unit").inner_text() == "巴川街道"
    assert page.get_by_text("单位经办人").is_visible()

    page.get_by_role("button", name="退出").click()
    page.wait_for_url("**/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
