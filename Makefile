# Set-up and everyday commands. `make run` serves the demo; `make test` runs the whole suite.

PYTHON ?= python3
PY := .venv/bin/python
STAMP := .venv/.installed
PG_HOST ?= 127.0.0.1
PG_PORT ?= 5432
PG_WAIT ?= 30
REDIS_HOST ?= 127.0.0.1
REDIS_PORT ?= 6379
REDIS_WAIT ?= 10
# `make run PORT=8000` serves elsewhere; mails then link to that port.
PORT ?= 5000
# `make run` is for development: /dev/outbox shows the mails when CONSORTIA_SMTP_URL is unset.
CONSORTIA_DEV ?= 1

.PHONY: .venv run test postgres redis chromium lint bench messages clean distclean fuzz audit-deps

# The venv is reinstalled whenever pyproject.toml changes; the stamp records the last install.
.venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv .venv
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Loads the demo only into an empty store, so restarts keep what was done in the app.
run: .venv
	.venv/bin/consortia demo --if-empty
	exec env CONSORTIA_DEV=$(CONSORTIA_DEV) .venv/bin/consortia serve --host 127.0.0.1 --port $(PORT)

# Two workers: the machine has two cores, and the suite runs every store-backed test twice.
# worksteal: a worker that runs out takes the other's queued tests, so none ends alone.
test: .venv postgres redis chromium lint
	$(PY) -m pytest -n 2 --dist worksteal --durations=20

# The property and fuzz tests with many more examples and a fresh seed each run, the forms
# on PostgreSQL too (`make test` runs them with the fixed-seed `ci` profile, on SQLite).
fuzz: .venv postgres
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -n 2 -p no:cacheprovider tests/unit/properties \
	  tests/web/fuzz tests/web/test_api_schema.py

# The dependency audit: every package installed in .venv (pins, not ranges) against the
# advisories pip-audit reads from PyPI and OSV. It needs the internet, so no test runs it;
# --strict fails on any package it could not check, so offline it fails instead of passing.
AUDIT_VENV := var/audit-venv
# `make audit-deps PIP_AUDIT_ARGS="-s osv"` asks OSV instead of PyPI.
PIP_AUDIT_ARGS ?=
audit-deps: .venv
	mkdir -p var
	test -x $(AUDIT_VENV)/bin/pip-audit || { $(PYTHON) -m venv $(AUDIT_VENV) && \
	  $(AUDIT_VENV)/bin/pip install --quiet pip-audit; }
	$(PY) -m pip freeze --exclude-editable > var/audited-requirements.txt
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
	  $(PIP_AUDIT_ARGS) -r var/audited-requirements.txt || { echo "audit-deps FAILED: \
	a vulnerability is listed above, or the advisory database could not be reached \
	(PyPI's, or OSV's with -s osv): run it where the internet is reachable." >&2; \
	exit 1; }

# Starts the local PostgreSQL cluster if it is not answering, and waits until it does.
postgres:
	@if ! pg_isready -q -h $(PG_HOST) -p $(PG_PORT); then \
	  if ! command -v pg_ctlcluster >/dev/null || [ ! -d /etc/postgresql ]; then \
	    echo "PostgreSQL is not running on $(PG_HOST):$(PG_PORT) and pg_ctlcluster is missing:" \
	      "install PostgreSQL (apt-get install postgresql) or start it yourself" >&2; \
	    exit 1; \
	  fi; \
	  version=$$(ls /etc/postgresql | sort -V | tail -n 1); \
	  echo "Starting PostgreSQL $$version"; \
	  pg_ctlcluster --skip-systemctl-redirect $$version main start || true; \
	  for i in $$(seq $(PG_WAIT)); do \
	    pg_isready -q -h $(PG_HOST) -p $(PG_PORT) && break; \
	    sleep 1; \
	  done; \
	  pg_isready -h $(PG_HOST) -p $(PG_PORT) || \
	    { echo "PostgreSQL did not become ready in $(PG_WAIT)s" >&2; exit 1; }; \
	fi

# Finds Redis answering, or starts it: Debian's service, else a redis-server of our own
# (no snapshots, no append-only file: it only holds rate-limit counts), and waits for it.
redis:
	@if ! redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1; then \
	  if command -v service >/dev/null && [ -x /etc/init.d/redis-server ]; then \
	    echo "Starting Redis (service redis-server start)"; \
	    service redis-server start >/dev/null 2>&1 || true; \
	  fi; \
	  if ! redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1 \
	      && command -v redis-server >/dev/null; then \
	    echo "Starting redis-server on $(REDIS_HOST):$(REDIS_PORT)"; \
	    redis-server --bind $(REDIS_HOST) --port $(REDIS_PORT) --daemonize yes \
	      --save '' --appendonly no >/dev/null || true; \
	  fi; \
	  for i in $$(seq $(REDIS_WAIT)); do \
	    redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1 && break; \
	    sleep 1; \
	  done; \
	  redis-cli -h $(REDIS_HOST) -p $(REDIS_PORT) ping >/dev/null 2>&1 || \
	    { echo "Redis is not answering on $(REDIS_HOST):$(REDIS_PORT) and could not be" \
	      "started: install it (apt-get install redis-server) or start it yourself" >&2; \
	      exit 1; }; \
	fi

# Browser tests drive Debian's Chromium, never a downloaded one; install it when missing.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get install -y -q chromium >/dev/null || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests skip" \
	      "without it, and fail under CI=true)" >&2; \
	  fi; \
	fi

lint: .venv
	.venv/bin/ruff check domain marketplace web consortia tests bench fakestripe
	.venv/bin/mypy

# Every benchmark of the issues in one run; writes bench/report.md (bench/all.py --cold: no cache).
bench: .venv postgres
	$(PY) bench/all.py

# Refreshes the message catalogs from the code; translate the new entries, then run again
# to compile them. tests/web/test_translations.py fails while any entry is missing.
# --ignore-dirs: Babel skips folders starting with "_" by default, i.e. the _partials/ templates.
messages: .venv
	.venv/bin/pybabel extract -F babel.cfg -k lazy_gettext -k _l --no-location \
	  --ignore-dirs '.* __pycache__' --sort-output -o web/translations/messages.pot .
	for lang in es fr de; do \
	  if [ -f web/translations/$$lang/LC_MESSAGES/messages.po ]; then \
	    .venv/bin/pybabel update --no-fuzzy-matching -i web/translations/messages.pot \
	      -d web/translations -l $$lang; \
	  else \
	    .venv/bin/pybabel init -i web/translations/messages.pot -d web/translations -l $$lang; \
	  fi; \
	done
	.venv/bin/pybabel compile --statistics -d web/translations

clean:
	rm -rf var/ .pytest_cache/ .ruff_cache/ .mypy_cache/
	find . -path ./.venv -prune -o -type d -name __pycache__ -exec rm -rf {} +

distclean: clean
	rm -rf .venv/
