import pytest
from django.db import transaction

from accounts.models import Role
from notifications.models import Kind
from notifications.services import notify
from units.models import Unit


@pytest.fixture
def tell():
    """tell("巴川街道", text=...) — notify the clerks and leaders of a unit, as an event would."""

    def make(unit_name: str = "巴川街道", *, text: str = "您单位有新的交办事项 #1：欠薪讨薪", url: str = "/cases/1/", roles=(Role.CLERK, Role.UNIT_LEADER)):
        with transaction.atomic():
            return notify(units=[Unit.objects.get(name=unit_name)], roles=roles, kind=Kind.ASSIGNED, text=text, url=url)

    return make
