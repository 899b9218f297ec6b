# cec-pathways — build, serve and test the site.
# `make serve` and `make test` are all a new contributor needs: they create the
# virtual environment and install what is missing (see README.md).

PY_BOOT    ?= python3
VENV       ?= .venv
PY         := $(VENV)/bin/python
PELICAN    := $(PY) -m pelican
INPUTDIR   := content
OUTPUTDIR  := output
CONFFILE   := pelicanconf.py
PUBLISHCONF:= publishconf.py
HOST       ?= 127.0.0.1
PORT       ?= 8000
PYTEST_ARGS?=
# `make rounds` reads IRCC's feed from this address or file (empty: IRCC's published feed).
FEED       ?=

.DEFAULT_GOAL := help
.PHONY: help html serve publish clean test test-fast fuzz bench bench-checker bench-page bench-lighthouse venv rounds

help:
	@echo "make serve    build the site and serve it at http://$(HOST):$(PORT)/ (rebuilds on change)"
	@echo "make test     run the whole test suite (installs test tools and Chromium if missing)"
	@echo "make html     build the site into $(OUTPUTDIR)/ with development settings"
	@echo "make publish  production build with $(PUBLISHCONF) (set SITEURL=https://…)"
	@echo "make rounds   add IRCC's new rounds and pool distribution from its feed (FEED=file or URL)"
	@echo "make fuzz     send FUZZ_EXAMPLES (20,000) malformed answers to the command line and check each answer"
	@echo "make bench    print the speed and size benchmarks (checker, page, Lighthouse)"
	@echo "make clean    remove $(OUTPUTDIR)/ and caches"

# --- environments ---------------------------------------------------------
$(VENV)/bin/python:
	@$(PY_BOOT) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required (found " + sys.version.split()[0] + ")")'
	$(PY_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.site-installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

venv: $(VENV)/.site-installed

# --- site -----------------------------------------------------------------
# Node tools (npm ci): Brython's compiler runs under Node, terser minifies brython.js. Without npm the
# development build still works, unminified and slower to start (it says so).
NODE_TOOLS := $(if $(shell command -v npm 2>/dev/null),node_modules/.installed)

html: $(VENV)/.site-installed $(NODE_TOOLS)
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal warnings

# Pelican's server, answering unknown addresses with 404.html as a static host does (scripts/serve.py).
serve: html
	@echo "Serving http://$(HOST):$(PORT)/ — Ctrl-C to stop."
	$(PY) scripts/serve.py $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --listen --autoreload --bind $(HOST) --port $(PORT)

publish: $(VENV)/.site-installed node_modules/.installed
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings

clean:
	rm -rf $(OUTPUTDIR) .pytest_cache .hypothesis bench-results .build-cache
	find . -name __pycache__ -not -path './$(VENV)/*' -not -path './node_modules/*' -prune -exec rm -rf {} +

# --- data -----------------------------------------------------------------
# Standard library only: needs the venv's Python, nothing installed. The only step that reaches
# the network (when FEED is empty or an address); the build reads the committed files.
rounds: | $(VENV)/bin/python
	$(PY) scripts/rounds_feed.py $(if $(FEED),"$(FEED)")

# --- tests ----------------------------------------------------------------
# The suite runs on every core (pytest-xdist): each worker builds the site once and drives its own Chromium.
TEST_WORKERS ?= auto
test: $(VENV)/.test-installed node_modules/.installed
	@CHROMIUM="$$(sh scripts/ensure-chromium.sh)" && export CHROMIUM && \
	  $(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# rules only, no browser (quick loop while editing checker/)
test-fast: $(VENV)/.test-installed node_modules/.installed
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

# property-based: malformed answers documents at every path of the contract (tests/fuzz_strategies.py)
FUZZ_EXAMPLES ?= 20000
fuzz: $(VENV)/.test-installed
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest tests/test_fuzz_cli.py -q -s -p no:cacheprovider $(PYTEST_ARGS)

# --- benchmarks (print numbers; never part of `make test`) -----------------
bench: bench-checker bench-page bench-lighthouse

bench-checker: $(VENV)/.test-installed
	$(PY) bench/bench_checker.py

bench-page: $(VENV)/.test-installed
	@CHROMIUM="$$(sh scripts/ensure-chromium.sh)" && export CHROMIUM && $(PY) bench/bench_page.py

bench-lighthouse: $(VENV)/.test-installed bench/node_modules/.installed
	@CHROMIUM="$$(sh scripts/ensure-chromium.sh)" && export CHROMIUM && $(PY) bench/bench_lighthouse.py
