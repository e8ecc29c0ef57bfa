"""Which attachments a user may see, list and open: exactly those of the targets they may see,
through the target's own access helper (docs/adr/0012)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.access import is_supervisor
from attachments import targets
from attachments.models import TARGET_FIELDS, Attachment, Target
from supervision.orders import visible_orders

_RELATED = ("uploaded_by", "voided_by", "unit")


def access_attachment_by_id(user, attachment_id) -> Attachment:
    """The attachment, if `user` may see its target; 404 otherwise."""
    try:
        attachment = Attachment.objects.select_related(*_RELATED).get(pk=attachment_id)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    targets.access_target(user, attachment.target, attachment.target_id)
    return attachment


def may_download(user, attachment: Attachment) -> bool:
    """A voided file stays on disk: the joint office may still open it (audit), nobody else."""
    return attachment.voided_at is None or is_supervisor(user)


def attachments_of(user, obj) -> QuerySet[Attachment]:
    """The files of a target the caller already fetched through its access helper. A case's files
    include those of its replies and of the 督办 on it that `user` sees."""
    kind = targets.kind_of(obj)
    if kind != Target.CASE:
        return Attachment.objects.filter(**{TARGET_FIELDS[kind]: obj}).select_related(*_RELATED)
    condition = Q(case=obj) | Q(reply__case=obj) | Q(order__in=visible_orders(user).filter(case=obj).values("pk"))
    return Attachment.objects.filter(condition).select_related(*_RELATED)



def dossier_files(workday) -> QuerySet[Attachment]:
    """Every file of a Work Day's archive dossier (R12): the day's own and those of its cases, their
    replies and the 督办 on them, voided ones included (the dossier says so). The caller has checked
    that the user may see the day; open each with `attachments.services.storage().open(a.path)`."""
    condition = Q(workday=workday) | Q(case__workday=workday) | Q(reply__case__workday=workday) | Q(order__case__workday=workday)
    return Attachment.objects.filter(condition).select_related(*_RELATED).order_by("target", "uploaded_at", "id")
