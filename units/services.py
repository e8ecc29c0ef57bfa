"""Loading a district's reference data file (the Tongliang one by default)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from history.services import record, snapshot
from units.models import (
    Category,
    DistrictLeader,
    DistrictSettings,
    FrequencyRule,
    ListItem,
    ListKind,
    Period,
    Unit,
    UnitKind,
)

# R1, when a district's file names no frequencies: the joint office every half-year, towns and streets
# every quarter, key petition departments every quarter.
DEFAULT_FREQUENCIES = [
    {"unit_kind": "joint_office", "period": "half_year", "required": 1},
    {"unit_kind": "town", "period": "quarter", "required": 1},
    {"unit_kind": "street", "period": "quarter", "required": 1},
    {"unit_kind": "department", "key_departments_only": True, "period": "quarter", "required": 1},
]


class ReferenceDataError(Exception):
    """The file is malformed; the message names the entry."""


def _require(entry: Any, where: str, key: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(entry, dict) or key not in entry:
        raise ReferenceDataError(f"{where}: missing field '{key}'")
    value = entry[key]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise ReferenceDataError(f"{where}: field '{key}' is malformed: {value!r}")
    return value


def _names(data: dict, key: str) -> list[str]:
    values = _require(data, "file", key, list)
    for i, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise ReferenceDataError(f"{key}[{i}]: expected a non-empty name, got {value!r}")
    return values


def parse_reference(data: Any) -> dict[str, Any]:
    """Validate the whole file before anything is written."""
    if not isinstance(data, dict):
        raise ReferenceDataError("file: expected a JSON object")
    district = _require(data, "file", "district", dict)
    _require(district, "district", "name", str)
    if not isinstance(district.get("signoff_required", False), bool):
        raise ReferenceDataError("district: field 'signoff_required' must be true or false")
    joint = _require(data, "file", "joint_office", dict)
    for key in ("name", "short", "hosted_by", "complaint_center"):
        _require(joint, "joint_office", key, str)
    if "document_prefix" in joint and len(_require(joint, "joint_office", "document_prefix", str).strip()) > 20:
        raise ReferenceDataError("joint_office: field 'document_prefix' is longer than 20 characters")
    departments = _require(data, "file", "departments", list)
    dept_names = []
    for i, dept in enumerate(departments):
        where = f"departments[{i}]"
        dept_names.append(_require(dept, where, "name", str))
        _require(dept, f"{where} ({dept_names[-1]})", "key", bool)
    categories = _require(data, "file", "categories", list)
    for i, cat in enumerate(categories):
        where = f"categories[{i}]"
        name = _require(cat, where, "name", str)
        where = f"{where} ({name})"
        children = _require(cat, where, "children", list)
        for j, child in enumerate(children):
            if not isinstance(child, str) or not child.strip():
                raise ReferenceDataError(f"{where}.children[{j}]: expected a non-empty name, got {child!r}")
        if "department" not in cat:
            raise ReferenceDataError(f"{where}: missing field 'department'")
        if cat["department"] is not None and cat["department"] not in dept_names:
            raise ReferenceDataError(f"{where}: department {cat['department']!r} is not in departments")
    frequencies = data.get("frequencies", DEFAULT_FREQUENCIES)
    if not isinstance(frequencies, list):
        raise ReferenceDataError("frequencies: expected a list")
    for i, rule in enumerate(frequencies):
        where = f"frequencies[{i}]"
        if _require(rule, where, "unit_kind", str) not in UnitKind.values:
            raise ReferenceDataError(f"{where}: unknown unit_kind {rule['unit_kind']!r}")
        if _require(rule, where, "period", str) not in Period.values:
            raise ReferenceDataError(f"{where}: unknown period {rule['period']!r}")
        required = _require(rule, where, "required", int)
        if isinstance(required, bool) or required < 1:
            raise ReferenceDataError(f"{where}: field 'required' must be a positive integer")
        if not isinstance(rule.get("key_departments_only", False), bool):
            raise ReferenceDataError(f"{where}: field 'key_departments_only' is malformed")
    unit_names = {district["name"], joint["name"], *_names(data, "streets"), *_names(data, "towns"), *dept_names}
    leaders = _parse_leaders(data.get("leaders", []), unit_names)
    return {
        "leaders": leaders,
        "frequencies": frequencies,
        "district": district,
        "joint_office": joint,
        "streets": _names(data, "streets"),
        "towns": _names(data, "towns"),
        "departments": departments,
        "categories": categories,
        "lists": {kind: _names(data, f"{kind}s") for kind in ListKind.values},
    }


def _parse_leaders(leaders: Any, unit_names: set[str]) -> list[dict]:
    """The optional district leaders: each names the units of this file they liaise with (联系) and
    oversee (分管). A leader is known by name, so a name may appear once."""
    if not isinstance(leaders, list):
        raise ReferenceDataError("leaders: expected a list")
    seen: set[str] = set()
    for i, leader in enumerate(leaders):
        name = _require(leader, f"leaders[{i}]", "name", str)
        where = f"leaders[{i}] ({name})"
        if name in seen:
            raise ReferenceDataError(f"{where}: the name is listed twice")
        seen.add(name)
        _require(leader, where, "title", str)
        for key in ("liaison_units", "oversight_units"):
            units = leader.get(key, [])
            if not isinstance(units, list):
                raise ReferenceDataError(f"{where}: field '{key}' must be a list of unit names")
            for unit in units:
                if unit not in unit_names:
                    raise ReferenceDataError(f"{where}.{key}: unknown unit {unit!r}")
    return leaders


def _upsert_leader(entry: dict, order: int) -> None:
    """A district leader of the file, matched by name: title and links follow the file."""
    leader = DistrictLeader.objects.filter(name=entry["name"]).order_by("id").first()
    liaison = list(Unit.objects.filter(name__in=entry.get("liaison_units", [])).order_by("id"))
    oversight = list(Unit.objects.filter(name__in=entry.get("oversight_units", [])).order_by("id"))
    if leader is None:
        leader = DistrictLeader.objects.create(name=entry["name"], title=entry["title"], order=order)
        leader.liaison_units.set(liaison)
        leader.oversight_units.set(oversight)
        record(instance=leader, actor=None, action="created", before={}, note="load_reference")
        return
    changes: dict[str, list] = {}
    if leader.title != entry["title"]:
        changes["title"] = [leader.title, entry["title"]]
        leader.title = entry["title"]
        leader.save(update_fields=["title"])
    for key, units in (("liaison_units", liaison), ("oversight_units", oversight)):
        manager = getattr(leader, key)
        current = sorted(manager.values_list("name", flat=True))
        wanted = sorted(u.name for u in units)
        if current != wanted:
            changes[key] = [current, wanted]
            manager.set(units)
    if changes:
        record(instance=leader, actor=None, action="updated", changes=changes, note="load_reference")


def _upsert_unit(name: str, kind: str, parent: Unit | None, order: int, is_key: bool = False) -> Unit:
    unit = Unit.objects.filter(name=name).first()
    if unit is None:
        unit = Unit.objects.create(name=name, kind=kind, parent=parent, order=order, is_key=is_key)
        record(instance=unit, actor=None, action="created", before={}, note="load_reference")
        return unit
    before = snapshot(unit)
    # is_key stays as the joint office may have edited it; the file only seeds it.
    unit.kind, unit.parent, unit.order = kind, parent, order
    unit.save()
    if snapshot(unit) != before:
        record(instance=unit, actor=None, action="updated", before=before, note="load_reference")
    return unit


@transaction.atomic
def load_reference(path: Path) -> dict[str, int]:
    """Load or refresh the reference data; idempotent. All or nothing."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"cannot read {path}: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"{path}: not valid JSON: {exc}") from exc
    data = parse_reference(raw)

    district = _upsert_unit(data["district"]["name"], UnitKind.DISTRICT, None, 0)
    joint = data["joint_office"]
    _upsert_unit(joint["name"], UnitKind.JOINT_OFFICE, district, 1)
    DistrictSettings.objects.update_or_create(
        pk=1,
        defaults={
            "district_name": data["district"]["name"],
            "joint_office_short": joint["short"],
            "petition_office": joint["hosted_by"],
            "complaint_center": joint["complaint_center"],
            # Applied on every run: the file says whether the district has asked for sign-off.
            "signoff_required": data["district"].get("signoff_required", False),
            # The short name (区信访联席办) does not name the district, so it cannot serve as the
            # code of the document numbers: the file names the code, else the default stays.
            **({"document_prefix": joint["document_prefix"].strip()} if "document_prefix" in joint else {}),
        },
    )
    order = 10
    for name in data["streets"]:
        _upsert_unit(name, UnitKind.STREET, district, order)
        order += 1
    for name in data["towns"]:
        _upsert_unit(name, UnitKind.TOWN, district, order)
        order += 1
    for dept in data["departments"]:
        _upsert_unit(dept["name"], UnitKind.DEPARTMENT, district, order, is_key=dept["key"])
        order += 1

    for i, cat in enumerate(data["categories"]):
        department = Unit.objects.get(name=cat["department"]) if cat["department"] else None
        parent, _ = Category.objects.get_or_create(
            parent=None, name=cat["name"], defaults={"department": department, "order": i}
        )
        for j, child in enumerate(cat["children"]):
            Category.objects.get_or_create(parent=parent, name=child, defaults={"order": j})

    for kind, names in data["lists"].items():
        for i, name in enumerate(names):
            ListItem.objects.get_or_create(kind=kind, name=name, defaults={"order": i})

    for rule in data["frequencies"]:
        # Seeds only: a rule the joint office edited in the admin is kept.
        FrequencyRule.objects.get_or_create(
            unit_kind=rule["unit_kind"],
            key_departments_only=rule.get("key_departments_only", False),
            defaults={"period": rule["period"], "required": rule["required"]},
        )

    for order, entry in enumerate(data["leaders"]):
        _upsert_leader(entry, order)

    return {
        "leaders": DistrictLeader.objects.count(),
        "units": Unit.objects.count(),
        "categories": Category.objects.count(),
        "list_items": ListItem.objects.count(),
    }
