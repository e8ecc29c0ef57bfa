"""case_factory(status): a case in any status of the ledger, made through the services the way the
users make it (registration at a Work Day of 巴川街道, assignment to 区人力社保局 with 土桥镇
assisting, reply, close, void). Every case is of the same person (李四, one ID number), so any may be
linked to an earlier one; `case_factory(MERGED)` is a case merged into an earlier one."""

import pytest

from accounts.models import Role
from cases import handling
from cases.models import Case, CaseStatus
from conftest import _make_user
from intake.tests.factories import register_matter
from units.models import Category, DistrictSettings, Unit

MERGED = "merged"  # not a status: a closed case merged into an earlier one of the same person
FOUND_WANTING = "found_wanting"  # not a status: a replied case whose revisit found the citizen unsatisfied
ID_LI = "500224198501012314"

DISPOSITION = {
    CaseStatus.ANSWERED: {"disposition": "on_the_spot", "answer": "已当场解释政策"},
    CaseStatus.HANDLING: {"disposition": "time_limit", "promised_days": 5},
}


@pytest.fixture
def labour_clerk(reference):
    """Clerk of 区人力社保局, the lead unit of an assigned case."""
    return _make_user("labour_clerk", "区人力社保局", Role.CLERK)


@pytest.fixture
def case_factory(clock, town_clerk, supervisor, labour_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    day = plan_workday(town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")

    def make(status: str = CaseStatus.AWAITING_ASSIGNMENT) -> Case:
        if status == FOUND_WANTING:
            case = make(CaseStatus.REPLIED)
            handling.case_revisit(
                case=case, actor=supervisor, version=case.version, reached=True, satisfied=False, confirms_reply=True
            )
            return Case.objects.get(pk=case.pk)
        if status == MERGED:
            earlier, case = make(CaseStatus.HANDLING), make(CaseStatus.AWAITING_ASSIGNMENT)
            return handling.case_link(case=case, actor=supervisor, version=case.version, repeat_of=earlier, merge=True, reason="同一诉求")
        registration, _ = register_matter(
            workday=day, actor=town_clerk, petitioners=[{"name": "李四", "id_number": ID_LI, "phone": "13800138000"}], kind="request",
            category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name="巴川街道"),
            content="工地拖欠工资", **DISPOSITION.get(status, {"disposition": "refer", "channel": "区人力社保局"}),
        )
        case = registration.case
        if status == CaseStatus.VOIDED:
            case = handling.case_void(case=case, actor=supervisor, version=case.version, reason="重复录入")
        if status in (CaseStatus.ASSIGNED, CaseStatus.REPLIED, CaseStatus.CLOSED, CaseStatus.AWAITING_SIGNOFF):
            case = handling.case_assign(
                case=case, actor=supervisor, version=case.version,
                lead_unit=Unit.objects.get(name="区人力社保局"), assisting_units=[Unit.objects.get(name="土桥镇")],
            )
        if status in (CaseStatus.REPLIED, CaseStatus.CLOSED):
            handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="已督促支付", concluded=True)
            case = Case.objects.get(pk=case.pk)
        if status == CaseStatus.AWAITING_SIGNOFF:
            DistrictSettings.objects.update(signoff_required=True)
            handling.case_reply(case=case, actor=labour_clerk, version=case.version, content="拟督促支付", concluded=True)
            DistrictSettings.objects.update(signoff_required=False)
            case = Case.objects.get(pk=case.pk)
        if status == CaseStatus.CLOSED:
            case = handling.case_close(case=case, actor=supervisor, version=case.version)
        assert case.status == status
        return Case.objects.get(pk=case.pk)

    return make
