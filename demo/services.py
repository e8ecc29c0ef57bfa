"""A small demo data set for `make run`: sample district leaders, the leadership of a few units and
one account per role.
Idempotent: running it again changes nothing."""

from __future__ import annotations

from django.db import transaction

from accounts.models import Role, User
from accounts.services import user_create
from history.services import record
from units.models import DistrictLeader, Unit, UnitOfficial

DEMO_PASSWORD = "demo-2026"

LEADERS = [
    # name, title, liaison (联系) units, oversight (分管) units
    ("王建国", "区委常委、政法委书记", ["巴川街道", "土桥镇"], ["区委政法委", "公安铜梁分局", "区信访办"]),
    ("李秀英", "副区长", ["东城街道", "安居镇"], ["区住房城乡建委", "区规划自然资源局"]),
    ("陈志强", "副区长", ["南城街道", "二坪镇"], ["区人力社保局", "区民政局", "区卫生健康委"]),
]

OFFICIALS = {
    # unit: [(name, post)], the principal leader (主要负责同志) first
    "巴川街道": [("张伟", "党工委书记"), ("陈明", "办事处主任"), ("黄丽", "党工委副书记")],
    "土桥镇": [("刘强", "镇党委书记"), ("赵磊", "镇党委委员"), ("何平", "镇长")],
    "区住房城乡建委": [("孙建平", "党组书记、主任"), ("吴刚", "副主任")],
}

USERS = [
    # username, full name, unit, role, district leader (for role district_leader)
    ("lianxiban", "周敏", "区信访工作联席会议办公室", Role.SUPERVISOR, None),
    ("bachuan", "刘芳", "巴川街道", Role.CLERK, None),
    ("bachuan_leader", "张伟", "巴川街道", Role.UNIT_LEADER, None),
    ("tuqiao", "赵磊", "土桥镇", Role.CLERK, None),
    ("zhujian", "孙丽", "区住房城乡建委", Role.CLERK, None),
    ("renshe", "钱进", "区人力社保局", Role.CLERK, None),
    ("leader_wang", "王建国", "铜梁区", Role.DISTRICT_LEADER, "王建国"),
    ("sysadmin", "系统管理员", "区信访工作联席会议办公室", Role.ADMIN, None),
]


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    for order, (name, title, liaison, oversight) in enumerate(LEADERS):
        leader, created = DistrictLeader.objects.get_or_create(name=name, defaults={"title": title, "order": order})
        if created:
            leader.liaison_units.set(Unit.objects.filter(name__in=liaison))
            leader.oversight_units.set(Unit.objects.filter(name__in=oversight))
            record(instance=leader, actor=None, action="created", before={}, note="demo data")
    for unit_name, officials in OFFICIALS.items():
        unit = Unit.objects.get(name=unit_name)
        for order, (name, post) in enumerate(officials):
            official, created = UnitOfficial.objects.get_or_create(
                unit=unit, name=name, defaults={"post": post, "is_principal": order == 0, "order": order}
            )
            if created:
                record(instance=official, actor=None, action="created", before={}, note="demo data")
    logins = []
    for username, full_name, unit_name, role, leader_name in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, unit_name=unit_name, role=role, password=DEMO_PASSWORD, full_name=full_name)
            if leader_name:
                user.district_leader = DistrictLeader.objects.get(name=leader_name)
                user.save(update_fields=["district_leader"])
        logins.append((username, DEMO_PASSWORD, f"{user.get_role_display()} · {unit_name}"))
    return logins
