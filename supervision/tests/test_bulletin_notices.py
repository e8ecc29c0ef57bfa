"""An issued bulletin tells every unit it names (clerks and leaders), in the issue's transaction."""

import pytest

from accounts.models import Role
from notifications.models import Kind, Notification
from supervision import bulletins

pytestmark = pytest.mark.django_db


def test_issuing_tells_the_units_named(story, supervisor, make_user, district_leader, clock):
    labour_leader = make_user(Role.UNIT_LEADER, "区人力社保局", username="labour_leader")
    tuqiao = make_user(Role.CLERK, "土桥镇", username="tuqiao")
    clock.set("2026-12-20 10:00")
    draft = bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
    named = set(draft.units.values_list("name", flat=True))
    assert named == {"区人力社保局", "区住房城乡建委"}
    Notification.objects.all().delete()
    assert not Notification.objects.exists()
    bulletins.bulletin_issue(bulletin=draft, actor=supervisor)
    told = Notification.objects.filter(kind=Kind.BULLETIN)
    units = set(told.values_list("recipient__unit__name", flat=True))
    assert units == named
    assert labour_leader.pk in set(told.values_list("recipient", flat=True))
    assert not told.filter(recipient__in=[tuqiao, supervisor, district_leader]).exists()
    note = told.first()
    assert note.url == f"/bulletins/{draft.pk}/" and draft.title in note.text


def test_a_draft_tells_nobody(story, supervisor, clock):
    clock.set("2026-12-20 10:00")
    Notification.objects.all().delete()
    bulletins.bulletin_generate(period="2026Q4", actor=supervisor)
    assert not Notification.objects.exists()
