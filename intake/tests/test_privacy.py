"""The one check every public text passes (intake/privacy.py)."""

from types import SimpleNamespace

import pytest

from intake.privacy import check_public_text

CHEN = SimpleNamespace(name="陈志刚", phone="13800138000", id_number="11010519491231002X")
LI = SimpleNamespace(name="李红", phone="023-45672812", id_number="")


def check(text):
    return check_public_text(text, [CHEN, LI])


def test_it_passes_a_text_with_nothing_personal():
    assert check("民政 / 低保与救助 · 已办结") == []
    assert check("") == []


def test_it_refuses_a_full_name_and_shows_it_masked():
    [message] = check("已电话告知陈志刚本人")
    assert "陈**" in message and "陈志刚" not in message


def test_it_refuses_a_two_character_name_in_full():
    assert check("李红反映的问题已解决")
    assert check("李某反映的问题已解决") == []


def test_it_refuses_a_phone_written_with_spaces_or_hyphens():
    for text in ("回电138 0013-8000", "联系13800138000", "尾号0013800", "电话023-4567 2812"):
        assert check(text), text
    [message] = check("回电138 0013 8000")
    assert "138****8000" in message and "13800138000" not in message


def test_it_refuses_seven_digits_of_an_id_number():
    [message] = check("身份证号 110105 1949")
    assert "身份证" in message or "ID number" in message
    assert "1101" in message and "11010519491231002X" not in message


def test_six_digits_do_not_trip_it():
    assert check("补助0026元，编号138001，2026年12月") == []
    assert check("回电0026") == []


@pytest.mark.parametrize("language, expected", [("zh-hans", "公示内容含有信访人姓名（陈**），请删除后再公示。")])
def test_the_message_says_what_kind_was_found(language, expected):
    from django.utils import translation

    with translation.override(language):
        assert check("陈志刚") == [expected]
