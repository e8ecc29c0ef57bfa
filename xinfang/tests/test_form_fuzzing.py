"""Form fuzzing: whatever a clerk types into the plan, registration and reply forms is either a field
error or a stored value that every place showing it renders escaped: the internal page, the .docx
(python-docx opens it) and the public page."""

import contextlib
import io
import uuid

import docx
import pytest
from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from accounts.models import Role
from cases import handling
from cases.models import Case, Reply
from conftest import _make_user
from intake.models import Registration
from intake.tests.factories import register_matter
from lifecycle.text import storable
from units.models import Category, Unit
from workdays import services
from workdays.models import WorkDay

pytestmark = pytest.mark.django_db

# Texts a form can carry (its bytes are UTF-8: no surrogates), with markup and controls mixed in.
TRICKY = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;&lt;", "a\x00b", "\x0b", "\x1b[31m",
          "第一行\r\n第二行", "\t", "{{ request }}", "{% now 'Y' %}", "\u202e反向", "\ufeff", "😀"]
_chars = st.characters(exclude_categories=("Cs",))
texts = st.one_of(
    st.text(_chars, max_size=40),
    st.lists(st.one_of(st.sampled_from(TRICKY), st.text(_chars, max_size=5)), max_size=4).map("".join),
)
FUZZ = settings(
    max_examples=25, deadline=None, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def rolled_back():
    """Each example starts from the same database (hypothesis runs the body many times per fixture)."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _rendered(page: str, value: str) -> bool:
    """The value appears escaped (as Django escapes it, line breaks possibly turned into <br>)."""
    value = value.strip()
    return not value or escape(value) in page or escape(value).replace("\n", "<br>") in page or any(
        escape(line.strip()) in page for line in value.splitlines() if line.strip()
    )


def _no_raw_markup(page: str, value: str) -> None:
    if "<" in value:
        assert value.strip() not in page or "<" not in value.strip()


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def day(clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    workday = plan_workday(town_clerk, "2026-12-10")
    services.notice_publish(workday=workday, actor=town_clerk)
    clock.set("2026-12-10 10:00")
    return WorkDay.objects.get(pk=workday.pk)


@FUZZ
@given(place=texts, site=texts, agenda=texts)
def test_the_plan_form_stores_only_what_its_notice_page_and_docx_show(client, clock, town_clerk, place, site, agenda):
    with rolled_back():
        clock.set("2026-11-20 10:00")
        client.force_login(town_clerk)
        before = WorkDay.objects.count()
        response = client.post("/workdays/new/", {
            "date": "2026-12-10", "start_time": "09:00", "end_time": "12:00", "place": place or "广场",
            "extension_sites": site, "leader": "张伟", "participants": "书记", "agenda": agenda or "接待", "procedure": "登记",
        })
        if response.status_code != 302:
            assert response.status_code in (200, 400) and response.context["form"].errors
            assert WorkDay.objects.count() == before
            return
        workday = WorkDay.objects.latest("pk")
        services.notice_publish(workday=workday, actor=town_clerk)
        internal = client.get(f"/workdays/{workday.pk}/").content.decode()
        public = client.get(f"/public/notices/{workday.pk}/")
        assert public.status_code == 200
        for value in (workday.place, *workday.extension_sites, workday.agenda):
            assert _rendered(internal, value) and _rendered(public.content.decode(), value)
            _no_raw_markup(public.content.decode(), value)
        notice = client.get(f"/workdays/{workday.pk}/notice.docx")
        assert notice.status_code == 200
        text = _docx_text(notice.content)
        assert all(line.strip() in text for line in storable(workday.place).splitlines() if line.strip())


def _register_through_the_page(client, day, name, address, content, answer):
    return client.post(f"/workdays/{day.pk}/register/", {
        "client_ref": str(uuid.uuid4()),
        "p-TOTAL_FORMS": "5", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "1", "p-MAX_NUM_FORMS": "5",
        "p-0-name": name, "p-0-phone": "13800138000", "p-0-address": address,
        "people_count": "1", "kind": "request", "category_id": str(Category.objects.get(name="欠薪讨薪").pk),
        "territory_unit_id": str(Unit.objects.get(name="巴川街道").pk), "content": content,
        "disposition": "refer", "channel": answer, "responsible_person": "李娜", "duplicate_confirmed": "on",
        "identity_confirmed": "on",
    })


@FUZZ
@given(name=texts, address=texts, content=texts, channel=texts)
def test_the_registration_form_stores_only_what_its_pages_and_docx_show(
    client, day, town_clerk, supervisor, name, address, content, channel
):
    with rolled_back():
        client.force_login(town_clerk)
        before = Registration.objects.count()
        response = _register_through_the_page(client, day, name, address, content, channel)
        if response.status_code != 302:
            assert response.status_code in (200, 400)
            assert response.context["form"].errors or any(f.errors for f in response.context["formset"].forms)
            assert Registration.objects.count() == before
            return
        registration = Registration.objects.latest("pk")
        printed = client.get(f"/workdays/{day.pk}/registrations/{registration.pk}/print/").content.decode()
        for value in (registration.content, registration.channel):
            assert _rendered(printed, value)
            _no_raw_markup(printed, value)
        case = handling.case_assign(case=registration.case, actor=supervisor, version=registration.case.version,
                                    lead_unit=Unit.objects.get(name="区人力社保局"))
        client.force_login(supervisor)
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert _rendered(page, registration.content)
        _no_raw_markup(page, registration.content)
        assignment = client.get(f"/cases/{case.pk}/assignment.docx")
        assert assignment.status_code == 200
        text = _docx_text(assignment.content)
        assert all(line.strip() in text for line in storable(registration.content).splitlines() if line.strip())
        assert client.get(f"/public/notices/{day.pk}/").status_code == 200


@pytest.fixture
def labour_clerk(reference):
    return _make_user("labour_clerk", "区人力社保局", Role.CLERK)


@pytest.fixture
def assigned_case(day, town_clerk, supervisor):
    registration, _ = register_matter(
        workday=day, actor=town_clerk, petitioners=[{"name": "李四", "phone": "13800138000"}], kind="request",
        category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
        content="工地拖欠工资", disposition="refer", channel="区人力社保局",
    )
    return handling.case_assign(case=registration.case, actor=supervisor, version=1, lead_unit=Unit.objects.get(name="区人力社保局"))


@FUZZ
@given(content=texts, feedback=texts)
def test_the_reply_form_stores_only_what_the_case_page_shows(client, assigned_case, labour_clerk, content, feedback):
    with rolled_back():
        client.force_login(labour_clerk)
        case = Case.objects.get(pk=assigned_case.pk)
        before = Reply.objects.count()
        response = client.post(f"/cases/{case.pk}/reply/", {
            "version": case.version, "content": content, "concluded": "no", "feedback_to_center": feedback,
        })
        if response.status_code != 302:
            assert response.status_code in (400, 409)
            assert Reply.objects.count() == before
            return
        reply = Reply.objects.latest("pk")
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert _rendered(page, reply.content)
        _no_raw_markup(page, reply.content)
