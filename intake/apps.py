from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from history.labels import register, register_fields

        register(
            {"corrected": _("Corrected"), "details_corrected": _("Petitioner's details corrected"), "withdrawn": _("Withdrawn")}
        )
        register_fields(
            {
                "petitioner_name": _("Petitioner's name"),
                "petitioner_id_number": _("Petitioner's ID number"),
                "petitioner_phone": _("Petitioner's phone"),
                "petitioner_address": _("Petitioner's village / community"),
            }
        )
