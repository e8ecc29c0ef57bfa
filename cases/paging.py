"""Pages of a list ordered newest first (descending id) that cost the same at any depth.

A page is read in two steps: the ids of the page, from the filtered and visible set in the list's
order (an index-only scan: `cases.selectors.ledger_ids`), then the rows of those ids alone. A page
is asked for by number (`?page=N`, an OFFSET over ids only) or by a cursor (`?after=<id>`: the rows
older than that id; `?before=<id>`: the rows newer than it), which needs no OFFSET at all; the
page's next and previous links are cursors.

The total is exact up to `settings.LEDGER_COUNT_EXACT_UP_TO`; beyond it a page shows an estimate
labelled 约 (PostgreSQL: the planner's row estimate of the ids query; other databases: their exact
count, still labelled as an estimate). The API's `total` stays exact (`exact=True`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.utils.functional import cached_property


def parse_id(value) -> int | None:
    """A cursor from the query string; anything that is not a positive id is no cursor."""
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def _planner_rows(ids: QuerySet) -> int:
    """PostgreSQL's estimate of how many rows `ids` returns (no row is read)."""
    sql, params = ids.order_by().query.sql_with_params()
    with connections[ids.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class Counter:
    """How many ids there are: exact up to the threshold, estimated beyond it unless `exact`."""

    def __init__(self, ids: QuerySet, per_page: int, *, exact: bool = False) -> None:
        self.ids = ids
        self.per_page = per_page
        self.exact = exact
        self.estimated = False

    @cached_property
    def count(self) -> int:
        if self.exact:
            return self.ids.order_by().count()
        threshold = settings.LEDGER_COUNT_EXACT_UP_TO
        # Counting stops after threshold + 1 ids: bounded whatever the size of the table.
        capped = self.ids.order_by()[: threshold + 1].count()
        if capped <= threshold:
            return capped
        self.estimated = True
        if connections[self.ids.db].vendor == "postgresql":
            return max(_planner_rows(self.ids), threshold + 1)
        return self.ids.order_by().count()

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))


@dataclass
class IdPage(Sequence):
    """One page of rows; `number` is None for a page reached by a cursor."""

    object_list: list
    paginator: Counter
    number: int | None
    has_next: bool
    has_previous: bool
    next_after: int | None
    previous_before: int | None

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def previous_page_number(self) -> int | None:
        return self.number - 1 if self.number and self.number > 1 else None


def id_page(
    ids: QuerySet,
    fetch: Callable[[list[int]], list],
    per_page: int,
    *,
    page=None,
    after=None,
    before=None,
    exact_count: bool = False,
) -> IdPage:
    """The page asked for (a cursor wins over a number; a page number that is not one is page 1):
    the ids first, one id more than the page to know whether a next page exists, then `fetch` of
    those ids, which must return their rows newest first."""
    counter = Counter(ids, per_page, exact=exact_count)
    after, before = parse_id(after), parse_id(before)
    number = None
    if after is not None:
        window = list(ids.filter(pk__lt=after)[: per_page + 1])
        has_next, has_previous = len(window) > per_page, True
        window = window[:per_page]
    elif before is not None:
        window = list(ids.filter(pk__gt=before).order_by("pk")[: per_page + 1])
        has_previous, has_next = len(window) > per_page, True
        window = window[:per_page][::-1]
    else:
        number = parse_id(page) or 1
        window = list(ids[(number - 1) * per_page : number * per_page + 1])
        if not window and number > 1:  # past the end: the last page, as Django's get_page does
            number = counter.num_pages
            window = list(ids[(number - 1) * per_page : number * per_page + 1])
        has_next, has_previous = len(window) > per_page, number > 1
        window = window[:per_page]
    rows = fetch(window) if window else []
    return IdPage(
        object_list=rows,
        paginator=counter,
        number=number,
        has_next=has_next and bool(window),
        has_previous=has_previous and (number is not None or bool(window)),
        next_after=window[-1] if window else None,
        previous_before=window[0] if window else None,
    )
