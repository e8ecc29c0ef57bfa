"""What the home page lists as the user's to-do items. Each domain app contributes through one
function named here, so a reader finds every source of the list in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TodoItem:
    text: str
    url: str = ""
    level: str = "info"  # info | warning | danger


def todo_items(user) -> list[TodoItem]:
    from cases.reminders import home_todo as case_todo
    from workcal.selectors import home_todo as calendar_todo
    from workdays.selectors import home_todo as workday_todo

    items: list[TodoItem] = []
    for source in (workday_todo, case_todo, calendar_todo):
        items.extend(source(user))
    return items
