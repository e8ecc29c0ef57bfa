"""Petitioner and Registration move here from workdays with their tables (docs/adr/0009): the
database keeps workdays_petitioner, workdays_registration and workdays_registration_petitioners;
only Django's state moves. Their content types follow, so history entries keep their objects."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = ("petitioner", "registration")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="intake", model=model).exists():
            ContentType.objects.filter(app_label="workdays", model=model).update(app_label="intake")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="workdays", model=model).exists():
            ContentType.objects.filter(app_label="intake", model=model).update(app_label="workdays")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('units', '0002_alter_unit_is_key_frequencyrule'),
        ('workdays', '0004_voided_status'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Petitioner',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=50, verbose_name='full name')),
                        ('id_number', models.CharField(blank=True, db_index=True, max_length=18, verbose_name='ID number')),
                        ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone')),
                        ('address', models.CharField(blank=True, max_length=200, verbose_name='village / community')),
                    ],
                    options={
                        'verbose_name': 'petitioner',
                        'verbose_name_plural': 'petitioners',
                        'db_table': 'workdays_petitioner',
                    },
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('client_ref', models.UUIDField(blank=True, null=True, unique=True, verbose_name='client reference')),
                        ('people_count', models.PositiveIntegerField(default=1, verbose_name='number of people')),
                        ('kind', models.CharField(choices=[('request', 'Request'), ('opinion', 'Opinion'), ('suggestion', 'Suggestion')], max_length=20, verbose_name='kind')),
                        ('content', models.TextField(verbose_name='content')),
                        ('disposition', models.CharField(choices=[('on_the_spot', 'Answered on the spot'), ('time_limit', 'Committed time limit'), ('refer', 'Beyond authority: channel told, reported to the joint office')], max_length=20, verbose_name='disposition')),
                        ('answer', models.TextField(blank=True, verbose_name='answer given on the spot')),
                        ('channel', models.TextField(blank=True, verbose_name='channel the citizen was told')),
                        ('promised_days', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='promised resolution period (working days)')),
                        ('responsible_person', models.CharField(max_length=50, verbose_name='responsible person')),
                        ('registered_at', models.DateTimeField(verbose_name='registered at')),
                        ('late_entry', models.BooleanField(default=False, verbose_name='entered after the day (paper form)')),
                        ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='units.category', verbose_name='category')),
                        ('petitioners', models.ManyToManyField(related_name='registrations', to='intake.petitioner', verbose_name='petitioners')),
                        ('registered_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('responsible_user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible user')),
                        ('territory', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit', verbose_name='territory')),
                        ('workday', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='workdays.workday')),
                    ],
                    options={
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                        'db_table': 'workdays_registration',
                        'ordering': ['registered_at', 'id'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
