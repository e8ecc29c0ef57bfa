"""What the home page lists as the user's to-do items.

The accounts app is in the reference layer and imports nothing from the domain core. Each app that
has something for the home page registers its source here, in its AppConfig.ready():

    register_todo_source(home_todo, order=20)

`order` fixes where the source's items appear, whatever the order of INSTALLED_APPS:
Work Days (10), drafts awaiting sign-off (15), cases (20), the calendar (30)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class TodoItem:
    text: str
    url: str = ""
    level: str = "info"  # info | warning | danger


TodoSource = Callable[[object], list[TodoItem]]
_sources: dict[TodoSource, int] = {}


def register_todo_source(source: TodoSource, *, order: int) -> TodoSource:
    """Add a source of to-do items (once, however often registered)."""
    _sources[source] = order
    return source


def todo_items(user) -> list[TodoItem]:
    items: list[TodoItem] = []
    for source in sorted(_sources, key=_sources.__getitem__):
        items.extend(source(user))
    return items
