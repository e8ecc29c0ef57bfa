"""The log of full views of personal data moves from cases to intake, keyed by the registration
(the case's registration); every logged view is copied."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_views(apps, schema_editor):
    Old = apps.get_model("cases", "PersonalDataView")
    New = apps.get_model("intake", "PersonalDataView")
    New.objects.bulk_create(
        New(registration_id=v.case.registration_id, viewed_by_id=v.viewed_by_id, viewed_at=v.viewed_at, fields=v.fields)
        for v in Old.objects.select_related("case").order_by("id")
    )


def copy_views_back(apps, schema_editor):
    Old = apps.get_model("cases", "PersonalDataView")
    New = apps.get_model("intake", "PersonalDataView")
    Case = apps.get_model("cases", "Case")
    case_of = dict(Case.objects.values_list("registration_id", "id"))
    Old.objects.bulk_create(
        Old(case_id=case_of[v.registration_id], viewed_by_id=v.viewed_by_id, viewed_at=v.viewed_at, fields=v.fields)
        for v in New.objects.order_by("id")
    )


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0001_initial'),
        ('cases', '0005_field_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonalDataView',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('viewed_at', models.DateTimeField()),
                ('fields', models.CharField(max_length=100)),
                ('viewed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('registration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='intake.registration')),
            ],
            options={
                'verbose_name': 'personal data view',
                'verbose_name_plural': 'personal data views',
            },
        ),
        migrations.RunPython(copy_views, copy_views_back),
    ]
