"""python manage.py workdays add|between|import-notice|status."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from workcal.models import CalendarDay, CalendarYear, Source, YearStatus

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_add_prints_the_date(seeded):
    assert run("add", "2026-11-23", "7") == "2026-12-02\n"


def test_add_says_when_the_date_is_provisional(seeded):
    assert run("add", "2026-12-28", "7") == "2027-01-07 provisional\n"


def test_between_prints_the_count(seeded):
    assert run("between", "2026-01-01", "2026-12-31") == "248\n"


@pytest.mark.parametrize(
    "args",
    [
        ("add", "2026-13-01", "7"),
        ("add", "23.11.2026", "7"),
        ("add", "2026-11-23", "-1"),
        ("add", "2026-11-23", "1.5"),
        ("add", "2026-11-23", "seven"),
        ("add", "1899-12-31", "1"),
        ("add", "2100-12-30", "5"),
        ("between", "2026-12-31", "2026-01-01"),
        ("between", "2026-01-01", "2101-01-01"),
    ],
)
def test_bad_input_is_a_message_and_exit_status_1(seeded, args):
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 1
    assert str(caught.value)


def test_import_notice_dry_run_prints_the_days_and_changes_nothing(empty_calendar, tmp_path, notice_text):
    path = tmp_path / "2026.txt"
    path.write_text(notice_text(2026), encoding="utf-8")
    out = run("import-notice", str(path), "--dry-run").splitlines()
    assert out[:4] == ["2026-01-01 off", "2026-01-02 off", "2026-01-04 work", "2026-02-14 work"]
    assert len(out) == 25 and out == sorted(out)
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_import_notice_stores_the_days_and_confirms_the_year(empty_calendar, tmp_path, notice_text):
    path = tmp_path / "2026.txt"
    path.write_bytes(notice_text(2026).encode("gb18030"))  # government files are often GBK
    assert (
        run("import-notice", str(path)) == "2026 confirmed: 25 dates differ from the weekday rule; 0 deadlines moved.\n"
    )
    year = CalendarYear.objects.get(year=2026)
    assert (year.status, year.source) == (YearStatus.CONFIRMED, Source.NOTICE)
    assert run("between", "2026-01-01", "2026-12-31") == "248\n"


def test_an_unreadable_notice_exits_1_with_the_part_quoted(empty_calendar, tmp_path, notice_text):
    path = tmp_path / "2008.txt"
    path.write_text(notice_text(2008), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("import-notice", str(path))
    assert caught.value.returncode == 1
    assert "其中，1月1日（星期二）为法定节假日" in str(caught.value)
    assert not CalendarYear.objects.exists()


def test_a_missing_file_is_a_message(seeded, tmp_path):
    with pytest.raises(CommandError):
        run("import-notice", str(tmp_path / "missing.txt"), "--dry-run")


def test_status_prints_one_line_per_year(seeded, clock):
    clock.set("2026-11-27")
    lines = run("status").splitlines()
    assert lines[0] == "2004 confirmed package"
    assert lines[-2:] == ["2026 confirmed package", "2027 provisional estimate"]
    assert len(lines) == 24
