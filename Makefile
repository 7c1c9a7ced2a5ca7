# ACP-EU Migration Action knowledge portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
LOAD_CLIENTS ?= 50
LOAD_SECONDS ?= 60
CLUSTER_PORT ?= 8080
# Test processes (pytest-xdist): one per core by default; PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.DEFAULT_GOAL := help
.PHONY: help run serve test load cluster cluster-load nginx bench lint fmt install install-dev clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime ## Create .venv and install the pinned runtime requirements

install-dev: $(VENV)/.dev ## Install the runtime and test requirements

# A local copy's settings, read by every manage.py command (git-ignored, written once).
ENV_FILE ?= .env
$(ENV_FILE):
	@umask 077 && printf '%s\n' \
	  '# Local settings written by `make run` (git-ignored). Production sets real values.' \
	  'DJANGO_DEBUG=1' \
	  "DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  > $@
	@echo "Wrote $@ (debug on, a new secret key)."

run: install $(ENV_FILE) ## Set up a local copy on SQLite (migrate, load content, admin user) and serve it
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content
	$(MANAGE) create_local_superuser
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: export DJANGO_DEBUG = 0
serve: install ## Production-like: collectstatic, then gunicorn (settings from the environment)
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn programme.wsgi --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

test: install-dev ## Run every check: lint, format, Django checks, migrations, static files, tests
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(MANAGE) check --fail-level WARNING
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	tmp=$$(mktemp -d) && DJANGO_DEBUG=1 DJANGO_STATIC_ROOT=$$tmp $(MANAGE) collectstatic --noinput --verbosity 0; status=$$?; rm -rf $$tmp; exit $$status
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS)

load: install ## Load test: visitors and an editor against gunicorn (LOAD_CLIENTS=50 LOAD_SECONDS=60)
	$(PY) tests/perf/load.py --clients $(LOAD_CLIENTS) --seconds $(LOAD_SECONDS)

nginx: ## Install Debian's nginx if it is missing (the cluster's load balancer)
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx; }

cluster: install nginx ## nginx on CLUSTER_PORT (8080) in front of two gunicorn servers, PostgreSQL, Redis
	$(PY) tests/perf/cluster.py --port $(CLUSTER_PORT)

cluster-load: install nginx ## Load test through the cluster, server 2 killed halfway (LOAD_SECONDS=60)
	$(PY) tests/perf/cluster.py --load --port 0 --seconds $(LOAD_SECONDS) --clients $(LOAD_CLIENTS)

bench: install-dev ## Benchmark pages against a static file with gunicorn and wrk (apt-get install wrk)
	$(PY) tests/perf/bench.py $(BENCH_ARGS)

# makemessages reads the code and templates; tests/ holds no user-facing text.
MESSAGES_IGNORE := --ignore=tests --ignore=staticfiles --ignore=media --ignore=test-artifacts

messages: install-dev ## Update locale/*/django.po from the sources and compile them (needs GNU gettext)
	DJANGO_DEBUG=1 $(MANAGE) makemessages --all --no-location $(MESSAGES_IGNORE)
	DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv

lint: install-dev ## Lint with ruff
	$(VENV)/bin/ruff check .

fmt: install-dev ## Format and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtual environment, collected static files and caches
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
