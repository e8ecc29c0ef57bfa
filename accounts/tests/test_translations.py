"""Every zh_Hans catalogue is complete (no empty or fuzzy entries) and the committed .mo says what the
.po says, so a fresh machine without gettext serves the same Chinese the translators wrote."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(
    p for p in Path(settings.BASE_DIR).glob("**/locale/zh_Hans/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def parse_po(path: Path) -> list[dict]:
    entries, current, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid") is not None:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
    return entries


def untranslated(entries: list[dict]) -> list[str]:
    """The msgids that are fuzzy or lack a msgstr (every plural form counts)."""
    return [
        e["msgid"]
        for e in entries
        if e["msgid"]
        and ("fuzzy" in e.get("flags", "") or not all(v for k, v in e.items() if k.startswith("msgstr")))
    ]


def test_every_app_with_strings_has_a_catalogue():
    owners = {p.relative_to(settings.BASE_DIR).parts[0] for p in CATALOGUES}
    assert {"locale", "workcal", "workdays", "cases", "supervision", "public"} <= owners
    for root in settings.LOCALE_PATHS:  # the project's own catalogue, for templates and xinfang/
        assert Path(root) / "zh_Hans" / "LC_MESSAGES" / "django.po" in CATALOGUES


def test_the_check_finds_a_msgid_without_msgstr(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Done"\nmsgstr "完成"\n\nmsgid "Missing"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Unsure"\nmsgstr "不确定"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] ""\n',
        encoding="utf-8",
    )
    assert untranslated(parse_po(po)) == ["Missing", "Unsure", "%(n)s day"]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_the_catalogue_is_complete_and_compiled(po):
    entries = [e for e in parse_po(po) if e["msgid"]]
    assert entries
    assert untranslated(entries) == []
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    for e in entries:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            assert compiled.get((key, 0)) == e["msgstr[0]"], e["msgid"]
        else:
            assert compiled.get(key) == e["msgstr"], e["msgid"]
