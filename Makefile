# One command to run the demo, one to test. Both set up what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app
export GOLDEN_THREAD_ENV ?= development

.PHONY: run test setup setup-dev browser print-tools lint audit clean translations

# Interface translations (Flask-Babel): the .po files are kept in git, the .mo files are built.
PO_FILES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

# The demo links are printed last, after every install and migration line, just before the
# server starts (they are also on the home page).
run: setup  ## set up, migrate, seed the demo county and serve on http://127.0.0.1:5000
	$(BIN)/flask db upgrade
	$(BIN)/flask demo
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: setup-dev browser  ## set up and run every check: lint, audit, then tests on SQLite and PostgreSQL
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory audit
	$(BIN)/pytest -n 2 --dist loadgroup

setup: $(VENV)/.installed node_modules/.installed $(MO_FILES)

setup-dev: $(VENV)/.installed-dev node_modules/.installed $(MO_FILES)

# Listed after the installs in setup, so pybabel is there (make runs them in order).
%.mo: %.po
	$(BIN)/pybabel compile --statistics -i $< -o $@

# After marking or changing interface texts: the template, then every language's .po from it.
translations:
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ --no-location --sort-output \
	  -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching --ignore-obsolete
	$(MAKE) --no-print-directory $(MO_FILES)

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium; nothing downloads a browser of its own.
browser: print-tools
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Install Chromium first: sudo apt-get install chromium" >&2; exit 1; fi; }

# Board pack PDFs: WeasyPrint needs Debian's pango; the tests read PDFs with poppler-utils.
print-tools:
	@{ command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null \
	  && ldconfig -p | grep -q libpangoft2-1.0; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq \
	    && apt-get install -y -qq poppler-utils libpango-1.0-0 libpangoft2-1.0-0; \
	  else echo "Install first: sudo apt-get install poppler-utils libpango-1.0-0 libpangoft2-1.0-0" >&2; \
	    exit 1; fi; }

lint: setup-dev
	$(BIN)/ruff check .

# bandit on the shipped code; pip-audit --strict on the installed packages (says plainly when
# its advisory database cannot be reached). Exceptions, each with a reason: audit-exceptions.toml.
audit: setup-dev
	$(BIN)/python .ci/audit.py

clean:
	rm -rf $(VENV) node_modules instance
