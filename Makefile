# Cercle — everyday commands. `make run` serves the demo site, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# tests/services finds or starts the database, search and cache servers of a test run.
PYTEST := $(BIN)/python -m pytest -p tests.services
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
BENCH_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install messages makemessages migrate demo run check contracts typecheck test test-sqlite lint format lock audit bench clean

help:
	@echo "make run          the demo site on http://127.0.0.1:$(PORT) (SQLite)"
	@echo "make check        lint, import contracts, types, Django's checks, migrations, deploy checks"
	@echo "make contracts    which way imports may point (import-linter: .importlinter*)"
	@echo "make typecheck    mypy on config/ and the services and policies (pyproject.toml)"
	@echo "make test         the test suite on PostgreSQL (TEST_DATABASE_URL, the local server or its own)"
	@echo "make test-sqlite  the test suite on SQLite"
	@echo "make bench        the benchmarks at 450,000 graduates (long; PostgreSQL needed)"
	@echo "make lint         ruff check and format check"
	@echo "make format       ruff format and import sorting"
	@echo "make makemessages update the French and English catalogues"
	@echo "make lock         re-pin requirements/*.txt from pyproject.toml"
	@echo "make audit        the pinned requirements against known vulnerabilities (pip-audit)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	mkdir -p var
	touch $@

install: $(VENV)/.installed

messages: install
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install gettext (apt-get install gettext)"; exit 1; }
	$(MANAGE) compilemessages --ignore=.venv --verbosity=0

makemessages: install
	$(MANAGE) makemessages --locale=fr --locale=en --ignore=.venv --ignore=var --ignore=static --no-obsolete

migrate: install
	$(MANAGE) migrate --verbosity=1

demo: migrate
	$(MANAGE) load_demo --if-empty

run: export SITE_URL = http://127.0.0.1:$(PORT)
run: messages demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

check: lint contracts typecheck
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=cercle.example.org \
	DATABASE_URL=postgres://cercle@127.0.0.1:5432/cercle \
	REDIS_URL=redis://127.0.0.1:6379/0 \
		$(MANAGE) check --deploy --fail-level WARNING --settings=config.settings.production

# The tests run on PYTEST_WORKERS xdist workers (0: in one process); the tests marked
# xdist_group("serial") (the 200-connection races, the degradation tests' own
# OpenSearch node) run on one worker, one at a time.
XDIST := $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadgroup)
# The browser tests (tests/browser: Chromium against a live server holding the demo)
# run in a process of their own, one at a time, after the rest.
test: messages
	$(PYTEST) $(XDIST) --ignore=tests/browser $(PYTEST_ARGS)
	$(PYTEST) tests/browser $(PYTEST_ARGS)

test-sqlite: messages
	TEST_DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PYTEST) $(XDIST) --ignore=tests/browser $(PYTEST_ARGS)
	TEST_DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 $(PYTEST) tests/browser $(PYTEST_ARGS)

# The import contracts, on two graphs: the project's packages, and the same with Django.
contracts: install
	$(BIN)/lint-imports --no-cache

# mypy (settings in pyproject.toml) on config/, the mail helper and the modules that
# decide and write: every app's services and policies, as modules or packages.
TYPED := config home/mail.py members/archives $(wildcard members/privacy.py events/registration.py) \
	$(filter-out tests/%,$(wildcard */services.py */services */policies.py */policies))
typecheck: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy $(TYPED)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix --select I .
	$(BIN)/ruff format .

# pip-audit requires pip; the lock leaves out the installer that reads it.
lock: install
	$(BIN)/uv pip compile pyproject.toml -o requirements/base.txt --python-version 3.11 --quiet
	$(BIN)/uv pip compile pyproject.toml --group dev -o requirements/dev.txt --python-version 3.11 --quiet \
		--no-emit-package pip

audit: install
	$(BIN)/python .ci/audit.py

bench: messages
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var static
