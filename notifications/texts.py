"""The texts of the notifications, one per event, filled with the case number, the category, units
and dates, never with a citizen's name, ID number or phone. The core's notice modules
(cases/notices.py, supervision/notices.py) pick one and give its values."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ASSIGNED = _("Your unit has a new assignment #%(number)s: %(category)s, reply due %(due)s")
ASSISTING = _("Your unit is asked to assist on assignment #%(number)s: %(category)s, reply due %(due)s")
RETURNED = _("Case #%(number)s (%(category)s) was returned by %(unit)s and awaits a new assignment")
REPLIED = _("Case #%(number)s (%(category)s) was replied by %(unit)s")
REVISIT_NOT_REACHED = _("Revisit of case #%(number)s (%(category)s): the citizen was not reached")
REVISIT_UNSATISFIED = _("Revisit of case #%(number)s (%(category)s): the citizen is not satisfied")
REVISIT_CONTRADICTS = _("Revisit of case #%(number)s (%(category)s): the citizen contradicts the reported reply")
REHANDLE = _("Case #%(number)s (%(category)s) is to be handled again: %(reason)s. Reply due %(due)s")
BULLETIN = _("Your unit is named in the bulletin “%(title)s”")
ORDER_ISSUED = _("The joint office issued a supervision order on case #%(number)s (%(category)s): respond by %(respond_by)s")
ORDER_ANSWERED = _("%(unit)s responded to the supervision order on case #%(number)s (%(category)s)")
SIGNOFF_REQUESTED = _("%(kind)s for %(subject)s awaits your sign-off")
SIGNOFF_APPROVED = _("%(kind)s for %(subject)s was approved and released")
SIGNOFF_SENT_BACK = _("%(kind)s for %(subject)s was sent back: %(reason)s")
