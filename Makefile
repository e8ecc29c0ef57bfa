# The two commands a new colleague needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= 1
PORT ?= 8000

.PHONY: install run test lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py scan_deadlines
	$(BIN)/python manage.py propose_orders
	@# Jobs a killed worker left running are queued again: the worker below is the only one, so none is alive.
	$(BIN)/python manage.py requeue_stale_jobs --minutes 0
	@echo "Serving on http://127.0.0.1:$(PORT), with the background worker beside it (Ctrl+C stops both)"
	@# The worker (django-tasks' db_worker) runs the jobs queued in the database, e.g. large Excel exports.
	@# A background job of a non-interactive shell ignores Ctrl+C, so the trap stops it with the server.
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

messages: install
	cd $(CURDIR) && $(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var/*.sqlite3*
