"""How a calendar change reaches the apps above the calendar.

The calendar is in the reference layer and imports nothing from the domain core. When the calendar
changes, open deadlines computed from it must move (docs/adr/0006-counting-days.md). So the core
registers a callback here, in its AppConfig.ready():

    from workcal.hooks import calendar_changed

    @calendar_changed.register
    def recompute_case_deadlines(changed_dates: set[date], actor) -> int:
        ...  # recompute every open deadline whose counting window touches changed_dates,
        ...  # write one history entry per moved deadline, return how many moved

`changed_dates` holds every date whose working-day status changed, and every date of a year whose
confirmation changed (its answers stop or start being provisional). A deadline computed as
"n working days after S" depends on the dates S+1 .. due date, so it must be recomputed when one of
those is in `changed_dates`.

The calendar services call `calendar_changed.send()` inside their transaction, after the change is
written and while `workcal.calendar` answers from the changed calendar: a callback that fails rolls
the calendar change back with it. The callbacks' counts are added up and shown to the user.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

Callback = Callable[[set[datetime.date], object], int]


class Hook:
    """A named list of callbacks, called in the order they were registered."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Callback] = []

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._callbacks)} callbacks>"

    def register(self, callback: Callback) -> Callback:
        """Add a callback (once, however often registered); usable as a decorator."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def unregister(self, callback: Callback) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    @property
    def callbacks(self) -> tuple[Callback, ...]:
        return tuple(self._callbacks)

    def send(self, changed_dates: set[datetime.date], actor) -> int:
        """Call every callback; the total number of deadlines they moved."""
        if not changed_dates:
            return 0
        return sum(int(callback(set(changed_dates), actor) or 0) for callback in self._callbacks)


calendar_changed = Hook("calendar_changed")
