# Lotse: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9

# The first interpreter >= 3.12 found: a plain name on PATH, then pyenv's versions.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)

.PHONY: run test setup system lint lock format messages bench clean

setup: system $(VENV)/.synced node_modules/.installed

# Debian packages beside Python and npm (Pango and fonts for PDFs); installed when run as root.
system:
	@.ci/system-packages

$(VENV)/.synced: pyproject.toml requirements.lock
	@test -n "$(PYTHON)" || { echo "Lotse needs Python >= 3.12 (not found on PATH or in pyenv)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Pins every dependency with hashes; run after changing pyproject.toml.
lock: $(VENV)/.synced
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --no-header \
		--python-version 3.12 --quiet -o requirements.lock

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

run: setup
	$(BIN)/lotse migrate --no-input
	$(BIN)/lotse demo load --if-empty
	@echo ""
	@echo "Lotse runs on http://127.0.0.1:$(PORT)/"
	@$(BIN)/lotse demo accounts
	@# The web server and the background worker (reminders, large reports) together; see Procfile.
	PATH=$(CURDIR)/$(BIN):$$PATH LOTSE_PORT=$(PORT) LOTSE_DEBUG=$${LOTSE_DEBUG:-true} \
		$(BIN)/honcho start

# mypy's Django plugin imports the settings and models: PYTHONPATH=src makes it read this
# checkout's, not those of the copy the virtualenv has installed.
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lotse makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(BIN)/djlint src/lotse --lint
	PYTHONPATH=src $(BIN)/python -m mypy src/lotse

format: setup
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# German translates the interface; Arabic, Dari/Farsi and Ukrainian translate what participants
# read (contexts "participant …"); English is the source and translates nothing. In those three,
# msgmerge's guesses for other texts (fuzzy, copied from participant texts) are emptied: they
# would stand there as unreviewed translations. A participant text whose English changed comes
# out empty too, and the catalogue test names it.
PARTICIPANT_LANGUAGES := ar fa uk
messages: setup
	cd src/lotse && ../../$(BIN)/lotse makemessages -l de $(addprefix -l ,$(PARTICIPANT_LANGUAGES)) \
		-l en --no-obsolete --add-location file
	for lang in $(PARTICIPANT_LANGUAGES); do \
		po=src/lotse/locale/$$lang/LC_MESSAGES/django.po; \
		msgattrib --clear-fuzzy --empty --clear-previous -o $$po $$po || exit 1; \
	done
	cd src/lotse && ../../$(BIN)/lotse compilemessages

# The suite runs in parallel (pytest-xdist), one worker per CPU unless PYTEST_WORKERS says how
# many; PYTEST_WORKERS=0 runs it in this process. Each worker has its own test database. `load`
# hands each worker its tests in pytest-django's order (transactional tests, which empty the
# database, after the others); `loadscope`, `loadfile` and `worksteal` would not keep it.
PYTEST_WORKERS ?= auto
test: lint
	@.ci/system-packages --with-test-tools
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules
