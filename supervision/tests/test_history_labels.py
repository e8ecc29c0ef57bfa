"""History entries read as labels in Chinese: every action a service records and every field of the
objects whose history is shown, never a raw name (`void_reason`, `issued_by`) or English."""

import pathlib
import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from conftest import visible_text
from history.labels import action_label
from history.models import Event
from history.templatetags.history_tags import change_values, field_label

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")
ROOT = pathlib.Path(__file__).resolve().parents[2]

# The objects whose history is recorded (history.services.record) and shown.
RECORDED_MODELS = [
    "workdays.WorkDay",
    "cases.Case",
    "intake.Registration",
    "intake.Petitioner",
    "intake.Person",
    "supervision.Bulletin",
    "supervision.SupervisionOrder",
    "units.Unit",
    "units.DistrictLeader",
    "workcal.CalendarYear",
]


def _tables():
    from cases.approvals import TABLE as approvals
    from cases.transitions import TABLE as cases
    from intake.transitions import TABLE as intake
    from supervision.bulletins import TABLE as bulletins
    from supervision.orders import TABLE as orders
    from workdays.transitions import TABLE as workdays

    return {"cases": cases, "approvals": approvals, "workdays": workdays, "intake": intake, "bulletins": bulletins, "orders": orders}


def _recorded_literals() -> set[str]:
    """The action names the services write directly (`action="..."`), outside the tables."""
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        found |= set(re.findall(r'record\([^()]*?action="([a-z_]+)"', path.read_text(encoding="utf-8")))
    return found


def _is_label(label: str, raw: str) -> bool:
    return bool(HAN.search(label)) and label != raw and raw not in label


def test_every_action_of_every_transition_table_and_service_reads_in_chinese():
    actions = {t.action for table in _tables().values() for t in table} | _recorded_literals()
    assert {"withdrawn", "issued", "updated", "voided", "signoff_sent_back", "responded"} <= actions
    with translation.override("zh-hans"):
        missing = {a: str(action_label(a)) for a in sorted(actions) if not _is_label(str(action_label(a)), a)}
    assert missing == {}


@pytest.mark.parametrize("label", RECORDED_MODELS)
def test_every_field_of_a_recorded_object_reads_in_chinese(label):
    model = apps.get_model(label)
    event = Event(content_type=ContentType.objects.get_for_model(model), object_id=1, action="updated")
    fields = model._meta.get_fields()
    names = [f.name for f in fields if (f.concrete or f.many_to_many and not f.auto_created) and not f.primary_key]
    with translation.override("zh-hans"):
        missing = {n: field_label(event, n) for n in names if not _is_label(field_label(event, n), n)}
    assert missing == {}


def test_a_calendar_change_reads_as_dates_and_kinds_of_day():
    from workcal.models import CalendarYear

    event = Event(content_type=ContentType.objects.get_for_model(CalendarYear), object_id=1, action="day_changed")
    with translation.override("zh-hans"):
        assert field_label(event, "2026-10-10") == "2026-10-10"
        assert field_label(event, "2026-10-10 note") == "2026-10-10 备注"
        assert change_values(event, "2026-10-10", ["off", "work"]) == "放假 → 工作日"
        assert change_values(event, "2026-10-10 note", [None, "off"]) == "off"  # a note is the clerk's text



def _timeline(page: str) -> str:
    """The visible text of the page's change history."""
    return visible_text(page[page.index('<section class="card timeline"'):])


def test_the_bulletin_history_names_its_fields_in_chinese(client, clock, supervisor):
    from supervision.bulletins import bulletin_generate

    clock.set("2026-12-20 10:00")
    client.force_login(supervisor)
    bulletin = bulletin_generate(period="2026Q4", actor=supervisor)
    client.post(f"/bulletins/{bulletin.pk}/edit/", {"title": "关于群众工作日事项办理情况的通报", "text": "正文"})
    assert client.post(f"/bulletins/{bulletin.pk}/issue/").status_code == 302
    timeline = _timeline(client.get(f"/bulletins/{bulletin.pk}/").content.decode())
    for label in ("标题", "印发人", "印发时间", "已印发", "修改", "创建"):
        assert label in timeline, label
    for raw in ("issued_by", "issued by", "issued_at", "title", "职务", "Issued"):
        assert raw not in timeline, raw


def test_the_workday_history_names_its_fields_in_chinese(client, clock, town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    client.force_login(town_clerk)
    client.post(f"/workdays/{day.pk}/inform-leader/", {"note": "电话汇报"})
    client.post(f"/workdays/{day.pk}/void/", {"reason": "计划重复录入"})
    day.refresh_from_db()
    assert day.status == "voided"
    timeline = _timeline(client.get(f"/workdays/{day.pk}/").content.decode())
    assert "作废" in timeline and "计划重复录入" in timeline
    for raw in ("void_reason", "voided_at", "leader_informed_at", "leader_informed_note", "_at", "_by"):
        assert raw not in timeline, raw


def test_a_note_saying_where_a_change_came_from_reads_in_chinese(client, supervisor, unit):
    from django.db import transaction

    from history.services import record

    finance = unit("区财政局")
    with transaction.atomic():
        record(instance=finance, actor=None, action="updated", changes={"is_key": [False, True]}, note="load_reference")
    client.force_login(supervisor)
    timeline = _timeline(client.get(f"/units/{finance.pk}/").content.decode())
    assert "从基础数据文件导入" in timeline and "load_reference" not in timeline
