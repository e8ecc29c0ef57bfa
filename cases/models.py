"""The ledger (工作台账): one case per registered matter, with its handling."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit


class CaseStatus(models.TextChoices):
    ANSWERED = "answered", _("Answered on the spot")
    HANDLING = "handling", _("Being handled")
    AWAITING_ASSIGNMENT = "awaiting_assignment", _("Awaiting assignment by the joint office")
    ASSIGNED = "assigned", _("Assigned")
    REPLIED = "replied", _("Replied")
    CLOSED = "closed", _("Closed")
    VOIDED = "voided", _("Voided")
    AWAITING_SIGNOFF = "awaiting_signoff", _("Reply awaiting sign-off")


# A reply waiting for the unit leader's sign-off is not yet given: its time counts against the deadline.
OPEN_STATUSES = (CaseStatus.HANDLING, CaseStatus.AWAITING_ASSIGNMENT, CaseStatus.ASSIGNED, CaseStatus.AWAITING_SIGNOFF)

# A case that still owes the citizen feedback (R8): a referred matter not fed back, not voided. The
# deadline scan reads these by `feedback_due` through a partial index on exactly this condition
# (cases.deadlines uses it too, so that the database can match the two).
OWES_FEEDBACK = Q(feedback_due__isnull=False, feedback_at__isnull=True) & ~Q(status=CaseStatus.VOIDED)


class Handling(models.TextChoices):
    SELF = "self", _("Self-handled")
    ASSIGNED = "assigned", _("Assigned by the joint office")


REPLY_WORKDAYS = 7
RECEIVE_WORKDAYS = 1
BOUNCED_RETURNS = 2


class Case(models.Model):
    """信访事项 — a ledger entry. Its status moves only through the services in cases/services.py.

    What the citizen said (kind, content, disposition, when) is read from the registration; the case
    owns what handling may change (docs/adr/0009-case-and-registration.md)."""

    registration = models.OneToOneField(
        "intake.Registration", verbose_name=_("registration"), on_delete=models.PROTECT, related_name="case"
    )
    # workday and host_unit never change, but the visibility filter and the (host_unit, status) index
    # of a million-case ledger need them on the case row (docs/adr/0009).
    workday = models.ForeignKey("workdays.WorkDay", verbose_name=_("Masses Work Day"), on_delete=models.PROTECT, related_name="cases")
    # The unit whose Work Day registered the matter (it owes the citizen feedback and the results).
    host_unit = models.ForeignKey(Unit, verbose_name=_("registering unit"), on_delete=models.PROTECT, related_name="hosted_cases")
    category = models.ForeignKey("units.Category", verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    territory = models.ForeignKey(Unit, verbose_name=_("territory"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    status = models.CharField(_("status"), max_length=30, choices=CaseStatus.choices, db_index=True)
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("lead unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="led_cases"
    )
    assisting_units = models.ManyToManyField(Unit, verbose_name=_("assisting units"), blank=True, related_name="assisted_cases")
    responsible_person = models.CharField(_("responsible person"), max_length=50)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsible user"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The reply deadline: REPLY_WORKDAYS working days after clock_start (the reception day for
    # self-handled cases, the delivery of the assignment for assigned ones).
    clock_start = models.DateField(_("clock start"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("reply due"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    # 承诺解决时限: the resolution date promised to the citizen for a `time_limit` matter, the promised
    # number of working days after the reception day. It does not move the reply deadline.
    promised_due = models.DateField(_("promised resolution date"), null=True, blank=True, db_index=True)
    promised_provisional = models.BooleanField(_("promised date provisional"), default=False)
    # A referred matter still owes the citizen feedback from the host unit within 7 working days (R8).
    feedback_due = models.DateField(_("feedback due"), null=True, blank=True)
    feedback_provisional = models.BooleanField(_("feedback due provisional"), default=False)
    feedback_at = models.DateTimeField(_("feedback given at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    # 重复访 / 并案: the joint office links a case to an earlier one of the same person, as a repeat
    # visit, or merges it into that one (it closes; unmerging restores the status it had).
    repeat_of = models.ForeignKey(
        "self", verbose_name=_("repeat of"), null=True, blank=True, on_delete=models.PROTECT, related_name="repeats"
    )
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    status_before_merge = models.CharField(max_length=30, choices=CaseStatus.choices, blank=True)
    # 公示摘要: what the public results page shows for this case, written or checked at publication.
    public_summary = models.TextField(_("public summary"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-id"]
        # The ledger's visibility and unit filter are unions of lookups by host, lead and assisting
        # unit with the status test inside (cases/selectors.py); with the id in the index each
        # branch is an index-only scan (docs/performance.md).
        indexes = [
            models.Index(fields=["lead_unit", "status", "id"], name="case_lead_status_id"),
            models.Index(fields=["host_unit", "status", "id"], name="case_host_status_id"),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["feedback_due"], condition=OWES_FEEDBACK, name="case_owes_feedback_due_idx"),
            # The few voided entries, which the supervision signals leave out (supervision/metrics.py).
            models.Index(fields=["id"], condition=models.Q(status="voided"), name="case_voided_ids"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def current_assignment(self) -> Assignment | None:
        return self.assignments.filter(returned_at__isnull=True).order_by("-delivered_at", "-id").first()

    @property
    def is_bounced(self) -> bool:
        """推诿 — returned twice or more."""
        return self.return_count >= BOUNCED_RETURNS


class Assignment(models.Model):
    """交办 — the joint office hands a case to a lead unit (with assisting units). The reply clock
    starts at delivery; signing (签收) only records when the unit acknowledged it (R9)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    lead_unit = models.ForeignKey(Unit, verbose_name=_("lead unit"), on_delete=models.PROTECT, related_name="+")
    assisting_units = models.ManyToManyField(Unit, verbose_name=_("assisting units"), blank=True, related_name="+")
    delivered_at = models.DateTimeField(_("delivered at"), db_index=True)
    delivered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("reply due"))
    # 交办意见: what the joint office asks of the lead unit with the case.
    instructions = models.TextField(_("assignment instructions"), blank=True)
    received_at = models.DateTimeField(_("signed for at"), null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True, db_index=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_reason = models.TextField(_("reason for returning"), blank=True)
    # Frozen when the stage ends by a return: was the case already past due at that moment?
    overdue_when_returned = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["delivered_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.lead_unit}"


class Reply(models.Model):
    """答复 — the lead unit's (or the host unit's, for self-handled cases) reply to the citizen."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="replies")
    unit = models.ForeignKey(Unit, verbose_name=_("replying unit"), on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("reply"))
    concluded = models.BooleanField(_("concluded"))
    feedback_to_center = models.TextField(_("written feedback to the complaint centre"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), db_index=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("reply due"))
    # Frozen at the reply: the overdue fact of this stage never changes afterwards.
    on_time = models.BooleanField(_("on time"))
    # 重新办理: the joint office found this reply false or wanting and sent the case back; the reply
    # stays in the record, marked, and is never published.
    superseded_at = models.DateTimeField(_("superseded by re-handling at"), null=True, blank=True)
    acceptable = models.BooleanField(_("quality acceptable"), null=True, blank=True)
    rating_reason = models.TextField(_("rating reason"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True, db_index=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["replied_at", "id"]

    def __str__(self) -> str:
        return self.content[:30]


class AssistOpinion(models.Model):
    """协办意见 — an assisting unit's opinion for the lead unit (R7)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assist_opinions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    content = models.TextField(_("assisting opinion"))
    created_at = models.DateTimeField(_("recorded at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("assisting opinion")
        verbose_name_plural = _("assisting opinions")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.content[:30]


class CitizenFeedback(models.Model):
    """The host unit's feedback to the citizen on a referred matter, due within 7 working days of the
    reception (R8)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="feedbacks")
    content = models.TextField(_("feedback to the citizen"))
    created_at = models.DateTimeField(_("given at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("feedback to the citizen")
        verbose_name_plural = _("feedback to citizens")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.content[:30]


class Revisit(models.Model):
    """回访 — the joint office calls the citizen back (R10)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="revisits")
    reached = models.BooleanField(_("citizen reached"))
    satisfied = models.BooleanField(_("satisfied"), null=True, blank=True)
    # Does the citizen confirm what the unit reported (contacted, answer given)? False is the
    # signal of a false, concealed or fabricated report (虚报、瞒报、谎报).
    confirms_reply = models.BooleanField(_("confirms the reported reply"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("revisited at"), db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("revisit")
        verbose_name_plural = _("revisits")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.created_at:%Y-%m-%d}"


class DeadlineScan(models.Model):
    """One run of the daily deadline scan (cron or the joint office's button)."""

    ran_at = models.DateTimeField(_("ran at"))
    for_date = models.DateField(_("for date"), db_index=True)
    ran_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("deadline scan")
        verbose_name_plural = _("deadline scans")
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.for_date}"


class Reminder(models.Model):
    """A case a unit must act on, found by a deadline scan."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Reply due within 2 working days")
        OVERDUE = "overdue", _("Reply overdue")
        FEEDBACK_DUE_SOON = "feedback_due_soon", _("Feedback to the citizen due within 2 working days")
        FEEDBACK_OVERDUE = "feedback_overdue", _("Feedback to the citizen overdue")
        PROMISE_DUE_SOON = "promise_due_soon", _("Promised resolution date within 2 working days")
        PROMISE_BROKEN = "promise_broken", _("Promised resolution date passed without resolution")

    scan = models.ForeignKey(DeadlineScan, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_date = models.DateField()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_date", "case_id"]
        indexes = [
            # The reminders page of the latest scan in due order, and its counts per unit and kind.
            models.Index(fields=["scan", "due_date", "case"], name="reminder_scan_due_idx"),
            models.Index(fields=["scan", "unit", "kind"], name="reminder_scan_unit_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.case_id} {self.kind}"


class ApprovalKind(models.TextChoices):
    REPLY = "reply", _("Reply")
    REPORT = "report", _("Work Day report")
    RESULTS = "results", _("Results publication")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting sign-off")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")


class Approval(models.Model):
    """审核签发 — a clerk's draft (a reply, a Work Day report, a results publication) that goes out
    only when a leader of `unit` approves it. `draft` is exactly the step's input; the step runs with
    it at the approval (cases/signoff.py, docs/adr/0011)."""

    kind = models.CharField(_("kind"), max_length=10, choices=ApprovalKind.choices)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="approvals")
    workday = models.ForeignKey(
        "workdays.WorkDay", null=True, blank=True, on_delete=models.PROTECT, related_name="approvals"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("approving unit"), on_delete=models.PROTECT, related_name="+")
    draft = models.JSONField(_("draft"), default=dict)
    # The case's status before the draft, which a send-back restores.
    return_status = models.CharField(max_length=30, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("drafted at"))
    status = models.CharField(
        _("status"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason for sending back"), blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.case_id or self.workday_id}"

    @property
    def target(self):
        return self.case if self.case_id else self.workday
