# Reproducible re-runs of the IWI/AKO Werkplein studies. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PERIOD ?= 2009-T3
STAMP := $(VENV)/.installed
KERNEL := werkpleinen
# Every package with its version and sha256 hashes (from pyproject.toml, by `make lock`):
# same package versions on every machine, so that same inputs give the same bytes.
LOCK := requirements.lock
export PYTHONDONTWRITEBYTECODE :=
UV_VERSION := 0.13.8
# The browser check: Debian's chromium + chromedriver (apt), axe-core locked by npm in BROWSER_DIR.
BROWSER_DIR := tests/browser
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends

# uv installs the locked packages (with their hashes) in seconds where pip takes a minute, and
# compiles them: without the bytecode every process would compile pandas, SciPy, matplotlib
# and statsmodels again (5 s instead of 2 s to import them), since this machine's environment
# sets PYTHONDONTWRITEBYTECODE. The project's own targets do write bytecode (unset below).
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --no-deps \
	  --compile-bytecode -r $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@$(BIN)/python -m pip check >/dev/null || { $(BIN)/python -m pip check; \
	  echo "$(LOCK) does not satisfy pyproject.toml: run 'make lock'"; exit 1; }
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python ($(KERNEL))"
	@touch $(STAMP)

.PHONY: help install lock report test test-fast test-browser lint bench bench-ingest synthesize \
  lab sync factsheets clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv and install the locked packages (when pyproject.toml or the lock changed)

lock: ## Update requirements.lock from pyproject.toml (UPGRADE=1: newest allowed versions), then install
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --quiet $(if $(UPGRADE),--upgrade) --output-file $(LOCK)
	@$(MAKE) --no-print-directory install

report: $(STAMP) ## Run the whole pipeline for PERIOD (default 2009-T3): PDF + HTML in reports/PERIOD
	$(BIN)/analysis run --period $(PERIOD)

# Runs pytest on every core (pytest-xdist) with the given arguments, prints its wall time
# against the target and keeps it in bench/test-times.json (make bench reports it); pytest's
# "no tests" (exit 5) fails.
define timed_pytest
	@start=$$(date +%s.%N); $(BIN)/pytest -q -n auto --dist worksteal $(1); rc=$$?; \
	$(BIN)/python -m benchmarks.record $(2) "$$start"; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc
endef

test: $(STAMP) ## Run the whole test suite (what CI runs; fails when no test ran)
	$(call timed_pytest,,make_test)

test-fast: $(STAMP) ## The inner loop: every test except the end-to-end ones (marker e2e)
	$(call timed_pytest,-m "not e2e",make_test_fast)

test-browser: $(STAMP) ## Render PERIOD, then check its HTML in headless Chromium (WCAG 2.1 AA, 1280/390 px, offline)
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  echo "installing Debian's chromium and chromium-driver"; $(APT_INSTALL) chromium chromium-driver; }
	@command -v npm >/dev/null || { echo "installing Debian's npm"; $(APT_INSTALL) npm; }
	@test $(BROWSER_DIR)/node_modules/.package-lock.json -nt $(BROWSER_DIR)/package-lock.json || \
	  npm ci --prefix $(BROWSER_DIR) --no-audit --no-fund --loglevel=error
	$(BIN)/analysis run --period $(PERIOD)
	$(BIN)/analysis factsheets --period $(PERIOD)
	BROWSER_CHECK=1 REPORT_DIR=reports/$(PERIOD) $(BIN)/pytest -q tests/test_browser.py

lint: $(STAMP) ## ruff, the import contracts (pyproject.toml); check notebooks hold no outputs
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/nbstripout --verify notebooks/*.ipynb

factsheets: $(STAMP) ## One A4 PDF per Werkplein of PERIOD: reports/PERIOD/factsheets/ (+ index.html)
	$(BIN)/analysis factsheets --period $(PERIOD)

lab: $(STAMP) ## JupyterLab on .venv, kernel 'werkpleinen' (LAB_ARGS=--no-browser on a server)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

sync: $(STAMP) ## Set each notebook's kernel; (re)write its script notebooks/py/<name>.py from it
	@for nb in notebooks/*.ipynb; do \
	  $(BIN)/jupytext --quiet --set-kernel $(KERNEL) "$$nb" && \
	  $(BIN)/jupytext --quiet --to py:percent -o "notebooks/py/$$(basename "$${nb%.ipynb}").py" "$$nb" \
	  && echo "synced $$nb" || exit 1; \
	done

bench: $(STAMP) ## Time runs against the targets (median of 3); results in bench/results.json
	$(BIN)/python -m benchmarks.bench --out bench/results.json $(BENCH_ARGS)

bench-ingest: $(STAMP) ## A 100-million-row respondent file through the survey ingest: time, peak memory (bench/ingest-scale.json)
	$(BIN)/python -m benchmarks.ingest_scale --out bench/ingest-scale.json

synthesize: $(STAMP) ## Regenerate the synthetic inputs: Landkaart 2008-T1..2009-T3, Toonkamer clients, survey waves (committed)
	$(BIN)/analysis synthesize --force

clean: ## Remove generated outputs (data/processed, reports); keeps .venv
	find data/processed reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
