"""三员分立: accounts of the duty roles made superusers by the earlier create_user lose that; they keep
the Django admin's permissions of their duty (accounts.duties.ADMIN_MODELS)."""

from django.db import migrations
from django.db.models import Q

DUTIES = {
    "admin": [("accounts", "user"), ("units", None)],
    "security_admin": [("accounts", "apitoken"), ("axes", None)],
    "auditor": [],
}


def demote(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Permission = apps.get_model("auth", "Permission")
    for user in User.objects.filter(role__in=list(DUTIES), is_superuser=True):
        condition = Q(pk__in=[])
        for app_label, model in DUTIES[user.role]:
            part = Q(content_type__app_label=app_label)
            if model:
                part &= Q(content_type__model=model)
            condition |= part
        user.is_superuser = False
        user.is_staff = user.role != "auditor"
        user.save(update_fields=["is_superuser", "is_staff"])
        user.user_permissions.set(Permission.objects.filter(condition))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_security_admin_and_auditor_roles"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(demote, migrations.RunPython.noop)]
