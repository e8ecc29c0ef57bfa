"""The objects and users of the access matrix (test_access_matrix.py), built once per module.

Every object is named by its relation to 巴川街道, the unit of the town clerk and the unit leader and
the unit the district leader liaises with:

- own:       a Work Day of 巴川街道, an entry at it and its case (awaiting assignment);
- assist:    a Work Day of 土桥镇 whose case is assigned to 区住房城乡建委 (the department clerk's unit,
             which the district leader oversees) with 巴川街道 assisting;
- unrelated: a Work Day of 南城街道, an entry at it and its case, which nobody above but the joint
             office (and the administrator, who sees every unit) has anything to do with.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from accounts.models import Role, User
from conftest import _make_user
from units.models import Category, DistrictLeader, Unit

OWN, ASSIST, UNRELATED = "own", "assist", "unrelated"
RELATIONS = (OWN, ASSIST, UNRELATED)
HOSTS = {OWN: "巴川街道", ASSIST: "土桥镇", UNRELATED: "南城街道"}
# Written into each entry's content: a page that shows the unrelated unit's entry to a stranger shows this.
MARKS = {OWN: "标记甲", ASSIST: "标记乙", UNRELATED: "标记丙"}
ID_NUMBERS = {OWN: "500224198501012314", ASSIST: "50022419900101123X", UNRELATED: "500224198802023316"}

# One line per role: (role, unit). Adding a role to accounts.models.Role adds a line here and a column
# (one line per route profile) in access_table.py; the matrix names what is missing.
ROLES: dict[str, tuple[str, str] | None] = {
    "supervisor": (Role.SUPERVISOR, "区信访工作联席会议办公室"),
    "town_clerk": (Role.CLERK, "巴川街道"),
    "unit_leader": (Role.UNIT_LEADER, "巴川街道"),
    "dept_clerk": (Role.CLERK, "区住房城乡建委"),
    "district_leader": (Role.DISTRICT_LEADER, "铜梁区"),
    "admin": (Role.ADMIN, "区信访工作联席会议办公室"),
    "anonymous": None,
}
for _extra in ("security_admin", "auditor"):  # added by the separation of duties (issue 14)
    if _extra in Role.values:
        ROLES[_extra] = (_extra, "区信访工作联席会议办公室")

DAY = dt.date(2026, 12, 10)
MOMENT = dt.datetime(2026, 12, 10, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
PLANNED_ON = dt.datetime(2026, 11, 20, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def make_users() -> dict[str, User | None]:
    users: dict[str, User | None] = {}
    for name, spec in ROLES.items():
        users[name] = None if spec is None else _make_user(f"m_{name}", spec[1], spec[0])
    leader = DistrictLeader.objects.create(name="矩阵领导", title="副区长")
    leader.liaison_units.set([Unit.objects.get(name="巴川街道")])
    leader.oversight_units.set([Unit.objects.get(name="区住房城乡建委")])
    users["district_leader"].district_leader = leader
    users["district_leader"].save(update_fields=["district_leader"])
    return users


def build(clock) -> dict:
    """The users and the objects of each relation, made through the services; answers
    {"users": {...}, OWN: {...}, ASSIST: {...}, UNRELATED: {...}} where each relation maps an id
    kind (workday_id, case_id, ...) to an id."""
    from cases import handling
    from intake.tests.factories import register_matter
    from workdays.models import ScreeningItem
    from workdays.services import workday_plan

    users = make_users()
    world: dict = {"users": users}
    category = Category.objects.get(name="欠薪讨薪")
    for relation in RELATIONS:
        host = Unit.objects.get(name=HOSTS[relation])
        clerk = _make_user(f"m_host_{relation}", host.name, Role.CLERK)
        clock.set(PLANNED_ON)
        day = workday_plan(
            actor=clerk, host_unit=host, date=DAY, start_time=dt.time(9, 0), end_time=dt.time(12, 0), place="广场",
            extension_sites=[], leader="张伟", participants=["书记"], agenda="接待群众来访", procedure="登记、分流、答复",
        )
        item = ScreeningItem.objects.create(
            workday=day, description="邻里纠纷", outcome=ScreeningItem.Outcome.MEDIATION, recorded_at=PLANNED_ON, recorded_by=clerk
        )
        clock.set(MOMENT)
        registration, _ = register_matter(
            workday=day, actor=clerk, petitioners=[{"name": "李四", "id_number": ID_NUMBERS[relation], "phone": "13800138000"}],
            kind="request", category=category, territory=host, content=f"{MARKS[relation]}工地拖欠工资", disposition="refer", channel="区人力社保局",
        )
        case = registration.case
        if relation == ASSIST:
            case = handling.case_assign(
                case=case, actor=users["supervisor"], version=case.version,
                lead_unit=Unit.objects.get(name="区住房城乡建委"), assisting_units=[Unit.objects.get(name="巴川街道")],
            )
        petitioner = registration.petitioners.get()
        world[relation] = {
            "workday_id": day.pk,
            "registration_id": registration.pk,
            "case_id": case.pk,
            "petitioner_id": petitioner.pk,
            "person_id": petitioner.person_id,
            "item_id": item.pk,
            "unit_id": host.pk,
            "id_number": ID_NUMBERS[relation],
        }
    return world
