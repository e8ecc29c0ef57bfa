from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from history.labels import register, register_fields
        from history.services import register_mask
        from intake.masking import mask_id_number, mask_phone

        # The history keeps ID numbers and phones masked as every page shows them.
        register_mask("id_number", mask_id_number)
        register_mask("phone", mask_phone)

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
