from django.apps import AppConfig


class BackupConfig(AppConfig):
    """`manage.py backup` and `manage.py restore` (docs/backup.md); no models."""

    name = "backup"
