PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV := DEBUG=1

.PHONY: run test install install-test lint messages bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

# The sign-in tests start a real OpenID provider under node (tests/oidc_provider/).
$(VENV)/.installed-test: pyproject.toml tests/oidc_provider/package-lock.json | $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"
	if command -v npm >/dev/null; then cd tests/oidc_provider && npm ci --no-audit --no-fund --silent; fi
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Set up and run the app on SQLite with the agreement, demo data and demo logins, with the
## background worker and the survey's timetable beside it; both stop when the server does.
run: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py setup_demo
	$(DEV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	$(DEV) $(BIN)/python manage.py est_schedule --loop & schedule=$$!; \
	trap 'kill $$worker $$schedule 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## Install what the tests need and run the whole suite (DATABASE_URL picks the database), one
## pytest-xdist worker per core, each with a test database of its own. TEST_WORKERS=0: one process.
TEST_WORKERS ?= auto
test: install-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: install-test
	$(BIN)/ruff check .

## Regenerate the Swedish catalogues after changing interface text (needs GNU gettext).
APPS := accounts municipalities agreements measures indicators meetings surveys reports maintenance
messages: install
	$(DEV) $(CURDIR)/$(BIN)/django-admin makemessages -l sv --ignore=.venv --ignore=tests \
		$(foreach app,$(APPS),--ignore=$(app))
	for app in $(APPS); do (cd $$app && mkdir -p locale && \
		$(CURDIR)/$(BIN)/django-admin makemessages -l sv --ignore=tests); done
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv

## Benchmark and load test on the database DATABASE_URL names. It EMPTIES that database: use a
## throwaway one, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/samverkan_bench make bench
## Without wrk on PATH the load test is skipped (one line says how to get it). More options
## through BENCH_ARGS, e.g. make bench BENCH_ARGS="--json bench.json".
bench: install
	$(DEV) $(BIN)/python manage.py benchmark --load $(BENCH_ARGS)
