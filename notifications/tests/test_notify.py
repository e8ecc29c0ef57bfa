"""notify(): one notification per active user of the units in the roles, inside the caller's transaction."""

import pytest
from django.db import transaction

from accounts.models import Role
from notifications.models import Kind, Notification
from notifications.services import joint_office_units, notify

pytestmark = pytest.mark.django_db


def test_it_tells_every_active_user_of_the_unit_in_the_roles(tell, town_clerk, other_town_clerk, make_user, supervisor):
    leader = make_user(Role.UNIT_LEADER, "巴川街道")
    gone = make_user(Role.CLERK, "巴川街道")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    made = tell("巴川街道")
    assert {n.recipient for n in made} == {town_clerk, leader}


def test_it_leaves_out_the_excluded_user(town_clerk, make_user):
    other = make_user(Role.CLERK, "巴川街道")
    with transaction.atomic():
        notify(units=[town_clerk.unit], roles=[Role.CLERK], kind=Kind.ASSIGNED, text="x", url="/", exclude=town_clerk)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [other.pk]


def test_the_joint_office_is_its_supervisors(supervisor, make_user):
    make_user(Role.ADMIN, "区信访工作联席会议办公室")
    with transaction.atomic():
        notify(units=joint_office_units(), roles=[Role.SUPERVISOR], kind=Kind.RETURNED, text="x", url="/")
    assert list(Notification.objects.values_list("recipient", flat=True)) == [supervisor.pk]


def test_a_rolled_back_event_leaves_no_notification(town_clerk):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        notify(units=[town_clerk.unit], roles=[Role.CLERK], kind=Kind.ASSIGNED, text="x", url="/")
        1 / 0  # noqa: B018 - the event fails after notifying
    assert not Notification.objects.exists()
