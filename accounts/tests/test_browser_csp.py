"""The pages' scripts still work under the real Content-Security-Policy, and the browser reports no
violation: the language menu, the registration page's petitioner rows and group badge."""

import pytest

from conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_scripts_work_under_the_policy(page, live_server, town_clerk, workday_factory):
    workday = workday_factory(held=True)
    violations = []
    page.on("console", lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None)

    login_in_browser(page, live_server, "town_clerk")
    # The language menu submits itself when changed (static/js/app.js).
    with page.expect_navigation():
        page.get_by_label("语言").select_option("en")
    assert page.get_by_role("button", name="Log out").is_visible()
    with page.expect_navigation():
        page.get_by_label("Language").select_option("zh-hans")
    assert page.get_by_role("button", name="退出").is_visible()

    # The registration page (static/js/register.js): another petitioner row, the group badge.
    page.goto(f"{live_server.url}/workdays/{workday.pk}/register/")
    assert not page.locator("#petitioner-1").is_visible()
    page.locator("#add-petitioner").click()
    assert page.locator("#petitioner-1").is_visible()
    assert not page.locator("#group-badge").is_visible()
    page.locator("#id_people_count").fill("6")
    assert page.locator("#group-badge").is_visible()

    page.goto(f"{live_server.url}/workdays/{workday.pk}/")
    assert violations == []
