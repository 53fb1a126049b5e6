# Accord — `make run` serves the demo; `make test` runs the suite on PostgreSQL + Redis.
PYTHON ?= python3.12
VENV := .venv
TOOLS := var/tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.8
export UV_PYTHON_DOWNLOADS := never
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/accord
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

# The suite's date-sensitive part, run again as if on other days (README: "Running the suite
# at another date"): the year's last half hour, the night daylight-saving time ends, 2030.
TEST_DATES := 2026-12-31T23:30 2027-11-07T01:30 2030-06-15T12:00
DATE_SENSITIVE := tests/dashboard tests/meetings tests/foundation/test_load_demo.py \
	tests/commitments/test_status_update.py \
	--deselect tests/meetings/test_worker_killed.py --deselect tests/meetings/test_fence.py
ARTIFACTS := var/test-artifacts

.PHONY: install run test test-dates lint format migrations messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The lock file pins every version, so every machine installs the same set.
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --extra dev --python $(PYTHON)
	@touch $@

install: $(VENV)/.installed

run: install
	@./scripts/run.sh

test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(VENV)/bin/python scripts/check_services.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/python manage.py compilemessages --ignore=.venv --ignore=var -v0 --settings=config.test_settings
	DEBUG=1 $(VENV)/bin/python manage.py makemigrations --check --dry-run -v0
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
		$(VENV)/bin/pytest $(PYTEST_ARGS)

test-dates: install
	@mkdir -p $(ARTIFACTS)
	@for moment in $(TEST_DATES); do \
		echo "--- the date-sensitive tests as if it were $$moment (America/Toronto)"; \
		ACCORD_TEST_NOW=$$moment \
		DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
			$(VENV)/bin/pytest -q $(DATE_SENSITIVE) --junitxml=$(ARTIFACTS)/junit-$$moment.xml \
			|| exit 1; \
	done

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations: install
	DEBUG=1 $(VENV)/bin/python manage.py makemigrations

messages: install
	DEBUG=1 $(VENV)/bin/python manage.py makemessages -l fr --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	DEBUG=1 $(VENV)/bin/python manage.py compilemessages --ignore=.venv --ignore=var

clean:
	rm -rf $(VENV) var/accord.sqlite3 var/broker var/celerybeat-schedule var/staticfiles
