"""GET /supervision and the bulletins (docs/api.md "Supervision")."""

from __future__ import annotations

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from accounts.access import visible_unit_ids
from supervision import bulletins
from supervision.metrics import SIGNALS, signals_for_period
from supervision.models import Bulletin
from xinfang.api_types import ApiError, Id, Text

router = Router(tags=["supervision"])


class SignalRow(Schema):
    unit_id: int
    cases: int
    replied_on_time: int
    overdue: int
    returns: int
    bounced: int
    unsatisfied: int
    contradicted: int
    poor_quality: int
    promises_broken: int
    orders_overdue: int


def _signals(user, period: str):
    return signals_for_period(period, visible_unit_ids(user))  # a bad period: PeriodError, a 400


@router.get("/supervision", response=list[SignalRow])
def supervision(request, period: str):
    return [s.as_row() for _, s in sorted(_signals(request.user, period).items())]


class SignalCases(Schema):
    unit_id: int
    signal: str
    case_ids: list[int]


@router.get("/supervision/cases", response=SignalCases)
def supervision_cases(request, period: str, unit_id: Id, signal: str):
    """The cases behind one number of the supervision table."""
    if signal not in SIGNALS:
        raise ApiError(400, _("The input is not valid."), {"signal": [_("Unknown signal.")]})
    found = _signals(request.user, period).get(unit_id)
    return {"unit_id": unit_id, "signal": signal, "case_ids": sorted(found.cases[signal]) if found else []}


class BulletinIn(Schema):
    period: str


class BulletinEdit(Schema):
    title: Text[200]
    text: str


class BulletinOut(Schema):
    id: int
    period: str
    status: str
    title: str
    text: str
    units: list[int]
    findings: dict
    created_at: datetime.datetime
    issued_at: datetime.datetime | None
    document_number: str  # 铜信联办〔2026〕12号, given at the issue; "" for a draft


class BulletinList(Schema):
    items: list[BulletinOut]
    total: int


def _out(b: Bulletin) -> dict:
    return {
        **{
            f: getattr(b, f)
            for f in ("id", "period", "status", "title", "text", "findings", "created_at", "issued_at", "document_number")
        },
        "units": sorted(u.pk for u in b.units.all()),
    }


def _get(user, bulletin_id: int) -> Bulletin:
    return get_object_or_404(bulletins.visible_bulletins(user), pk=bulletin_id)


@router.post("/bulletins", response={201: BulletinOut})
def create_bulletin(request, payload: BulletinIn):
    return 201, _out(bulletins.bulletin_generate(period=payload.period, actor=request.user))


@router.get("/bulletins", response=BulletinList)
def list_bulletins(request):
    items = bulletins.visible_bulletins(request.user).prefetch_related("units")
    return {"items": [_out(b) for b in items], "total": items.count()}


@router.get("/bulletins/{bulletin_id}", response=BulletinOut)
def get_bulletin(request, bulletin_id: int):
    return _out(_get(request.user, bulletin_id))


@router.put("/bulletins/{bulletin_id}", response=BulletinOut)
def edit_bulletin(request, bulletin_id: Id, payload: BulletinEdit):
    bulletin = bulletins.bulletin_edit(
        bulletin=_get(request.user, bulletin_id), actor=request.user, title=payload.title, text=payload.text
    )
    return _out(bulletin)


@router.post("/bulletins/{bulletin_id}/issue", response=BulletinOut)
def issue_bulletin(request, bulletin_id: int):
    return _out(bulletins.bulletin_issue(bulletin=_get(request.user, bulletin_id), actor=request.user))
