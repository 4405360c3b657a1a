# Run `make help` for the list of targets.
PYTHON_BIN ?= python3.11
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
INSTALLED := $(VENV)/.installed
ADDRESS ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help run test install messages catalogues lint check worker browser audit guide screenshots

help: ## List the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: export SITE_BASE_URL = http://$(ADDRESS)
run: export WAGTAILADMIN_BASE_URL = http://$(ADDRESS)
run: install ## Install, migrate, build the demo site, create the local admin and serve on 127.0.0.1:8000
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) build_demo_site
	@# Demo applications for every team, once the local coordinators exist to have recorded the
	@# phone ones (a rebuild changes nothing else; applications already stored are kept). The
	@# local admin is made first quietly, then again to print where to log in, last.
	$(MANAGE) create_local_admin --url http://$(ADDRESS)/admin/ > /dev/null
	$(MANAGE) build_demo_site --with-applications
	$(MANAGE) create_local_admin --url http://$(ADDRESS)/admin/
	@# The notification worker and scheduled publishing run beside the server and stop with it.
	$(MANAGE) db_worker --backend notifications & worker=$$!; \
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(ADDRESS)

worker: install ## Deliver queued notifications and publish scheduled pages (make run starts them for you)
	$(MANAGE) run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) db_worker --backend notifications

test: check lint proxy-tools ## Run the whole test suite (set DATABASE_URL to run it on PostgreSQL)
	@# Two processes (pytest-xdist), each with its own test database. A file's tests stay together
	@# on one, which sets up the file's shared fixtures (a served demo, a live site) once.
	@# The files go out in the order tests/conftest.py gives them (those without the demo first,
	@# the slow ones first in each group). TEST_WORKERS=0 runs everything in one process.
	$(VENV)/bin/pytest -n $(or $(TEST_WORKERS),2) --dist loadfile --no-loadscope-reorder

install: $(INSTALLED) messages browser ## Create .venv and install the project with its test tools and Chromium

browser: ## Install Debian's Chromium for the browser tests (Playwright cannot download one here)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

.PHONY: proxy-tools bench bench-short
proxy-tools: ## Install Debian's Varnish, nginx and wrk for the benchmark and the scale-out test
	@command -v varnishd >/dev/null && command -v nginx >/dev/null && command -v wrk >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq varnish nginx wrk)

bench: install proxy-tools ## Benchmark on PostgreSQL and Redis (15 s per URL); results in bench/results/
	$(PYTHON) -m bench.run

bench-short: install proxy-tools ## The benchmark in a few seconds per URL, as CI runs it
	$(PYTHON) -m bench.run --short

.PHONY: profile
profile: install ## Count each page's queries and cache round trips and profile it; results in bench/results/
	$(PYTHON) -m bench.profile

$(INSTALLED): pyproject.toml
	test -d $(VENV) || $(PYTHON_BIN) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	touch $@

messages: ## Compile the interface translations (needs gettext's msgfmt)
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)
	cd $(CURDIR) && $(MANAGE) compilemessages --ignore=.venv --verbosity 0

catalogues: install ## Collect new interface strings into locale/*/django.po (translate them, then commit)
	$(MANAGE) makemessages -l pl -l en -l uk --ignore=.venv --ignore=var --ignore=tests --no-obsolete

lint: install ## Check the code style, the layers' imports and the code's security (ruff, import-linter, bandit)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit -q -r home programmes enrolment demo site -c pyproject.toml

guide: install ## Refresh the screenshots of the editors' guide (docs/przewodnik-redaktora/)
	GUIDE_SCREENSHOTS_DIR=docs/przewodnik-redaktora $(VENV)/bin/pytest -q tests/test_editors_guide.py

screenshots: install ## Refresh the screenshots of every page type (docs/screenshots/)
	rm -f docs/screenshots/*.jpg
	SCREENSHOTS_DIR=docs/screenshots $(VENV)/bin/pytest -q tests/test_screenshots_of_every_page_type.py

audit: install ## Known vulnerabilities in the installed packages (pip-audit; asks PyPI's per-version API)
	@# --strict: a package that cannot be looked up fails the audit instead of passing unchecked.
	$(VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off

check: install ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
