# Two entry points for a fresh clone: `make serve` and `make test`.
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: serve build validate test browser-deps clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is required ($(PY) not found)"; exit 2; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

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

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) edition/site .pytest_cache .hypothesis
