"""Types every API router shares: bounded ids and numbers, texts of a column's length, and the
error a handler raises for a clean response (docs/api.md)."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Field
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import WithJsonSchema

from lifecycle.text import problems_in

# Bounds for numbers that arrive from outside, so a huge value is a 400 naming the field, not a
# database error. Ids fit a 64-bit key; pages and counts have sane ceilings.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Page = Annotated[int, Field(ge=1, le=100_000)]
Amount = Annotated[int, Field(ge=0, le=1_000_000)]

# A time of day in Beijing time without an offset ("09:00" in, "09:00:00" out). JSON Schema's
# format "time" would demand an offset ("09:00:00+08:00"), which the API neither sends nor needs.
ClockTime = Annotated[
    datetime.time,
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$", "description": "Beijing time, HH:MM or HH:MM:SS"}),
]


class _TextOfLength:
    """`Text[50]`: a string of at most 50 characters (the database column's length)."""

    def __getitem__(self, length: int):
        return Annotated[str, Field(max_length=length)]


Text = _TextOfLength()


def file_answer(*media_types: str, description: str = "The file.") -> dict:
    """`openapi_extra` of an operation that answers a file: its 200 with the file's media types."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {200: {"description": description, "content": {t: binary for t in media_types}}}}


class ApiError(Exception):
    """Raised by API handlers for a clean error response: 400 with field errors, 404, 409."""

    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors or {}


class LocalTimeEncoder(NinjaJSONEncoder):
    """Datetimes in Beijing time with their offset (2026-11-23T09:30:00+08:00)."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    encoder_class = LocalTimeEncoder


class UnstorableInput(Exception):
    """A text in the request that cannot be stored (lifecycle/text.py): 400 naming its field."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("unstorable input")
        self.errors = errors


class GatedParser(Parser):
    """The API's input gate: every text of a body or a query string (keys and values, whatever the
    field's type) is checked once by lifecycle.text before any schema sees it."""

    def parse_body(self, request):
        data = super().parse_body(request)
        _refuse(problems_in(data))
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        _refuse(problems_in(result))
        return result


def _refuse(problems: dict[tuple, str]) -> None:
    if problems:
        raise UnstorableInput({".".join(str(p) for p in path) or "__all__": [message] for path, message in problems.items()})
