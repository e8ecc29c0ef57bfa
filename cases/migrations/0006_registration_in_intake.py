"""The case's registration is now intake.Registration (same table); the log of full views of
personal data lives in intake (copied by intake 0002)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_field_labels'),
        ('intake', '0002_personaldataview'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='case',
                    name='registration',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='case', to='intake.registration', verbose_name='registration'),
                ),
            ],
            database_operations=[],
        ),
        migrations.DeleteModel(name='PersonalDataView'),
    ]
