"""Words shown to citizens. The internal labels speak to clerks ("awaiting assignment by the joint
office"); a citizen reading the public results needs plainer ones. The "public" context keeps them
apart from other apps' translations of the same English text."""

from django.utils.translation import pgettext_lazy

from cases.models import CaseStatus
from intake.models import Disposition, Kind

PUBLIC_CASE_STATUS = {
    CaseStatus.ANSWERED: pgettext_lazy("public", "Answered on the spot"),
    CaseStatus.HANDLING: pgettext_lazy("public", "Being handled"),
    CaseStatus.AWAITING_ASSIGNMENT: pgettext_lazy("public", "Reported to the joint office"),
    CaseStatus.ASSIGNED: pgettext_lazy("public", "Being handled by the responsible unit"),
    CaseStatus.REPLIED: pgettext_lazy("public", "Replied"),
    CaseStatus.CLOSED: pgettext_lazy("public", "Concluded"),
    CaseStatus.VOIDED: pgettext_lazy("public", "Withdrawn"),
}

PUBLIC_DISPOSITION = {
    Disposition.ON_THE_SPOT: pgettext_lazy("public", "Answered on the spot"),
    Disposition.TIME_LIMIT: pgettext_lazy("public", "Committed time limit"),
    Disposition.REFER: pgettext_lazy("public", "Channel indicated"),
}

PUBLIC_KIND = {
    Kind.REQUEST: pgettext_lazy("public", "Request"),
    Kind.OPINION: pgettext_lazy("public", "Opinion"),
    Kind.SUGGESTION: pgettext_lazy("public", "Suggestion"),
}
