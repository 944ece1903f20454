# e-Müraciət — `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The local PostgreSQL the PostgreSQL-marked tests use when DATABASE_URL isn't PostgreSQL.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/emuraciet
HOST ?= 127.0.0.1:8000

.PHONY: install run test unit-tests slow-tests postgres-tests lint format bench loadtest browsers \
	node-modules messages lock clean

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Migrate, seed the demo site, then run the web server and a q2 cluster; Ctrl-C stops both.
# HOST moves all of it: links, the registry catalogue (the mocks this site serves), emails.
run: export SITE_URL = http://$(HOST)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Serving http://$(HOST)/ (admin: http://$(HOST)/admin/) — Ctrl-C stops the server and the worker"
	$(PY) manage.py rundev $(HOST)

test: install browsers node-modules lint unit-tests slow-tests postgres-tests

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	DATABASE_URL= $(PY) manage.py makemigrations --check --dry-run

unit-tests: install
	$(PY) -m pytest

# A real q2 cluster, Playwright in chromium, the API fuzzer and the small load runs with faults
# (a private PostgreSQL cluster of their own): slower, so apart from the unit tests.
SLOW_TESTS ?= worker or browser or api_fuzz or load
slow-tests: install
	$(PY) -m pytest -m "$(SLOW_TESTS)"

# On SQLite the PostgreSQL-marked tests were skipped above: run them on a local server if any.
postgres-tests: install
	@case "$$DATABASE_URL" in postgres*) exit 0;; esac; \
	if $(PY) -c "import psycopg, sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3)" 2>/dev/null; then \
		echo "PostgreSQL tests on $(PG_TEST_URL)"; \
		DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest -m "postgres and not benchmark"; \
	elif [ -n "$$CI" ]; then \
		echo "*** PostgreSQL is not reachable at $(PG_TEST_URL): in CI the PostgreSQL tests must run."; \
		exit 1; \
	else \
		echo "*** PostgreSQL is not reachable at $(PG_TEST_URL): the PostgreSQL tests were SKIPPED."; \
		echo "*** Set DATABASE_URL or PG_TEST_URL to run them."; \
	fi

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: install
	$(PY) -m pytest -m benchmark -s tests/benchmarks

# The load run (docs/benchmarks.md, "Load run"): N declarations end to end on 127.0.0.1, with its
# own PostgreSQL cluster; ARGS passes more options (`manage.py loadtest --help`).
N ?= 600
loadtest: install
	$(PY) manage.py loadtest --count $(N) $(ARGS)

# Debian's chromium for the browser tests (Playwright's own browser download can't be used).
browsers:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	elif [ -n "$$CI" ]; then echo "*** chromium is missing and can't be installed: CI needs it."; exit 1; \
	else echo "*** chromium is missing (apt-get install chromium): browser tests will be skipped."; fi

# axe-core for the browser tests' accessibility checks, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	elif [ -n "$$CI" ]; then echo "*** npm is missing: CI needs axe-core for the browser tests."; exit 1; \
	else echo "*** npm is missing: the accessibility checks will be skipped."; fi

node-modules: node_modules/.installed

messages: install
	$(PY) manage.py makemessages -l az -l ru --ignore=.venv --ignore=var --ignore=tests --ignore=node_modules --no-location
	$(PY) manage.py compilemessages --ignore=.venv

# Re-pin every dependency after editing pyproject.toml.
lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --universal --python-version 3.11 \
		--generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache node_modules
