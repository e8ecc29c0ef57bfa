from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case ledger")

    def ready(self) -> None:
        from cases.labels import ACTIONS
        from history.labels import register

        register(ACTIONS)

        from cases.services import recompute_deadlines
        from workcal.hooks import calendar_changed

        calendar_changed.register(recompute_deadlines)

        from accounts.home import register_todo_source
        from cases.reminders import home_todo

        register_todo_source(home_todo, order=20)

        from cases.approvals import home_todo as signoff_todo

        register_todo_source(signoff_todo, order=15)
