"""Reading the State Council's notice in the wordings of different years."""

import datetime as dt

import chinese_calendar
import pytest
from django.utils import translation

from workcal.notice import NoticeError, parse_notice

D = dt.date


def package_differences(*years):
    """chinesecalendar's dates that differ from the weekday rule, as {date: is_workday}."""
    days = {d: False for d in chinese_calendar.holidays if d.year in years and d.weekday() < 5}
    days.update({d: True for d in chinese_calendar.workdays if d.year in years and d.weekday() >= 5})
    return days


# Dates chinesecalendar has from other notices than the yearly one.
OTHER_NOTICES = {
    2015: {D(2015, 9, 3), D(2015, 9, 4), D(2015, 9, 6)},  # the 70th anniversary of the victory, its own notice
    2018: {D(2018, 12, 29), D(2018, 12, 31)},  # stated by the 2019 notice
    2020: {D(2020, 1, 31), D(2020, 2, 1)},  # the 2020 Spring Festival was extended (epidemic), its own notice
}


@pytest.mark.parametrize("year", [2015, 2017, 2018, 2019, 2020, 2024, 2025, 2026])
def test_it_reads_the_notice_as_chinesecalendar_has_it(notice_text, year):
    notice = parse_notice(notice_text(year))
    assert notice.year == year
    parsed = {day.date: day.is_workday for day in notice.differences()}
    expected = package_differences(*{d.year for d in parsed} | {year})
    expected = {d: w for d, w in expected.items() if d.year == year or d in parsed}
    skip = OTHER_NOTICES.get(year, set())
    assert {d: w for d, w in parsed.items() if d not in skip} == {d: w for d, w in expected.items() if d not in skip}


def test_it_reads_the_2026_wording_with_weekdays_and_lunar_notes(notice_text):
    notice = parse_notice(notice_text(2026))
    assert [(d.date.isoformat(), d.kind, d.note) for d in notice.differences()][:4] == [
        ("2026-01-01", "off", "元旦"),
        ("2026-01-02", "off", "元旦"),
        ("2026-01-04", "work", "元旦"),
        ("2026-02-14", "work", "春节"),
    ]
    # Weekend days off are read too, though they do not differ from the weekday rule.
    assert D(2026, 2, 15) in notice.days_off and D(2026, 2, 15) not in {d.date for d in notice.differences()}


def test_the_differences_are_sorted_and_only_those_that_differ(notice_text):
    days = parse_notice(notice_text(2018)).differences()
    assert [d.date for d in days] == sorted(d.date for d in days)
    assert all((d.date.weekday() >= 5) == d.is_workday for d in days)


def test_a_range_across_the_new_year_takes_the_years_given(notice_text):
    notice = parse_notice(notice_text(2019))
    assert {D(2018, 12, 30), D(2018, 12, 31), D(2019, 1, 1)} <= set(notice.days_off)
    assert notice.work_days == {**notice.work_days, D(2018, 12, 29): "元旦"}


def test_a_range_across_months_is_read_whole():
    notice = parse_notice(
        "国务院办公厅关于2012年部分节假日安排的通知\n"
        "一、中秋节、国庆节：9月30日至10月7日放假调休，共8天。9月29日（星期六）上班。\n"
    )
    assert sorted(notice.days_off) == [D(2012, 9, 30)] + [D(2012, 10, i) for i in range(1, 8)]
    assert notice.days_off[D(2012, 10, 1)] == "中秋节、国庆节"


def test_make_up_rest_and_weekend_wordings(notice_text):
    notice = parse_notice(notice_text(2015))
    assert D(2015, 4, 6) in notice.days_off  # "4月6日（星期一）补休"
    assert D(2015, 6, 22) in notice.days_off
    assert D(2015, 5, 1) in notice.days_off and D(2015, 5, 4) not in notice.days_off  # "与周末连休"


def test_advice_that_names_a_date_changes_nothing(notice_text):
    # 2024: "鼓励各单位……安排职工在除夕（2月9日）休息。"
    assert D(2024, 2, 9) not in parse_notice(notice_text(2024)).days_off


def test_a_sentence_naming_a_date_without_changing_it_changes_nothing():
    notice = parse_notice(
        "国务院办公厅关于2018年部分节假日安排的通知\n一、元旦：1月1日（星期一）为元旦。1月1日放假，与周末连休。\n"
    )
    assert notice.days_off == {D(2018, 1, 1): "元旦"} and notice.work_days == {}


def test_several_work_days_in_one_sentence():
    notice = parse_notice(
        "国务院办公厅关于2018年部分节假日安排的通知\n"
        "二、春节：2月15日至21日放假调休，共7天。2月11日（星期日）、2月24日（星期六）上班。"
    )
    assert set(notice.work_days) == {D(2018, 2, 11), D(2018, 2, 24)}


def test_text_pasted_without_line_breaks_is_read(notice_text):
    text = notice_text(2026).replace("\n", "")
    assert parse_notice(text).differences() == parse_notice(notice_text(2026)).differences()


def test_full_width_digits_and_spaces_are_read():
    notice = parse_notice(
        "国务院办公厅关于２０２６年部分节假日安排的通知\n一、元旦： １月１日（周四）至３日（周六）放假调休，共３天。"
    )
    assert set(notice.days_off) == {D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 3)}


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def refused(text: str) -> NoticeError:
    with pytest.raises(NoticeError) as caught:
        parse_notice(text)
    return caught.value


def test_an_older_wording_it_does_not_know_is_refused_with_the_sentence_quoted(notice_text, english):
    error = refused(notice_text(2008))
    assert error.part.startswith("其中，1月1日（星期二）为法定节假日")
    assert f"“{error.part}”" in error.message
    assert "not understood" in error.message


def test_an_unknown_clause_in_an_item_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假，另行通知。")
    assert error.part == "1月1日放假，另行通知"


def test_a_wrong_weekday_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日（周五）放假。")
    assert "2026-01-01 is a Thursday, not a Friday" in error.message


def test_a_total_that_does_not_match_the_range_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日放假调休，共4天。")
    assert "the range has 3 days, the text says 4" in error.message


def test_a_day_both_off_and_at_work_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日至3日放假。1月3日（周六）上班。")
    assert "both a day off and a working day" in error.message


def test_a_date_of_another_year_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、国庆节：2027年10月1日放假。")
    assert "does not belong to the notice for 2026" in error.message


def test_an_impossible_date_is_refused(english):
    assert "no such date" in refused("国务院办公厅关于2026年部分节假日安排的通知\n一、春节：2月30日放假。").message


def test_a_day_off_outside_the_numbered_items_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n12月31日放假。\n一、元旦：1月1日放假。")
    assert "numbered items" in error.message


def test_talk_of_days_off_without_a_date_in_an_item_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。春节放假另行通知。")
    assert error.part == "春节放假另行通知"


def test_a_text_without_the_title_is_refused(english):
    assert "title" in refused("一、元旦：1月1日放假。").message


def test_a_text_without_items_is_refused(english):
    assert "numbered" in refused("国务院办公厅关于2026年部分节假日安排的通知\n各地区要妥善安排。").message


def test_an_item_without_a_day_off_is_refused(english):
    error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：另行通知。")
    assert error.part == "一、元旦：另行通知。"


def test_empty_text_is_refused(english):
    assert refused("  \n ").message == "The text is empty."


def test_the_refusal_is_in_chinese_by_default():
    with translation.override("zh-hans"):
        error = refused("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假，另行通知。")
    assert "无法识别" in error.message
