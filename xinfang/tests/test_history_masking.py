"""Defect 5 of issue 14: the history keeps ID numbers and phones masked and never a password."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cases.tests.conftest import ID_LI, case_factory, labour_clerk  # noqa: F401
from history.models import Event
from history.selectors import timeline_for
from history.services import protect
from intake.models import Person

pytestmark = pytest.mark.django_db


def test_a_created_petitioner_has_no_full_id_number_or_phone_in_the_history(case_factory):  # noqa: F811
    case_factory()
    person = Person.objects.get(id_number=ID_LI)
    [created] = timeline_for(person).filter(action="created")
    assert created.changes["id_number"] == [None, "5002**********2314"]
    assert created.changes["phone"] == [None, "138****8000"]
    for event in Event.objects.all():
        assert ID_LI not in str(event.changes) and "13800138000" not in str(event.changes)


def test_the_admins_history_views_show_no_full_value(client, case_factory):  # noqa: F811
    case_factory()
    root = User.objects.create_superuser("installer", password="install-pass-2026")
    client.force_login(root)
    event = timeline_for(Person.objects.get()).get(action="created")
    for url in (reverse("admin:history_event_changelist"), reverse("admin:history_event_change", args=[event.pk])):
        html = client.get(url).content.decode()
        assert ID_LI not in html and "13800138000" not in html


def test_a_user_created_in_the_admin_leaves_no_password_hash_in_the_history(client, make_user, reference):
    admin = make_user("admin", "区信访工作联席会议办公室")
    client.force_login(admin)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {"username": "newbie", "password1": "fresh-pass-2027", "password2": "fresh-pass-2027", "usable_password": "true",
         "role": "clerk"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    newbie = User.objects.get(username="newbie")
    for event in timeline_for(newbie):
        assert "password" not in event.changes
        assert newbie.password not in str(event.changes)


def test_the_migration_masks_the_events_written_before(town_clerk):
    mask_events = __import__("history.migrations.0002_mask_personal_data", fromlist=["mask_events"]).mask_events
    person = Person.objects.create(id_number=ID_LI, name="李四", phone="13800138000", created_at=timezone.now())
    old = Event._base_manager.bulk_create([Event(
        content_type=ContentType.objects.get_for_model(Person), object_id=person.pk, at=timezone.now(), action="created",
        changes={"id_number": [None, ID_LI], "phone": [None, "13800138000"], "name": [None, "李四"]},
    ), Event(
        content_type=ContentType.objects.get_for_model(User), object_id=town_clerk.pk, at=timezone.now(), action="created",
        changes={"password": [None, town_clerk.password], "username": [None, "town_clerk"]},
    )])
    mask_events(apps, None)
    person_event, user_event = (Event.objects.get(pk=e.pk) for e in old)
    assert person_event.changes == {"id_number": [None, "5002**********2314"], "phone": [None, "138****8000"], "name": [None, "李四"]}
    assert user_event.changes == {"username": [None, "town_clerk"]}


def test_protect_masks_by_field_name_and_drops_credentials():
    assert protect({"petitioner_phone": ["13800138000", "023-45672812"], "leader_phone": [None, "13900139000"],
                    "key_hash": ["a", "b"], "note": ["x", "y"]}) == {
        "petitioner_phone": ["138****8000", "****2812"], "leader_phone": [None, "139****9000"], "note": ["x", "y"]}


def test_a_work_days_published_contact_phone_stays_whole():
    """The unit's contact phone is printed on the public notice: the history keeps what was published."""
    assert protect({"contact_phone": ["023-45642812", "13912345678"]}) == {"contact_phone": ["023-45642812", "13912345678"]}
