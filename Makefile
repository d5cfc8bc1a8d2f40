# The README's commands. Everything installs into .venv on first use.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test e2e messages lint format clean bench

$(STAMP): requirements.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PIP_CONSTRAINT=$(CURDIR)/constraints.txt $(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $(STAMP)

# Compiled catalogues are built with Babel, so no GNU gettext is needed.
install: $(STAMP)
	$(BIN)/pybabel -q compile --domain=django --directory=locale

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Portal: http://127.0.0.1:$(PORT)/  admin: http://127.0.0.1:$(PORT)/admin/"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest --durations=10

# Real-browser journeys in Debian's Chromium (installed here if missing).
e2e: install
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	npm install --no-audit --no-fund --silent
	$(BIN)/pytest -m e2e tests/e2e

# Ten-year data set on SQLite and PostgreSQL, every public page against the ceiling.
bench: install
	bash bench/run.sh

# Re-extract source strings (needs GNU gettext), then compile.
messages: install
	$(BIN)/python manage.py makemessages --locale=uk --no-obsolete --ignore=.venv
	$(BIN)/pybabel -q compile --domain=django --directory=locale

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
