# okrkit — two commands do all the set-up:
#   make demo   run the kit's main job on the bundled sample company
#   make test   run the whole test suite
# Both create or update the local virtual environment (.venv) from the pinned
# requirements.lock and the Node tools (node_modules/, from package-lock.json:
# JupyterHub's proxy and the offline widget manager) first; `make test` also
# installs Debian's Chromium (for the browser tests) when it is missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.okrkit-installed
NODE_STAMP := node_modules/.okrkit-installed
export PATH := $(abspath $(BIN)):$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup demo test lint lab bench browser clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "okrkit needs Python 3.11 or newer"; exit 2; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@# rfc3987-syntax builds a Lark parser when jsonschema imports it: ~2 s on every `import altair`.
	@# Nothing the kit validates uses the iri formats it checks (see benchmarks/bench_import.py).
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax lark
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "okrkit needs Node.js 20+ and npm (apt-get install nodejs npm)"; exit 2; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

setup: $(STAMP) $(NODE_STAMP)
	@$(BIN)/python -m okrkit.ui.livechart  # the live charts' offline Vega bundle (built once, ~2 s)
	@$(BIN)/python -m okrkit.integrity --write  # what `okrkit grade` checks the kit against

demo: setup
	$(BIN)/okrkit demo --out build

test: setup browser
	$(BIN)/python -m pytest -n 2 --dist loadgroup

browser:
	@sh scripts/ensure-chromium

lint: $(STAMP)
	$(BIN)/ruff check okrkit tests benchmarks

# JupyterLab for the trainer and a page of forms per exercise (participant mode), in the class language.
CLASS_LANG ?= vi
lab: setup
	$(BIN)/okrkit lab --lang $(CLASS_LANG)

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf build .pytest_cache
