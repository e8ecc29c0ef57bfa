"""The data generator (issue 13): what it writes passes the validation the forms and the models
apply, follows the services' deadline arithmetic, is the same for the same seed, and only adds."""

import datetime as dt
import hashlib

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases.models import REPLY_WORKDAYS, Assignment, Case, CaseStatus, Handling, Reply, Revisit
from demo.generator import generate
from history.models import Event
from intake.inputs import RegistrationIn
from intake.models import Person, Petitioner, Registration
from intake.services import _judge
from notifications.models import Notification
from supervision.models import SupervisionOrder
from workcal.calendar import add_workdays
from workdays.models import WorkDay
from workdays.sites import stored_site

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)


def _digest() -> str:
    """Key columns of what was generated, without primary keys."""
    h = hashlib.sha256()
    for row in WorkDay.objects.order_by("date", "host_unit__name", "id").values_list("host_unit__name", "date", "place", "status"):
        h.update(repr(row).encode())
    for row in Registration.objects.order_by("id").values_list(
        "workday__date", "category__name", "territory__name", "content", "disposition", "promised_days", "people_count",
        "registered_at",
    ):
        h.update(repr(row).encode())
    for row in Petitioner.objects.order_by("id").values_list("name", "id_number", "phone", "address"):
        h.update(repr(row).encode())
    for row in Case.objects.order_by("id").values_list(
        "status", "lead_unit__name", "due_date", "promised_due", "feedback_due", "replied_at", "closed_at", "return_count",
    ):
        h.update(repr(row).encode())
    for model in (Assignment, Reply, Revisit, SupervisionOrder, Notification, Event):
        h.update(str(model.objects.count()).encode())
    return h.hexdigest()


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(reference):
    digests = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            generate(cases=150, seed=seed, busiest_day=30, years=2, today=TODAY)
            digests.append(_digest())
            transaction.set_rollback(True)
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_generated_registrations_and_cases_pass_the_forms_validation_and_the_models(reference):
    first_event = (Event.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    result = generate(cases=200, seed=3, busiest_day=50, years=2, today=TODAY)
    assert result.counts["cases_case"] == 200 and result.counts["workdays_registration"] == 200
    busiest = WorkDay.objects.get(pk=result.busiest_workday_id)
    assert busiest.registrations.count() == 50
    assert busiest.host_unit.kind == "joint_office"

    registrations = Registration.objects.select_related("workday__host_unit", "category", "territory").order_by("id")
    for registration in registrations[::7]:
        petitioners = list(registration.petitioners.order_by("position"))
        data = RegistrationIn(
            petitioners=[{"name": p.name, "id_number": p.id_number, "phone": p.phone, "address": p.address} for p in petitioners],
            people_count=registration.people_count, kind=registration.kind, category_id=registration.category_id,
            territory_unit_id=registration.territory_id, content=registration.content, disposition=registration.disposition,
            answer=registration.answer, channel=registration.channel, promised_days=registration.promised_days,
            site=registration.site,
        )
        cleaned = _judge(data, category=registration.category, territory=registration.territory)  # raises on any error
        assert [c["id_number"] for c in cleaned] == [p.id_number for p in petitioners]
        assert stored_site(registration.workday, registration.site) == registration.site
        registration.full_clean()
        for p in petitioners:
            p.full_clean()
        case = registration.case
        case.full_clean()
        reception = registration.workday.date
        if case.handling == Handling.SELF:
            assert case.due_date == add_workdays(reception, REPLY_WORKDAYS).date
            if registration.promised_days:
                assert case.promised_due == add_workdays(reception, registration.promised_days).date
        else:
            assert case.feedback_due == add_workdays(reception, REPLY_WORKDAYS).date
            if case.clock_start:
                assert case.due_date == add_workdays(case.clock_start, REPLY_WORKDAYS).date
    for model in (WorkDay, Person, Assignment, Reply, Revisit, SupervisionOrder, Notification, Event):
        objects = list(model.objects.order_by("-id")[:40])
        assert objects, model
        for obj in objects:
            obj.full_clean()
    for reply in Reply.objects.all():
        assert reply.on_time == (timezone.localdate(reply.replied_at) <= reply.due_date)
    # Every handling stage shows up, and none is in the future.
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.ANSWERED, CaseStatus.REPLIED, CaseStatus.CLOSED} <= statuses
    assert Reply.objects.filter(on_time=False).exists() and Reply.objects.filter(on_time=True).exists()
    assert Registration.objects.filter(people_count__gte=5).exists()
    assert Person.objects.filter(petitioners__registration__isnull=False).distinct().count() < Petitioner.objects.exclude(id_number="").count()
    assert Event.objects.filter(id__gte=first_event).count() == result.counts["history_event"]
    assert not Event.objects.filter(id__gte=first_event, at__date__gt=TODAY).exists()


def test_it_adds_to_existing_data_and_a_second_seed_does_not_collide(reference, settings):
    settings.DEBUG = True  # load_demo runs only in development
    call_command("load_demo")
    before_users = set(User.objects.values_list("username", "password"))
    before_cases = list(Case.objects.order_by("id").values_list("id", "status", "due_date", "registration_id"))
    generate(cases=60, seed=1, years=1, today=TODAY)
    generate(cases=60, seed=2, years=1, today=TODAY)
    assert before_users <= set(User.objects.values_list("username", "password"))
    assert list(Case.objects.filter(id__in=[c[0] for c in before_cases]).order_by("id").values_list(
        "id", "status", "due_date", "registration_id")) == before_cases
    assert Case.objects.count() == len(before_cases) + 120
    assert Person.objects.count() == len(set(Person.objects.values_list("id_number", flat=True)))
    # A new row gets the next id after the generated ones (the sequences were moved past them).
    assert WorkDay.objects.create(host_unit=WorkDay.objects.first().host_unit, date=TODAY, start_time=dt.time(9),
                                  end_time=dt.time(12), place="x", leader="x", agenda="x",
                                  created_by=User.objects.first()).pk == WorkDay.objects.order_by("-id")[1].pk + 1


def test_the_command_prints_progress_and_a_summary(reference, capsys):
    call_command("generate", "--cases", "40", "--seed", "5", "--busiest-day", "10", "--years", "1", "--today", "2026-11-20")
    out = capsys.readouterr().out
    assert "cases_case" in out and "40" in out and "Elapsed" in out and "Busiest Work Day" in out
