from accounts.home import _sources, todo_items
from cases.reminders import home_todo as case_todo
from workcal.selectors import home_todo as calendar_todo
from workdays.selectors import home_todo as workday_todo


def test_each_app_registers_its_source_in_the_home_page_order():
    assert sorted(_sources, key=_sources.__getitem__) == [workday_todo, case_todo, calendar_todo]


def test_it_lists_nothing_for_a_user_with_nothing_due(db, django_user_model):
    user = django_user_model.objects.create_user("nobody", password="x")
    assert todo_items(user) == []
