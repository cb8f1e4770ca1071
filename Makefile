# One task runner for people and CI. Every target sets itself up on first use.
PY      ?= python3.11
VENV    := .venv
SITE    ?= site
PORT    ?= 8000
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

# Debian packages: Japanese fonts (PDF), Chromium and its headless shell (browser tests; the shell
# takes a quarter of the CPU), poppler (PDF text checks), Java and npm (the Nu Html Checker in the tests).
APT_PACKAGES := fonts-noto-cjk chromium chromium-headless-shell poppler-utils default-jre-headless

.PHONY: serve build check confirm test test-fast deps venv clean schema lint bench new-call diff archive-json review bytecode

# make serve PORT=8001 when port 8000 is taken (another preview still running)
serve: deps $(STAMP) bytecode
	@$(BIN)/python -c "import socket; socket.socket().bind(('127.0.0.1', $(PORT)))" 2>/dev/null || { \
	  echo "make serve: port $(PORT) is already in use (a preview still running in another terminal?): stop it with Ctrl+C there, or run make serve PORT=8001"; \
	  echo "    日本語: ポート $(PORT) は使用中です（別の端末でプレビューが動いたままではありませんか）。そちらを Ctrl+C で止めるか、make serve PORT=8001 を実行してください。"; exit 1; }
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: deps $(STAMP) bytecode
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

check: $(STAMP) bytecode
	$(BIN)/python -m callguide check

# Record translations as confirmed after review: every text, or those named (make confirm ONLY=call.name).
confirm: $(STAMP)
	$(BIN)/python -m callguide confirm $(ONLY)

# Start next year's call: archive this one (data/archive/<year>.yaml, archive/<year>/), bump call.yaml.
# It starts from committed work; ALLOW_UNCOMMITTED=1 archives uncommitted edits of data/call.yaml or docs/ too.
new-call: $(STAMP)
	$(BIN)/python -m callguide new-call$(if $(ALLOW_UNCOMMITTED), --allow-uncommitted)

# The facts changed since an archived year or a git ref: make diff FROM=2025
diff: $(STAMP)
	@test -n "$(FROM)" || { echo "make diff FROM=2025 (an archived year) or FROM=<git ref> / 比較元を FROM= で指定してください"; exit 2; }
	$(BIN)/python -m callguide diff "$(FROM)"

# One page to review the call before publishing: review/review.html (not part of the site), every fact in
# both languages, compared with the newest archived year or FROM=<year or git ref>.
review: $(STAMP)
	$(BIN)/python -m callguide review$(if $(FROM), "$(FROM)")

# A year archived before new-call wrote data/archive/<year>.json: write it with that year's own code.
archive-json: $(STAMP)
	@test -n "$(YEAR)" || { echo "make archive-json YEAR=2025 (an archived year) / 年度を YEAR= で指定してください"; exit 2; }
	$(BIN)/python -m callguide archive-json "$(YEAR)"

# Everything, on two workers (pytest-xdist): a site several workers need is built once and shared, and
# each page walk (one load per page and width for axe, HTML_CodeSniffer, keyboard, languages, requests)
# stays on one worker. TEST_WORKERS=0 runs in one process. The 15 slowest steps are listed at the end (where the time goes).
TEST_WORKERS ?= 2
test: deps $(STAMP) $(NODE_STAMP) bytecode
	$(BIN)/python -m pytest --durations=15 $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

# The edit-test loop: every test that needs no full build, no browser and no other program (under a
# minute), on the same workers as make test.
test-fast: $(STAMP) bytecode
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-25} $(BIN)/python -m pytest -m "not build and not browser and not subprocess" $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadgroup)

schema: $(STAMP)
	$(BIN)/python -m callguide.schema > data/call.schema.json

# make bench ARGS="--runs 9 --after-new-call": see tools/bench.py --help
bench: deps $(STAMP) $(NODE_STAMP) bytecode
	$(BIN)/python tools/bench.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src hooks tests

venv: $(STAMP)

# Our modules compiled to bytecode once (only those changed since): pip does this for every installed
# library, but not for this project's own code (an editable install) nor for hooks/, and where
# PYTHONDONTWRITEBYTECODE is set (as on some CI machines) Python would compile them from source at
# every build, some 0.2 s of each one. A stale or missing .pyc is never wrong, only slower: a folder
# where it cannot be written (read-only) or a file that does not compile (the build says why) never stops make here.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q --invalidation-mode timestamp src hooks >/dev/null 2>&1 || true

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (Debian: apt-get install python3.11 python3.11-venv)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Test-only npm tools, exactly as locked (no install scripts: nothing else is downloaded).
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# Install missing Debian packages when we can (root or sudo); otherwise say exactly what to run.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Missing Debian packages:$$missing"; echo "Run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; fi; \
	fi

clean:
	rm -rf site review .pytest_cache
