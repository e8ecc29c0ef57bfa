"""Every Chinese string uses the district plan's words: one name for each thing, no developer rule
numbers, and a case's lead unit (承办单位) never confused with the Work Day's host (主办单位)."""

import re

import pytest
from django.conf import settings

from accounts.tests.test_translations import CATALOGUES, parse_po

# The plan's word, and the variants that must not appear beside it.
VARIANTS = {
    "承诺解决时限": ("承诺时限", "承诺办结时限", "承诺期限", "承诺限时办理"),
    "超越职权": ("超出职权", "超越权限", "超出权限"),
    "调休上班": ("周末调休上班", "补班"),
}
RULE_CODE = re.compile(r"\bR\d+[a-z]?\b|规则\s*R")


def _entries():
    for po in CATALOGUES:
        for e in parse_po(po):
            if e["msgid"]:
                text = "".join(v for k, v in e.items() if k.startswith("msgstr"))
                yield str(po.relative_to(settings.BASE_DIR)), e, text


def test_no_chinese_string_uses_a_variant_of_the_plans_words():
    found = [(po, e["msgid"], text) for po, e, text in _entries() for variants in VARIANTS.values() for v in variants if v in text]
    assert found == []


def test_no_chinese_string_shows_a_rule_number():
    assert [(po, e["msgid"], text) for po, e, text in _entries() if RULE_CODE.search(text)] == []


def test_a_cases_lead_unit_is_承办单位_in_every_string():
    lead = re.compile(r"\blead(s|ing)? unit\b|\bleads\b|\bLed by\b", re.IGNORECASE)
    wrong = [(po, e["msgid"], text) for po, e, text in _entries() if lead.search(e["msgid"]) and "主办" in text]
    assert wrong == []
    assert any("承办单位" == text for _po, e, text in _entries() if e["msgid"] == "Lead unit")


def test_the_compliance_menu_entry_reads_开展频次():
    assert {text for _po, e, text in _entries() if e["msgid"] == "Compliance" and "msgctxt" not in e} == {"开展频次"}


@pytest.mark.parametrize(("context", "chinese"), [("document", "标题"), ("post", "职务")])
def test_a_title_has_its_own_word_as_a_documents_title_and_as_a_persons_post(context, chinese):
    texts = {text for _po, e, text in _entries() if e.get("msgctxt") == context and e["msgid"].lower() == "title"}
    assert texts == {chinese}
