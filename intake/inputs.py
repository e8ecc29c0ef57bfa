"""The input of a registration, the one contract both doors parse into: the API takes it as its
payload, the page validates its form's output into it. It checks types and lengths only; every
business rule is decided once, by intake.services.registration_create."""

from __future__ import annotations

import uuid
from typing import Annotated

from ninja import Field, Schema

from xinfang.api_types import Id, Text

# Numbers the service judges, bounded only so a huge value is a 400, not a database error.
Count = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]


class PetitionerIn(Schema):
    name: Text[50] = ""
    id_number: Text[30] = ""
    phone: Text[30] = ""
    address: Text[200] = ""


class RegistrationIn(Schema):
    client_ref: uuid.UUID | None = None
    # Which site received the citizen (R2): absent or empty for the main place, else the main place's
    # or an extension site's name. The service judges it against the day's plan.
    site: Text[200] = ""
    petitioners: Annotated[list[PetitionerIn], Field(max_length=100)]
    people_count: Count | None = None
    kind: Text[20]
    category_id: Id | None = None
    territory_unit_id: Id | None = None
    content: str
    disposition: Text[20]
    answer: str = ""
    channel: str = ""
    promised_days: Count | None = None
    responsible_person: Text[50] = ""
    responsible_user_id: Id | None = None
    # The clerk's answers to the two questions only the server can ask: the ID number is on file
    # under another name, but it is the same person; an entry like this one exists, but this is
    # another matter.
    identity_confirmed: bool = False
    duplicate_confirmed: bool = False


class CorrectionIn(Schema):
    """更正: one field of a person on file, or of a petitioner as given, with the reason."""

    field: Text[20]
    value: Text[200] = ""
    reason: str = ""
