"""Building referred and assigned cases for the supervision tests."""

from cases import handling
from intake.tests.factories import register_matter
from units.models import Category, Unit


def referred_case(day, clerk, content):
    registration, _ = register_matter(
        workday=day,
        actor=clerk,
        petitioners=[{"name": "李四", "phone": "13800138000"}],
        kind="request",
        category=Category.objects.get(name="欠薪讨薪"),
        territory=Unit.objects.get(name="巴川街道"),
        content=content,
        disposition="refer",
        channel="区人力社保局",
    )
    return registration.case


def assign_case(case, supervisor, lead):
    case.refresh_from_db()
    return handling.case_assign(
        case=case, actor=supervisor, version=case.version, lead_unit=Unit.objects.get(name=lead)
    )
