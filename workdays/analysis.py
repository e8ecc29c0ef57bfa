"""分析研判 — the analysis of one Work Day, pre-filled from its registrations, plus the unit's written
judgement and proposed measures (DESIGN R12; issue 11). The report to the joint office stores it as it
stood at submission (`Report.figures`); before that the day's page and the API show it live.

What is counted: the day's registrations, without the withdrawn ones and those whose case was voided
(a mistake entered and taken back). Category and territory are the case's (the joint office may
correct them in handling). Every figure comes from a fixed number of aggregate queries, whatever
the number of registrations.

- `by_kind`, `by_disposition`: code → count (`request`, `on_the_spot`...), every code listed.
- `by_category`: first-level category name → count; `by_territory`: town or street name → count.
- `by_site`: site name → count, every planned site listed (the main place first), a site with no
  registration at 0.
- `group_visits`: registrations of GROUP_VISIT_SIZE people or more.
- `repeat_petitioners`: the persons (recognised by ID number) of the day's matters whose matter is a
  repeat visit (重复访, intake/persons.py) — among the matters their unit may see: the host unit's
  own cases (registered, led or assisted), all cases for the joint office. A unit's figures never
  count matters at other units.
- `hot_issues`: the categories as classified (sub-categories kept apart) with 2 matters or more,
  most first, at most 5: `[{category, count}]`.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.text import Truncator

from cases.models import Case, CaseStatus, Revisit
from cases.revisits import SATISFACTION_COUNTS, satisfaction_row
from intake.models import GROUP_VISIT_SIZE, Disposition, Kind, Petitioner, Registration
from intake.persons import repeat_registration_ids
from units.models import Category, UnitKind
from workdays.attendance import signed_in_count
from workdays.models import Activity, WorkDay
from workdays.sites import site_name, sites_of

HOT_ISSUES_MIN = 2
HOT_ISSUES_TOP = 5
SUMMARY_LENGTH = 100


def counted_registrations(workday: WorkDay) -> QuerySet[Registration]:
    """The registrations every figure counts: not withdrawn, their case not voided."""
    return Registration.counted.filter(workday=workday).exclude(case__status=CaseStatus.VOIDED)


def _counts(queryset: QuerySet, field: str) -> dict:
    rows = queryset.order_by().values(field).annotate(n=Count("id"))
    return {row[field]: row["n"] for row in rows}


def _every(codes: list[str], counts: dict) -> dict[str, int]:
    """Every code in its order, 0 where nothing was counted."""
    return {code: counts.get(code, 0) for code in codes}


def site_figures(workday: WorkDay) -> list[dict]:
    """Per site, the main place first: `{site, registrations, people, group_visits}`."""
    rows = (
        counted_registrations(workday)
        .order_by()
        .values("site")
        .annotate(
            registrations=Count("id"),
            people=Sum("people_count"),
            group_visits=Count("id", filter=Q(people_count__gte=GROUP_VISIT_SIZE)),
        )
    )
    by_name = {site_name(workday, row["site"]): row for row in rows}
    names = sites_of(workday) + sorted(name for name in by_name if name not in sites_of(workday))
    return [
        {
            "site": name,
            "registrations": by_name.get(name, {}).get("registrations", 0),
            "people": by_name.get(name, {}).get("people") or 0,
            "group_visits": by_name.get(name, {}).get("group_visits", 0),
        }
        for name in names
    ]


def _category_names() -> tuple[dict[int, str], dict[int, str]]:
    """Each category's first-level name and its full name ("parent / child"), the full names in the
    tree's order (each first-level category followed by the nodes below it)."""
    nodes = list(Category.objects.order_by("order", "id").values("id", "name", "parent_id"))
    children: dict[int | None, list[dict]] = {}
    for node in nodes:
        children.setdefault(node["parent_id"], []).append(node)
    first_level: dict[int, str] = {}
    full_name: dict[int, str] = {}

    def walk(node: dict, path: list[str]) -> None:
        path = [*path, node["name"]]
        first_level[node["id"]], full_name[node["id"]] = path[0], " / ".join(path)
        for child in children.get(node["id"], []):
            walk(child, path)

    for root in children.get(None, []):
        walk(root, [])
    return first_level, full_name


def category_full_names() -> dict[int, str]:
    """Each category's full name ("parent / child"), as the analysis names a hot issue."""
    return _category_names()[1]


def _repeat_petitioners(workday: WorkDay, counted: QuerySet[Registration]) -> int:
    day_rows = list(
        Petitioner.objects.filter(registration__in=counted, person__isnull=False).values_list("person_id", "registration_id")
    )
    if not day_rows:
        return 0
    persons = {person for person, _ in day_rows}
    scope = Registration.objects.all()
    if workday.host_unit.kind != UnitKind.JOINT_OFFICE:
        unit = workday.host_unit
        assisted = Case.assisting_units.through.objects.filter(unit=unit).values("case_id")
        scope = scope.filter(Q(case__host_unit=unit) | Q(case__lead_unit=unit) | Q(case__in=assisted))
    links = list(Petitioner.objects.filter(person_id__in=persons, registration__in=scope).values_list("person_id", "registration_id"))
    registrations = {
        r.pk: r for r in Registration.objects.filter(pk__in={pk for _, pk in links}).select_related("case")
    }
    day_ids: dict[int, set[int]] = {}
    for person, registration in day_rows:
        day_ids.setdefault(person, set()).add(registration)
    of_person: dict[int, list[Registration]] = {}
    for person, registration in links:
        if registration in registrations:
            of_person.setdefault(person, []).append(registrations[registration])
    repeats = 0
    for person in persons:
        history = sorted(set(of_person.get(person, [])), key=lambda r: (r.registered_at, r.pk))
        if repeat_registration_ids(history) & day_ids[person]:
            repeats += 1
    return repeats


def analysis_for(workday: WorkDay, *, sites: list[dict] | None = None) -> dict:
    """The day's 分析研判: the figures computed from its registrations, and the unit's texts. `sites`:
    the day's `site_figures` when the caller already has them."""
    counted = counted_registrations(workday)
    first_level, full_name = _category_names()
    by_category: Counter[str] = Counter()
    hot: Counter[str] = Counter()
    for category_id, n in _counts(counted, "case__category_id").items():
        by_category[first_level.get(category_id, "")] += n
        hot[full_name.get(category_id, "")] += n
    order = {name: i for i, name in enumerate(full_name.values())}  # the tree's order: ties keep it
    hot_issues = sorted(
        ((name, n) for name, n in hot.items() if n >= HOT_ISSUES_MIN), key=lambda item: (-item[1], order.get(item[0], 0))
    )[:HOT_ISSUES_TOP]
    sites = site_figures(workday) if sites is None else sites
    return {
        "registrations": sum(site["registrations"] for site in sites),
        "by_kind": _every(Kind.values, _counts(counted, "kind")),
        "by_category": dict(by_category.most_common()),
        "by_territory": {name or "—": n for name, n in _counts(counted, "case__territory__name").items()},
        "by_site": {site["site"]: site["registrations"] for site in sites},
        "by_disposition": _every(Disposition.values, _counts(counted, "disposition")),
        "group_visits": sum(site["group_visits"] for site in sites),
        "repeat_petitioners": _repeat_petitioners(workday, counted),
        "hot_issues": [{"category": name, "count": n} for name, n in hot_issues],
        "judgement": workday.judgement,
        "measures": workday.measures,
    }


def referred_matters(workday: WorkDay) -> list[dict]:
    """The matters beyond the unit's authority, reported to the joint office (R6b): what the internal
    report lists — the case, its category and territory, the content in short and the channel told;
    no petitioner's name, ID number or phone."""
    _first, full_name = _category_names()
    rows = (
        counted_registrations(workday)
        .filter(disposition=Disposition.REFER)
        .order_by("registered_at", "id")
        .values("id", "case__id", "case__category_id", "case__territory__name", "content", "channel")
    )
    return [
        {
            "registration_id": row["id"],
            "case_id": row["case__id"],
            "category": full_name.get(row["case__category_id"], ""),
            "territory": row["case__territory__name"] or "",
            "summary": Truncator(row["content"]).chars(SUMMARY_LENGTH),
            "channel": row["channel"],
        }
        for row in rows
    ]


def open_cases(workday: WorkDay) -> QuerySet[Case]:
    """The cases of the day's registrations still open in the ledger: not closed (a merged case is
    closed) and not voided. An answered or replied matter stays open until the joint office closes it."""
    return (
        Case.objects.filter(workday=workday)
        .exclude(status__in=(CaseStatus.CLOSED, CaseStatus.VOIDED))
        .exclude(merged_into__isnull=False)
        .order_by("id")
    )


def activity_counts(workday: WorkDay) -> dict[str, int]:
    """How many visits, research findings and relief actions were recorded with the day (R13)."""
    return _every(Activity.Kind.values, _counts(Activity.objects.filter(workday=workday), "kind"))


def activity_records(workday: WorkDay) -> list[dict]:
    """The day's R13 records as the report carries them: what was done, where and with what result."""
    rows = Activity.objects.filter(workday=workday).order_by("done_on", "id").values(
        "kind", "subject", "target", "people", "done_on", "found", "done", "follow_up_on", "outcome"
    )
    return [
        {**row, "done_on": row["done_on"].isoformat(), "follow_up_on": row["follow_up_on"] and row["follow_up_on"].isoformat()}
        for row in rows
    ]


def labelled(figures: dict) -> dict:
    """The figures for a page: each table as (label, count) rows, codes turned into their labels."""
    kinds, dispositions = dict(Kind.choices), dict(Disposition.choices)
    activities = dict(Activity.Kind.choices)
    return {
        **figures,
        "kind_rows": [(kinds.get(code, code), n) for code, n in figures.get("by_kind", {}).items()],
        "disposition_rows": [(dispositions.get(code, code), n) for code, n in figures.get("by_disposition", {}).items()],
        "category_rows": list(figures.get("by_category", {}).items()),
        "territory_rows": list(figures.get("by_territory", {}).items()),
        "site_rows": list(figures.get("by_site", {}).items()),
        "activity_rows": [(activities.get(code, code), n) for code, n in figures.get("activities", {}).items()],
        "activity_list": [{**r, "kind_label": activities.get(r["kind"], r["kind"])} for r in figures.get("activity_records", [])],
    }


def report_figures(workday: WorkDay) -> dict:
    """What the report to the joint office carries, computed from the data: the analysis, the matters
    referred to the joint office, and what was done beyond the reception (R13: counts and records)."""
    return {
        **analysis_for(workday),
        "referred": referred_matters(workday),
        "activities": activity_counts(workday),
        "activity_records": activity_records(workday),
    }


def concluded_count(workday: WorkDay) -> int:
    """办结 so far: the day's counted matters whose case the joint office has closed. A case merged
    into an earlier one is not counted: its matter goes on in that case."""
    return counted_registrations(workday).filter(case__status=CaseStatus.CLOSED, case__merged_into__isnull=True).count()


def day_satisfaction(workday: WorkDay) -> dict:
    """The revisits of the day's counted matters (cases.revisits): `{revisits, reached, satisfied,
    unsatisfied, satisfaction_rate}`."""
    counted = counted_registrations(workday)
    return satisfaction_row(Revisit.objects.filter(case__registration__in=counted).aggregate(**SATISFACTION_COUNTS))


def statistics_for(workday: WorkDay) -> dict:
    """The figures of the day's 统计表 (exports/statistics.py), as they stand now: the analysis
    (`analysis_for`) with, per site, the registrations, people and group visits (`sites`), and
    - `people`: the citizens received (the people of the counted registrations);
    - `staff_attending`: the entries of the sign-in book (workdays.attendance);
    - `materials`: the publicity materials handed out, as the unit recorded them;
    - `concluded`: the matters concluded so far (`concluded_count`);
    - `satisfaction`: the revisits of the day's matters (`day_satisfaction`).
    A fixed number of queries, whatever the number of registrations."""
    sites = site_figures(workday)
    return {
        **analysis_for(workday, sites=sites),
        "sites": sites,
        "people": sum(site["people"] for site in sites),
        "staff_attending": signed_in_count(workday),
        "materials": workday.materials_count,
        "concluded": concluded_count(workday),
        "satisfaction": day_satisfaction(workday),
    }
