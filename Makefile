# Two commands do everything on a fresh machine: `make run` and `make test`.
# The first call creates .venv and installs the project; later calls reuse it.

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3
CORPUS  ?= seeds
INDEX   ?= .qa-index
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test install browser clean

run: $(STAMP)  ## start the chatbot on the seeds (builds the index if missing or stale)
	$(BIN)/qa serve --corpus $(CORPUS) --index $(INDEX)

test: $(STAMP) browser  ## run every test
	$(BIN)/pytest

install: $(STAMP)

# torch first, pinned: this version resolves to a CPU build; anything else pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Browser tests drive Debian's chromium through Playwright; never a browser download.
browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) $(INDEX) .pytest_cache
