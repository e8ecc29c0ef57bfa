"""The inputs of the supervision-order writes: the API takes them as bodies, the orders page parses
its forms into them (lifecycle.inputs.parse). They only parse; the rules are supervision/orders.py's."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Schema

Version = Annotated[int, Field(ge=1, le=2**31 - 1)]
# Parsed as a whole number only: the 1..30 range is the service's rule, with its own message.
Days = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]


class OrderIssueIn(Schema):
    text: str = ""
    respond_within_days: Days
    version: Version


class OrderRespondIn(Schema):
    content: str = ""
