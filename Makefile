# Prongsai — the two front-door commands are `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON_VERSION := $(shell cat .python-version)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo demo-reset serve worker test lint typecheck messages clean

# Create the virtualenv with the Python named in .python-version (through pyenv when present).
$(STAMP): pyproject.toml .python-version
	@bin/make-venv $(VENV) $(PYTHON_VERSION)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## Set everything up on the embedded SQLite database, load the demo and serve it on http://$(HOST):$(PORT)/
demo: $(STAMP)
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo
	@bin/serve-demo $(HOST) $(PORT)

## Delete the embedded database, uploaded files, private attachments and evidence, so the next `make demo` starts afresh.
demo-reset:
	rm -f var/prongsai.sqlite3 var/prongsai.sqlite3-wal var/prongsai.sqlite3-shm var/demo-credentials.txt
	rm -rf var/media var/private

## Lint (ruff), format check, type checks (mypy), import contracts, then every test.
test: $(STAMP) lint typecheck
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(STAMP)
	$(VENV)/bin/mypy .

## Refresh the Thai/English message catalogues and compile them (needs GNU gettext).
messages: $(STAMP)
	cd prongsai && ../$(PY) ../manage.py makemessages --locale th --locale en --no-obsolete --ignore 'thaidate/*'
	cd prongsai && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
