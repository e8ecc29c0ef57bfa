from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkdaysConfig(AppConfig):
    name = "workdays"
    verbose_name = _("Masses Work Days")

    def ready(self) -> None:
        from history.labels import register, register_fields
        from workdays.labels import ACTIONS, FIELDS

        register(ACTIONS)
        register_fields(FIELDS)

        from accounts.home import register_todo_source
        from workdays.selectors import home_todo

        register_todo_source(home_todo, order=10)
