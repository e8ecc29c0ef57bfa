"""The API's answers when the request is too large or the server fails: JSON with a message in
Chinese, never an HTML page or a traceback."""

import pytest
from django.test import Client

from workdays.models import WorkDay

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_a_413_in_json(client, town_clerk, settings):
    client.force_login(town_clerk)
    body = '{"place": "' + "字" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10) + '"}'
    response = client.post("/api/v1/workdays", body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 413
    assert "请求内容过大" in response.json()["detail"]
    assert not WorkDay.objects.exists()


def test_an_unexpected_failure_is_a_json_500_without_the_trace(town_clerk, settings, monkeypatch):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr("workdays.api.visible_workdays", broken)
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(town_clerk)
    response = client.get("/api/v1/workdays")
    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "服务器内部错误"}


@pytest.mark.parametrize("period", ["0000Q1", "9999Q4", "1999Q4", "2101Q1"])
def test_a_period_outside_2000_to_2100_is_a_400(client, supervisor, period):
    client.force_login(supervisor)
    response = client.get("/api/v1/supervision", {"period": period}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert response.json()["errors"]["period"] == ["请选择 2000 至 2100 年之间的年份。"]
    created = client.post("/api/v1/bulletins", {"period": period}, content_type="application/json")
    assert created.status_code == 400 and "period" in created.json()["errors"]
    page = client.get("/supervision/signals/", {"period": period})
    assert page.status_code in (200, 400) and "2000 至 2100" in page.content.decode()
