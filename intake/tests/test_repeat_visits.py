"""The one definition of a repeat visit (重复访), intake.persons.repeat_registration_ids."""

import datetime as dt
from types import SimpleNamespace

from intake.persons import repeat_registration_ids

T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def entry(pk, days, category=1, *, closed_after=None, status="registered", case_status="handling", disposition="refer", repeat_of=None):
    closed_at = T0 + dt.timedelta(days=closed_after) if closed_after is not None else None
    case = SimpleNamespace(status=case_status, closed_at=closed_at, category_id=category, repeat_of_id=repeat_of)
    return SimpleNamespace(pk=pk, registered_at=T0 + dt.timedelta(days=days), status=status, disposition=disposition, case=case)


def test_it_is_a_repeat_while_an_earlier_matter_is_open_whatever_the_category():
    assert repeat_registration_ids([entry(1, 0, 1), entry(2, 200, 2)]) == {2}


def test_it_is_a_repeat_with_the_same_category_within_90_days_even_after_closing():
    assert repeat_registration_ids([entry(1, 0, closed_after=10), entry(2, 90)]) == {2}
    assert repeat_registration_ids([entry(1, 0, closed_after=10), entry(2, 91)]) == set()


def test_a_closed_matter_of_another_category_or_one_answered_on_the_spot_is_no_reason():
    assert repeat_registration_ids([entry(1, 0, 1, closed_after=1), entry(2, 5, 2)]) == set()
    assert repeat_registration_ids([entry(1, 0, 1, disposition="on_the_spot", case_status="answered"), entry(2, 5, 2)]) == set()


def test_withdrawn_and_voided_entries_neither_repeat_nor_are_repeated():
    assert repeat_registration_ids([entry(1, 0, status="withdrawn", case_status="voided"), entry(2, 5)]) == set()
    assert repeat_registration_ids([entry(1, 0), entry(2, 5, case_status="voided")]) == set()


def test_a_link_by_the_joint_office_makes_a_repeat():
    assert repeat_registration_ids([entry(1, 0, closed_after=1), entry(2, 300, 2, repeat_of=99)]) == {2}
