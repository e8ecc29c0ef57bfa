"""GET /calendar/add and /calendar/between: deadline arithmetic for integrations.

The parameters are read as text and checked here, so that every bad value (a malformed date, a
year outside 1900–2100, a negative or fractional number of days) is a 400 with a message in the
request's language, never a 500 or an English validation message.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from workcal.calendar import CalendarInputError, add_workdays, parse_date, parse_days, workdays_between
from xinfang.api_types import ApiError

router = Router(tags=["calendar"])


class AddOut(Schema):
    date: datetime.date
    provisional: bool


class BetweenOut(Schema):
    workdays: int
    provisional: bool


def _bad(errors: dict[str, list[str]]) -> ApiError:
    return ApiError(400, _("The input is not valid."), errors)


def _read(values: dict[str, str | None], readers: dict) -> dict:
    parsed, errors = {}, {}
    for name, reader in readers.items():
        value = values.get(name)
        if value is None or not str(value).strip():
            errors[name] = [_("This field is required.")]
            continue
        try:
            parsed[name] = reader(value, name)
        except CalendarInputError as exc:
            errors[name] = [exc.message]
    if errors:
        raise _bad(errors)
    return parsed


@router.get("/add", response={200: AddOut})
def add(
    request,
    start: str | None = Query(None, description="YYYY-MM-DD; the start day itself is not counted"),
    days: str | None = Query(None, description="working days, a whole number ≥ 0"),
):
    """The `days`-th working day after `start` (Civil Code art. 201: the start day is not counted)."""
    values = _read({"start": start, "days": days}, {"start": parse_date, "days": parse_days})
    try:
        result = add_workdays(values["start"], values["days"])
    except CalendarInputError as exc:
        raise _bad({exc.field or "days": [exc.message]}) from None
    return {"date": result.date, "provisional": result.provisional}


@router.get("/between", response={200: BetweenOut})
def between(
    request,
    start: str | None = Query(None, description="YYYY-MM-DD, counted"),
    end: str | None = Query(None, description="YYYY-MM-DD, counted"),
):
    """The number of working days from `start` to `end`, both included."""
    values = _read({"start": start, "end": end}, {"start": parse_date, "end": parse_date})
    try:
        result = workdays_between(values["start"], values["end"])
    except CalendarInputError as exc:
        raise _bad({exc.field or "end": [exc.message]}) from None
    return {"workdays": result.count, "provisional": result.provisional}
