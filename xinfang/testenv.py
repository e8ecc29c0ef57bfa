"""Loaded by pytest before Django starts (`-p xinfang.testenv` in pyproject.toml): tests run with the
development defaults, so a bare `pytest` works as well as `make test`."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xinfang.settings")
