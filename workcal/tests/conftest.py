"""Fixtures of the calendar tests: a clean index per test, the seeded calendar, notice texts."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTICES = Path(__file__).parent / "notices"


@pytest.fixture
def seeded(db):
    """The calendar as `manage.py load_reference` leaves it: 2004–2026 from chinesecalendar."""
    from workcal.services import seed_from_package

    seed_from_package()


@pytest.fixture
def empty_calendar(db):
    """No year stored (the session's database is seeded; this test's transaction empties it)."""
    from workcal.models import CalendarDay, CalendarYear
    from workcal.services import renew_version

    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    renew_version()


@pytest.fixture
def notice_text():
    """notice_text(2026): the text of a notice in tests/notices/."""
    return lambda year: (NOTICES / f"{year}.txt").read_text(encoding="utf-8")
