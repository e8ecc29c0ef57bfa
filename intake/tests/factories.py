"""Registering in tests through the one input contract, with objects where a test has them."""

from intake import services
from intake.inputs import RegistrationIn

OBJECT_FIELDS = {"category": "category_id", "territory": "territory_unit_id", "responsible_user": "responsible_user_id"}


def registration_input(**fields) -> RegistrationIn:
    for name, id_field in OBJECT_FIELDS.items():
        if name in fields:
            obj = fields.pop(name)
            fields[id_field] = obj.pk if obj is not None else None
    return RegistrationIn(**fields)


def register_matter(*, workday, actor, **fields):
    """`intake.services.registration_create` with the fields of its input as keywords. Fixtures often
    register one person's matters side by side, so the duplicate check is confirmed unless a test
    asks for it (`duplicate_confirmed=False`)."""
    fields.setdefault("duplicate_confirmed", True)
    if fields.get("disposition") == "time_limit":
        fields.setdefault("promised_days", 10)  # every committed time limit names its period
    return services.registration_create(workday=workday, actor=actor, data=registration_input(**fields))
