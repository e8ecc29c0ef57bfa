import pytest
from django.db import transaction

from history.models import AppendOnlyError, Event
from history.selectors import timeline_for
from history.services import record, snapshot

pytestmark = pytest.mark.django_db


def test_it_records_who_changed_which_field_from_what_to_what(supervisor, unit):
    finance = unit("区财政局")
    with transaction.atomic():
        before = snapshot(finance)
        finance.is_key = True
        finance.save()
        record(instance=finance, actor=supervisor, action="updated", before=before)
    event = timeline_for(finance).last()
    assert event.actor == supervisor
    assert event.changes == {"is_key": [False, True]}


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction(unit):
    with pytest.raises(RuntimeError):
        record(instance=unit("区财政局"), actor=None, action="updated", changes={})


def test_events_can_be_neither_changed_nor_deleted(unit):
    with transaction.atomic():
        event = record(instance=unit("区财政局"), actor=None, action="updated", changes={"x": [1, 2]})
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="x")


def test_a_failed_change_leaves_no_history(unit):
    finance = unit("区财政局")
    count = Event.objects.count()
    with pytest.raises(ValueError), transaction.atomic():
        record(instance=finance, actor=None, action="updated", changes={"is_key": [False, True]})
        raise ValueError("the change fails after the history row is written")
    assert Event.objects.count() == count


def test_the_admin_records_edits_and_the_unit_page_shows_them(client, make_user, unit):
    admin = make_user("admin", "区信访工作联席会议办公室", username="root")
    client.force_login(admin)
    finance = unit("区财政局")
    response = client.post(
        f"/admin/units/unit/{finance.pk}/change/",
        {
            "name": "区财政局", "kind": "department", "parent": finance.parent_id, "is_key": "on", "order": finance.order,
            "officials-TOTAL_FORMS": "0", "officials-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    event = timeline_for(finance).last()
    assert event.actor == admin and event.changes == {"is_key": [False, True]}
    page = client.get(f"/units/{finance.pk}/").content.decode()
    assert "重点信访部门" in page and "root" in page
