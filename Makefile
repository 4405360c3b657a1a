# Run `make help` for the list of targets.
PYTHON_BIN ?= python3.11
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
INSTALLED := $(VENV)/.installed
ADDRESS ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help run test install messages catalogues lint check worker browser

help: ## List the targets and what they do
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: install ## Install, migrate, build the demo site, create the local admin and serve on 127.0.0.1:8000
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) build_demo_site
	$(MANAGE) create_local_admin --url http://$(ADDRESS)/admin/
	@# The notification worker runs beside the server and stops with it.
	$(MANAGE) db_worker --backend notifications & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(ADDRESS)

worker: install ## Deliver queued notifications (make run starts one for you)
	$(MANAGE) db_worker --backend notifications

test: check lint ## Run the whole test suite (set DATABASE_URL to run it on PostgreSQL)
	$(VENV)/bin/pytest

install: $(INSTALLED) messages browser ## Create .venv and install the project with its test tools

browser: ## Install Debian's Chromium for the browser tests (Playwright cannot download one here)
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

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

lint: install ## Check the code style
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
