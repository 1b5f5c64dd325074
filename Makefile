# factdb — the verbs a newcomer can guess. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed
# The compiled Spanish catalogue: built from its .po by `make install` (not committed).
MO := locale/es/LC_MESSAGES/django.mo
# make is the developer's entry point: its verbs run in development settings (a local key, any
# host, demo accounts) unless DEBUG is set. Without it factdb starts in production settings.
export DEBUG ?= 1

.DEFAULT_GOAL := help
.PHONY: help install run worker migrate seed users test test-postgres lint format check bench messages \
        messages-check \
        bench-data bench-extraction bench-intake bench-factsheet backup restore fuzz clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("factdb needs Python 3.11+") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) $(MO) ## Create the virtualenv, install pinned dependencies, compile translations

$(MO): locale/es/LC_MESSAGES/django.po $(STAMP)
	$(PY) manage.py compilemessages --locale es --ignore=$(VENV)

messages: $(STAMP) ## Refresh locale/es/LC_MESSAGES/django.po from the code (after a merge, too)
	$(PY) manage.py check_translations --update

messages-check: $(STAMP) ## Fail if a string is untranslated: makemessages would add or leave one
	$(PY) manage.py check_translations

migrate: $(STAMP) $(MO) ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Load the seed fixtures (idempotent: natural keys; first history for new rows)
	$(PY) manage.py seed

users: migrate ## Create the demo editor and journalist accounts and print their passwords
	$(PY) manage.py create_demo_users --address $(HOST):$(PORT)

run: migrate ## Set everything up on SQLite (or DATABASE_URL), serve on $(HOST):$(PORT) with a task worker
	$(PY) manage.py seed --if-empty
	$(PY) manage.py create_demo_users --address $(HOST):$(PORT)
	@# One shell: the worker runs beside the server and stops with it (Ctrl+C reaches both).
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver $(HOST):$(PORT)

worker: migrate ## Run one background task worker (imports, extraction); start as many as you need
	$(PY) manage.py db_worker

test: $(STAMP) $(MO) ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(PY) -m pytest

lint: $(STAMP) ## ruff, format check, layering contracts, migrations check, no untranslated string
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check_translations

format: $(STAMP) ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-extraction: $(STAMP) ## Extraction on NewsQuant + Spanish dev halves vs quantulum3; claimants, periods
	$(PY) bench/extraction.py

bench-intake: $(STAMP) ## Seconds to import a news page, a 20-page PDF and a 100-item feed (loopback server)
	$(PY) bench/intake.py

bench-factsheet: $(STAMP) ## Render a 3,000-claim fact sheet to HTML and PDF (throwaway SQLite) and time it
	$(PY) bench/factsheet.py

bench: $(STAMP) ## Load-test API, admin and exports at 10k/100k/1M claims vs raw baselines -> bench/RESULTS.md
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

bench-data: $(STAMP) ## Make database factdb_bench_<N> with N generated claims: make bench-data N=100000
	$(PY) bench/run.py data $(or $(N),10000)

backup: $(STAMP) ## Back up the database to backups/ (pg_dump -Fc on PostgreSQL, a file copy on SQLite)
	$(PY) manage.py backup

restore: $(STAMP) ## Restore a backup: make restore FILE=backups/factdb-….dump
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/…"; exit 2; }
	$(PY) manage.py restore "$(FILE)" --yes

fuzz: $(STAMP) ## Fuzz the whole API from its OpenAPI schema (schemathesis, live server, editor + journalist)
	$(PY) -m pip install --quiet -e '.[dev,fuzz]'
	scripts/fuzz.sh

clean: ## Remove the virtualenv and the local SQLite database
	rm -rf $(VENV) db.sqlite3
