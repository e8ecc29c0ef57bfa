"""A joint-office day's report is received by the joint office itself (it does not report to itself):
reports submitted before that rule are marked received at their submission, so none waits at the
intake for ever."""

from django.db import migrations
from django.db.models import F


def receive_own_reports(apps, schema_editor):
    Report = apps.get_model("workdays", "Report")
    Report.objects.filter(workday__host_unit__kind="joint_office", forwarded_at__isnull=True).update(
        forwarded_at=F("submitted_at"), forwarded_by=F("submitted_by")
    )


class Migration(migrations.Migration):
    dependencies = [("workdays", "0006_issue11_plan_changes_invitations_activities")]

    operations = [migrations.RunPython(receive_own_reports, migrations.RunPython.noop)]
