from accounts.home import _sources, todo_items


def test_each_app_registers_its_source_in_the_home_page_order():
    # By module name: accounts is in the reference layer and imports no app above it, tests included.
    registered = sorted(_sources, key=_sources.__getitem__)
    assert [source.__module__ for source in registered] == ["workdays.selectors", "cases.approvals", "cases.reminders", "workcal.selectors"]


def test_it_lists_nothing_for_a_clerk_with_nothing_due(make_user):
    assert todo_items(make_user("clerk", "土桥镇")) == []


def test_it_lists_the_report_due_for_a_day_held_today(make_user, workday_factory):
    clerk = make_user("clerk")
    day = workday_factory(actor=clerk, held=True)
    assert day.status == "held"
    [item] = todo_items(clerk)
    assert "巴川街道" in item.text and item.url.endswith(f"/{day.pk}/#report")
