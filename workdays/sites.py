"""The sites of a Work Day (R2): its main place and its extension sites. A registration stores which
site received it: empty for the main place (so a later change of the main place's name follows),
the extension site's name as planned otherwise."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workdays.models import WorkDay

MAIN = ""  # what a registration stores for the day's main place


def sites_of(workday: WorkDay) -> list[str]:
    """The main place first, then the extension sites, each name once."""
    names = [workday.place]
    names += [site for site in workday.extension_sites or [] if site and site not in names]
    return names


def stored_site(workday: WorkDay, given: str | None) -> str:
    """What a registration stores for the site given: absent, empty or the main place's name → the
    main place; an extension site's name → that name; anything else is an error on `site`."""
    name = (given or "").strip()
    if not name or name == workday.place:
        return MAIN
    if name in (workday.extension_sites or []):
        return name
    raise ValidationError(
        {"site": [_("“%(site)s” is not a site of this Work Day. Choose one of: %(sites)s.") % {"site": name, "sites": "、".join(sites_of(workday))}]}
    )


def site_name(workday: WorkDay, stored: str) -> str:
    """The name of the site a registration stored (the main place's name for the main place)."""
    return stored or workday.place
