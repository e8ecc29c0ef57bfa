"""Two towns' figures side by side: 巴川街道's Work Day of 2026-12-10 with cases assigned to
区人力社保局 (cases' own factory), and 土桥镇's Work Day of 2026-12-11 with one matter of another
category answered on the spot. 巴川街道's clerk must never see 土桥镇's figures, nor 区人力社保局's."""

import pytest

from cases.models import CaseStatus
from cases.tests.conftest import FOUND_WANTING, case_factory, labour_clerk  # noqa: F401  (fixtures)
from intake.tests.factories import register_matter
from units.models import Category, Unit


@pytest.fixture
def other_town_matter(clock, other_town_clerk, plan_workday):
    """A matter of 土桥镇 answered on the spot at its own Work Day (a registration function)."""
    clock.set("2026-11-20 11:00")
    day = plan_workday(other_town_clerk, "2026-12-11", place="土桥镇便民服务中心")

    def register():
        clock.set("2026-12-11 10:00")
        registration, _ = register_matter(
            workday=day, actor=other_town_clerk, petitioners=[{"name": "赵六", "id_number": "110101199003074514", "phone": "13900139000"}],
            kind="request", category=Category.objects.get(name="土地征收补偿"), territory=Unit.objects.get(name="土桥镇"),
            content="征地补偿标准咨询", disposition="on_the_spot", answer="已解释补偿政策",
        )
        return registration.case

    return register


@pytest.fixture
def two_towns(case_factory, other_town_matter, clock):  # noqa: F811
    """巴川街道: one closed, one found wanting at the revisit, one assigned (overdue by 12-25), one
    answered on the spot; 土桥镇: one answered on the spot. The clock then stands at 2026-12-25."""
    clock.set("2026-12-10 10:00")
    cases = [case_factory(s) for s in (CaseStatus.CLOSED, FOUND_WANTING, CaseStatus.ASSIGNED, CaseStatus.ANSWERED)]
    cases.append(other_town_matter())
    clock.set("2026-12-25 10:00")
    return cases
