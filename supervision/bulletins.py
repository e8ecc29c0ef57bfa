"""Drafting, editing and issuing bulletins (通报, R11). Only the joint office writes them; issued
bulletins are read-only and visible to every signed-in user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import is_supervisor
from cases.models import Case
from history.services import record, snapshot
from lifecycle import Table, Transition, states
from supervision import notices
from supervision.metrics import signals_for_period
from supervision.models import Bulletin, DocumentCounter
from units.models import DistrictSettings, Unit
from workcal import periods

# (group key, the signals behind it)
GROUPS = (
    ("late", ("overdue", "promises_broken", "orders_overdue")),
    ("poor_quality", ("poor_quality", "unsatisfied")),
    ("buck_passing", ("returns", "bounced")),
    ("false_reporting", ("contradicted",)),
)


def _headings() -> dict[str, str]:
    return {
        "late": _("Late handling"),
        "poor_quality": _("Poor-quality handling"),
        "buck_passing": _("Passing the buck"),
        "false_reporting": _("False, concealed or fabricated reports"),
    }


def findings_for(period: str) -> dict[str, dict[str, list[int]]]:
    signals = signals_for_period(period)
    findings: dict[str, dict[str, list[int]]] = {}
    for key, names in GROUPS:
        per_unit = {}
        for unit_id, s in signals.items():
            ids = sorted(set().union(*(s.cases[n] for n in names)))
            if ids:
                per_unit[str(unit_id)] = ids
        findings[key] = per_unit
    return findings


def _draft_text(period_label: str, findings: dict[str, dict[str, list[int]]]) -> str:
    units = {u.pk: u.name for u in Unit.objects.filter(pk__in={int(i) for g in findings.values() for i in g})}
    case_ids = {c for g in findings.values() for ids in g.values() for c in ids}
    cases = {c.pk: c for c in Case.objects.filter(pk__in=case_ids).select_related("workday", "host_unit", "registration")}
    numerals = "一二三四五六七八九十"
    lines = [
        _(
            "In %(period)s the joint office checked the handling of the matters received at the Masses Work Days. "
            "The following problems are hereby notified:"
        )
        % {"period": period_label},
        "",
    ]
    section = 0
    for key, _names in GROUPS:
        if not findings[key]:
            continue
        lines.append(f"{numerals[section]}、{_headings()[key]}")
        section += 1
        for unit_id, ids in findings[key].items():
            refs = "；".join(
                _("case No. %(id)s (%(host)s Work Day of %(date)s: %(summary)s)")
                % {"id": c.pk, "host": c.host_unit.name, "date": c.workday.date, "summary": c.registration.content[:20]}
                for c in (cases[i] for i in ids)
            )
            lines.append(
                _("%(unit)s: %(count)s case(s) — %(refs)s.")
                % {"unit": units[int(unit_id)], "count": len(ids), "refs": refs}
            )
        lines.append("")
    if section == 0:
        lines.append(_("No late, poor-quality, buck-passing or false-reporting problems were found in this period."))
    else:
        lines.append(
            _(
                "The units named above shall rectify within 5 working days and report the rectification to the joint office."
            )
        )
    return "\n".join(lines).strip()


def _joint_office(user, bulletin: Bulletin) -> bool:
    return is_supervisor(user)


# A bulletin is drafted from the signals, edited by the joint office, then issued to all units.
TABLE = Table(
    [
        Transition(
            "edit", states(Bulletin.Status.DRAFT), None, _joint_office, "updated",
            lambda bulletin: gettext_lazy("An issued bulletin cannot be changed."),
        ),
        Transition(
            "issue", states(Bulletin.Status.DRAFT), Bulletin.Status.ISSUED, _joint_office, "issued",
            lambda bulletin: gettext_lazy("This bulletin was already issued."),
        ),
    ]
)


def _begin(bulletin: Bulletin, actor, name: str) -> tuple[Bulletin, Transition]:
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    return bulletin, TABLE.check(bulletin, actor, name)


@transaction.atomic
def bulletin_generate(*, period: str, actor) -> Bulletin:
    if not is_supervisor(actor):
        raise PermissionDenied
    parsed = periods.parse(period)  # PeriodError: a 400 on the API, a message on the page
    findings = findings_for(parsed.code)
    settings_row = DistrictSettings.objects.first()
    office = settings_row.joint_office_short if settings_row else ""
    bulletin = Bulletin.objects.create(
        period=parsed.code,
        title=_("%(office)s bulletin on the handling of Masses Work Day matters, %(period)s")
        % {"office": office, "period": periods.label(parsed)},
        text=_draft_text(periods.label(parsed), findings),
        findings=findings,
        created_at=timezone.now(),
        created_by=actor,
    )
    bulletin.units.set(Unit.objects.filter(pk__in={int(i) for g in findings.values() for i in g}))
    # The findings are the bulletin's working data, shown on its page; the history names the draft.
    record(instance=bulletin, actor=actor, action="created", changes={"period": [None, bulletin.period], "title": [None, bulletin.title]})
    return bulletin


@transaction.atomic
def bulletin_edit(*, bulletin: Bulletin, actor, title: str, text: str) -> Bulletin:
    bulletin, step = _begin(bulletin, actor, "edit")
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    if not (text or "").strip():
        errors["text"] = [_("This field is required.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(bulletin)
    bulletin.title, bulletin.text = title.strip(), text.strip()
    bulletin.save(update_fields=["title", "text"])
    record(instance=bulletin, actor=actor, action=step.action, before=before)
    return bulletin


DEFAULT_DOCUMENT_PREFIX = "铜信联办"
NUMBER_SERIES = "bulletin"


def format_document_number(prefix: str, year: int, seq: int) -> str:
    """铜信联办〔2026〕12号 (GB/T 9704: the year in full inside 六角括号, the number without 第 or leading zeros)."""
    return f"{prefix}〔{year}〕{seq}号"


def next_document_number(year: int, series: str = NUMBER_SERIES) -> int:
    """The next number of the year's series, gapless. Call inside the issuing transaction: the
    year's counter row stays locked until it commits, so a concurrent issue waits and takes the next."""
    try:
        with transaction.atomic():  # a savepoint: a concurrent first issue of the year may create it first
            DocumentCounter.objects.get_or_create(series=series, year=year)
    except IntegrityError:
        pass
    counter = DocumentCounter.objects.select_for_update().get(series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def bulletin_issue(*, bulletin: Bulletin, actor) -> Bulletin:
    """Issue the draft to all units and give it the year's next document number (文号)."""
    bulletin, step = _begin(bulletin, actor, "issue")
    before = snapshot(bulletin)
    now = timezone.now()
    year = timezone.localdate(now).year
    settings_row = DistrictSettings.objects.first()
    prefix = (settings_row.document_prefix if settings_row else "") or DEFAULT_DOCUMENT_PREFIX
    bulletin.number_year, bulletin.number_seq = year, next_document_number(year)
    bulletin.document_number = format_document_number(prefix, year, bulletin.number_seq)
    bulletin.status = step.target
    bulletin.issued_at, bulletin.issued_by = now, actor
    bulletin.save(update_fields=["status", "issued_at", "issued_by", "number_year", "number_seq", "document_number"])
    record(instance=bulletin, actor=actor, action=step.action, before=before)
    notices.bulletin_issued(bulletin, actor)
    return bulletin


def visible_bulletins(user):
    """Issued bulletins circulate to all units; drafts are the joint office's."""
    if is_supervisor(user):
        return Bulletin.objects.all()
    return Bulletin.objects.filter(status=Bulletin.Status.ISSUED)
