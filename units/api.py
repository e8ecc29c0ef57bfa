"""GET /units, /categories, /leaders — reference data, readable by every signed-in user."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Router, Schema

from units.models import Category, DistrictLeader, Unit, UnitKind
from xinfang.api_types import ApiError

router = Router(tags=["reference"])


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    is_key: bool


class CategoryOut(Schema):
    id: int
    name: str
    parent_id: int | None
    department_id: int | None


class LeaderOut(Schema):
    id: int
    name: str
    title: str
    liaison_unit_ids: list[int]
    oversight_unit_ids: list[int]


API_KINDS = [k for k in UnitKind.values if k != UnitKind.DISTRICT]


@router.get("/units", response=list[UnitOut])
def list_units(request, kind: str | None = None):
    """The district's units. The district itself is the root every unit hangs from; docs/api.md's kinds
    do not include it, so it is left out and its children have no parent_id."""
    units = Unit.objects.exclude(kind=UnitKind.DISTRICT).select_related("parent")
    if kind:
        if kind not in API_KINDS:
            raise ApiError(400, _("The input is not valid."), {"kind": [_("Unknown unit kind.")]})
        units = units.filter(kind=kind)
    return [
        {
            "id": u.pk,
            "name": u.name,
            "kind": u.kind,
            "parent_id": None if u.parent is None or u.parent.kind == UnitKind.DISTRICT else u.parent_id,
            "is_key": u.is_key,
        }
        for u in units
    ]


@router.get("/categories", response=list[CategoryOut])
def list_categories(request):
    return list(Category.objects.all())


@router.get("/leaders", response=list[LeaderOut])
def list_leaders(request):
    leaders = DistrictLeader.objects.prefetch_related("liaison_units", "oversight_units")
    return [
        {
            "id": leader.id,
            "name": leader.name,
            "title": leader.title,
            "liaison_unit_ids": [u.id for u in leader.liaison_units.all()],
            "oversight_unit_ids": [u.id for u in leader.oversight_units.all()],
        }
        for leader in leaders
    ]
