"""Petitioner and Registration moved to intake with their tables (intake 0001): only the state is
removed here; nothing in the database changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workdays', '0004_voided_status'),
        ('intake', '0001_initial'),
        ('cases', '0006_registration_in_intake'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='Registration'),
                migrations.DeleteModel(name='Petitioner'),
            ],
            database_operations=[],
        ),
    ]
