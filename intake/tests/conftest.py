"""A person with matters at two towns: 张三 came twice to 巴川街道's Work Day (the same category: a
repeat visit) and once with a group to 土桥镇's."""

import pytest

from intake.models import Person
from intake.tests.factories import register_matter
from units.models import Category, Unit

ID_ZHANG = "50022419900101123X"
ID_OTHER = "110101199003074514"


def _matter(day, actor, territory, *, id_number=ID_ZHANG, name="张三", phone="13800138000", **extra):
    registration, _ = register_matter(
        workday=day, actor=actor, petitioners=[{"name": name, "id_number": id_number, "phone": phone, "address": "玉皇村"}],
        kind="request", category=Category.objects.get(name="欠薪讨薪"), territory=Unit.objects.get(name=territory),
        content="工地拖欠工资", disposition="refer", channel="区人力社保局", **extra,
    )
    return registration


@pytest.fixture
def zhang(clock, town_clerk, other_town_clerk, plan_workday):
    clock.set("2026-11-20 10:00")
    bachuan = plan_workday(town_clerk, "2026-12-10")
    tuqiao = plan_workday(other_town_clerk, "2026-12-10")
    clock.set("2026-12-10 10:00")
    first = _matter(bachuan, town_clerk, "巴川街道")
    clock.set("2026-12-10 11:00")
    second = _matter(bachuan, town_clerk, "巴川街道")
    group = _matter(tuqiao, other_town_clerk, "土桥镇", people_count=6)
    person = Person.objects.get(id_number=ID_ZHANG)
    person.matters = {"first": first, "second": second, "group": group}
    person.bachuan, person.tuqiao = bachuan, tuqiao
    return person
