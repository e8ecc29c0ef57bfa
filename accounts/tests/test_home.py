from accounts.home import _sources, todo_items


def test_each_app_registers_its_source_in_the_home_page_order():
    # By module name: accounts is in the reference layer and imports no app above it, tests included.
    registered = sorted(_sources, key=_sources.__getitem__)
    assert [source.__module__ for source in registered] == ["workdays.selectors", "cases.reminders", "workcal.selectors"]


def test_it_lists_nothing_for_a_user_with_nothing_due(db, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    assert todo_items(user) == []
