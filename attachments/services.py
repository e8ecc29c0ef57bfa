"""Attaching a file and voiding it: the only writes of this app (docs/adr/0012). A file is checked
(size, then what its bytes are), streamed into the "attachments" storage while its SHA-256 is
computed, and recorded in the history of the attachment and of its target, in one transaction."""

from __future__ import annotations

import hashlib
import unicodedata
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import can_write_for_unit, is_supervisor
from attachments import content, targets
from attachments.models import TARGET_FIELDS, Attachment
from history.services import record, snapshot
from lifecycle import Table, Transition, TransitionError, states

NAME_LENGTH = 200
REASON_LENGTH = 2000


def storage():
    return storages["attachments"]


def max_bytes() -> int:
    return settings.ATTACHMENTS_MAX_BYTES


def _voider(user, attachment: Attachment) -> bool:
    """The uploader's unit (its clerks) and the joint office."""
    return is_supervisor(user) or (attachment.unit is not None and can_write_for_unit(user, attachment.unit))


TABLE = Table(
    [
        Transition(
            "void", states("active"), "voided", _voider, "voided",
            lambda attachment: gettext_lazy("This attachment was already voided."),
        ),
    ]
)


class _TooLarge(Exception):
    pass


class _Hashing(File):
    """The uploaded file as the storage reads it: each chunk on its way to the storage goes through
    the SHA-256 and the byte count, so the file is read once."""

    def __init__(self, file, limit: int):
        super().__init__(file)
        self.sha256, self.counted, self.limit = hashlib.sha256(), 0, limit

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        while chunk := self.file.read(chunk_size or self.DEFAULT_CHUNK_SIZE):
            self.counted += len(chunk)
            if self.counted > self.limit:
                raise _TooLarge
            self.sha256.update(chunk)
            yield chunk

    def __iter__(self):
        return self.chunks()


def clean_name(name: str) -> str:
    """The file's own name without any folder, control characters or leading dots, cut to fit."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".").strip()
    if len(name) > NAME_LENGTH:
        ext = content.extension(name)
        keep = NAME_LENGTH - len(ext) - 1 if ext and len(ext) < 20 else NAME_LENGTH
        name = name[:keep] + ("." + ext if keep < NAME_LENGTH else "")
    return name


def megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}" if n >= 1024 * 1024 else f"{n / (1024 * 1024):.2f}"


def _check_file(file) -> tuple[str, content.Kind]:
    """The cleaned name and the kind of an acceptable file; a ValidationError on `file` otherwise."""
    if file is None:
        raise ValidationError({"file": [_("Choose a file to attach.")]})
    name = clean_name(getattr(file, "name", ""))
    size = file.size
    if not size:
        raise ValidationError({"file": [_("The file is empty.")]})
    if size > max_bytes():
        raise ValidationError({"file": [
            _("The file is %(size)s MB; a file of at most %(max)s MB can be attached.")
            % {"size": megabytes(size), "max": megabytes(max_bytes())}
        ]})
    allowed = _("Only JPG or PNG pictures, PDF files, Word (.doc, .docx) and Excel (.xls, .xlsx) files can be attached.")
    ext = content.extension(name)
    if ext not in content.ALLOWED_EXTENSIONS:
        raise ValidationError({"file": [allowed]})
    kind = content.sniff(file, name)
    if kind is None:
        raise ValidationError({"file": [
            _("The content of this file is not a .%(ext)s file (renamed or damaged?). %(allowed)s") % {"ext": ext, "allowed": allowed}
        ]})
    return name, kind


@transaction.atomic
def attachment_add(*, actor, target, file) -> Attachment:
    """Attach `file` (an uploaded file) to `target` (a WorkDay, Case, Reply or SupervisionOrder the
    caller fetched through its access helper). 403 for who may not write there, 409 for a target
    that takes no files, a ValidationError on `file` for an empty, too large or refused file."""
    kind = targets.kind_of(target)
    if not targets.may_attach(actor, kind, target):
        raise PermissionDenied
    # The Work Day or case whose status decides is locked, so it is not archived or voided while
    # the file goes in.
    rule = targets.RULES[kind]
    owner = rule.owner(target)
    refusal = rule.refused(type(owner).objects.select_for_update(of=("self",)).get(pk=owner.pk))
    if refusal:
        raise TransitionError(refusal)
    name, found = _check_file(file)
    now = timezone.localtime()
    path = f"{kind}/{now:%Y}/{now:%m}/{uuid.uuid4().hex}.{found.extensions[0]}"
    hashing = _Hashing(file, max_bytes())
    try:
        path = storage().save(path, hashing)
    except _TooLarge:
        storage().delete(path)
        raise ValidationError({"file": [_("The file is larger than %(max)s MB.") % {"max": megabytes(max_bytes())}]}) from None
    if hashing.counted == 0:
        storage().delete(path)
        raise ValidationError({"file": [_("The file is empty.")]})
    # A double submit (or the same scan sent twice) adds nothing: the owner's row lock above makes
    # this check safe against two uploads at once.
    same = Attachment.objects.filter(
        target=kind, **{TARGET_FIELDS[kind]: target}, sha256=hashing.sha256.hexdigest(), voided_at__isnull=True
    ).first()
    if same is not None:
        storage().delete(path)
        raise ValidationError({"file": [
            _("This file is already attached here (%(name)s, %(at)s).")
            % {"name": same.name, "at": f"{timezone.localtime(same.uploaded_at):%Y-%m-%d %H:%M}"}
        ]})
    try:
        attachment = Attachment.objects.create(
            target=kind, **{TARGET_FIELDS[kind]: target}, name=name or f"{_('attachment')}.{found.extensions[0]}",
            size=hashing.counted, sha256=hashing.sha256.hexdigest(), content_type=found.content_type, path=path,
            unit=actor.unit if actor.unit_id else None, uploaded_at=now, uploaded_by=actor,
        )
        record(instance=attachment, actor=actor, action="attached", before={})
        record(instance=target, actor=actor, action="attachment_added", changes={}, note=attachment.name)
    except BaseException:
        storage().delete(path)  # no row points at it: the stored file goes too
        raise
    return attachment


@transaction.atomic
def attachment_void(*, attachment: Attachment, actor, reason: str) -> Attachment:
    """Void a file attached by mistake, with a reason. The file and its row stay (the joint office
    can still open it, for audit); the list shows it struck through with the reason."""
    attachment = Attachment.objects.select_for_update(of=("self",)).select_related("unit").get(pk=attachment.pk)
    step = TABLE.check(attachment, actor, "void")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for voiding this attachment.")]})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": [_("This text is too long.")]})
    before = snapshot(attachment)
    attachment.voided_at, attachment.voided_by, attachment.void_reason = timezone.now(), actor, reason
    attachment.save(update_fields=["voided_at", "voided_by", "void_reason"])
    record(instance=attachment, actor=actor, action=step.action, before=before)
    record(instance=attachment.target_object, actor=actor, action="attachment_voided", changes={}, note=f"{attachment.name}：{reason}")
    return attachment
