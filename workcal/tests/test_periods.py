"""One periods module: parse, label, contains, within the calendar's years; every page and API
route that takes a period or a year refuses a bad one with a message, never a 500."""

import datetime as dt

import pytest
from django.utils import translation

from workcal import periods
from workcal.periods import HALF_YEAR, MONTH, QUARTER, YEAR, PeriodError

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026Q4", D(2026, 10, 1), D(2026, 12, 31)),
        (" 2026h1 ", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2028-02", D(2028, 2, 1), D(2028, 2, 29)),
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2000Q1", D(2000, 1, 1), D(2000, 3, 31)),  # the first year a period may have
        ("2100Q4", D(2100, 10, 1), D(2100, 12, 31)),  # and its last
    ],
)
def test_it_parses_a_period_to_its_first_and_last_day(text, start, end):
    period = periods.parse(text)
    assert (period.start, period.end) == (start, end)
    assert periods.contains(period, start) and periods.contains(period, end)
    assert not periods.contains(period, start - dt.timedelta(days=1))
    assert not periods.contains(period, end + dt.timedelta(days=1))


@pytest.mark.parametrize("text", ["2026Q5", "2026H3", "2026-13", "2026-00", "Q4", "26Q4", "", None, "1999Q4", "2101Q1", "9999Q4", "0000Q1"])
def test_it_refuses_a_malformed_period_or_one_outside_the_calendar(text):
    with translation.override("zh-hans"), pytest.raises(PeriodError) as caught:
        periods.parse(text)
    assert caught.value.message_dict == {"period": [str(caught.value)]}
    assert "周期格式" in str(caught.value) or "2000 至 2100" in str(caught.value)


def test_it_names_a_period_in_chinese():
    with translation.override("zh-hans"):
        assert periods.label(periods.parse("2026Q4")) == "2026年第四季度"
        assert periods.label(periods.parse("2026H1")) == "2026年上半年"
        assert periods.label(periods.parse("2026-11")) == "2026年11月"
        assert periods.label(periods.parse("2026")) == "2026年度"


def test_it_finds_the_period_of_a_date_and_the_periods_of_a_year():
    day = D(2026, 8, 15)
    assert [periods.of_date(day, kind).code for kind in (QUARTER, HALF_YEAR, MONTH, YEAR)] == ["2026Q3", "2026H2", "2026-08", "2026"]
    assert [p.code for p in periods.of_year(2026, HALF_YEAR)] == ["2026H1", "2026H2"]
    assert [(p.start, p.end) for p in periods.of_year(2026, QUARTER)][1] == (D(2026, 4, 1), D(2026, 6, 30))


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["9999Q4", "0000Q1", "2026Q5"])
def test_the_api_answers_a_bad_period_with_400_and_a_message(client, supervisor, period):
    client.force_login(supervisor)
    for response in (
        client.get("/api/v1/supervision", {"period": period}, HTTP_ACCEPT_LANGUAGE="zh-hans"),
        client.get("/api/v1/supervision/cases", {"period": period, "unit_id": 1, "signal": "overdue"}, HTTP_ACCEPT_LANGUAGE="zh-hans"),
        client.post("/api/v1/bulletins", {"period": period}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans"),
    ):
        assert response.status_code == 400
        body = response.json()
        assert set(body) == {"detail", "errors"} and list(body["errors"]) == ["period"]
        assert body["errors"]["period"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["9999Q4", "0000Q1"])
def test_the_pages_explain_a_bad_period(client, supervisor, clock, period):
    clock.set("2026-11-20 10:00")
    client.force_login(supervisor)
    page = client.get("/supervision/signals/", {"period": period}).content.decode()
    assert "请选择 2000 至 2100 年之间的年份。" in page and "2026年第四季度" in page  # falls back to this quarter
    response = client.post("/bulletins/new/", {"period": period}, follow=True)
    assert response.status_code == 200 and "请选择 2000 至 2100 年之间的年份。" in response.content.decode()
    page = client.get("/supervision/compliance/", {"year": period[:4]}).content.decode()
    assert "请选择 2000 至 2100 年之间的年份。" in page
