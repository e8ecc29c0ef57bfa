from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkcalConfig(AppConfig):
    name = "workcal"
    verbose_name = _("Working-day calendar")

    def ready(self) -> None:
        from accounts.home import register_todo_source
        from history.labels import register, register_date_values
        from workcal.selectors import home_todo

        register_todo_source(home_todo, order=30)

        register(
            {
                "seeded": _("Seeded from the chinesecalendar package"),
                "notice_imported": _("State Council notice imported"),
                "day_changed": _("Day changed"),
                "confirmed": _("Year confirmed"),
            }
        )
        # A changed date of the calendar is recorded as "work" or "off" (workcal/services.py).
        register_date_values({"work": _("working day"), "off": _("day off")})
