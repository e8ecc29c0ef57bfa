"""How every stateful object changes: a transition table per object, and the errors a refused
write raises. Pages, the API and the services all ask the same table (docs/adr/0008).

A `Transition` names who may take it (403 otherwise), the statuses it starts from and the guard
that must hold (409 otherwise), the status it leads to and the history action it records. A
service does: lock, `TABLE.check(obj, actor, name)`, change, record. A page renders its buttons
from `TABLE.available(obj, user)`; the API answers a refusal with the same status code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


class TransitionError(Exception):
    """The object is not in a state that allows this action (page and API: 409). `extra` goes into
    the API's answer beside the message (e.g. `duplicate_of`)."""

    def __init__(self, message: str, **extra):
        super().__init__(message)
        self.message, self.extra = message, extra


class StaleVersion(TransitionError):
    """The caller saw an older version of the object than the one stored (409)."""


Who = Callable[[object, object], bool]  # (user, obj) -> may this user take the transition?
Guard = Callable[[object], "str | None"]  # obj -> None when allowed, else the refusal message


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str | None  # None: the status stays
    who: Who
    action: str  # the history action recorded
    refusal: Callable[[object], str]  # the message when the object's status is not a source
    guard: Guard | None = None  # with the sources, the whole test: a page never offers what the service refuses
    input: type | None = None  # the write's input contract (a django-ninja Schema), None: no input

    @property
    def slug(self) -> str:
        """The step in a URL: assist_opinion → assist-opinion."""
        return self.name.replace("_", "-")

    def refused_by_state(self, obj) -> str | None:
        """Why the object's status or the guard refuses this step now, or None."""
        if obj.status not in self.sources:
            return str(self.refusal(obj))
        message = self.guard(obj) if self.guard is not None else None
        return str(message) if message else None


class Table:
    """The transitions of one kind of object, in the order a page shows them."""

    def __init__(self, transitions: Iterable[Transition]):
        self.transitions = {t.name: t for t in transitions}

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def __iter__(self):
        return iter(self.transitions.values())

    def check(self, obj, user, name: str) -> Transition:
        """The transition, if `user` may take it on `obj` now. PermissionDenied (403) for a user it
        is not for; TransitionError (409) when the object's state or the guard refuses."""
        transition = self.transitions[name]
        if not transition.who(user, obj):
            raise PermissionDenied
        message = transition.refused_by_state(obj)
        if message:
            raise TransitionError(message)
        return transition

    def available(self, obj, user) -> list[Transition]:
        """What `user` may do with `obj` now: what the page offers and the API would accept."""
        return [t for t in self if t.who(user, obj) and t.refused_by_state(obj) is None]


def states(*values) -> frozenset[str]:
    return frozenset(str(v) for v in values)
