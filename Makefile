# Two commands: `make setup` (venv + CPU torch + package + model check), `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup xliff-schema wordnet hypomnema lint test align-seed eval clean

setup:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	# CPU build of torch, pinned here (not in the package) so an unpinned torch never pulls CUDA.
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e '.[dev]'
	$(BIN)/python models/setup_models.py
	# Debian's chromium renders the HTML report in one test; best effort off CI (the test skips without it).
	command -v chromium >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg; } || \
	  echo "note: chromium not installed; the report render test will be skipped"
	# Debian's OmegaT (Java) reads our TMX headless in one test; best effort too (the test skips without it).
	command -v omegat >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq omegat; } || \
	  echo "note: omegat not installed; the OmegaT test will be skipped"
	$(MAKE) xliff-schema wordnet hypomnema

# The OASIS XLIFF 2.0 core schema (XLIFF 2.1 keeps its namespace and core) validates our XLIFF in one test.
# No Python or npm package ships it; Debian's php-symfony-translation does (with the W3C xml.xsd it imports):
# unpacked into the venv, best effort (the test skips without it).
SCHEMA_DIR := $(VENV)/share/xliff-2.0-schema
SYMFONY_SCHEMAS := usr/share/php/Symfony/Component/Translation/Resources/schemas

xliff-schema:
	[ -f $(SCHEMA_DIR)/xliff_core_2.0.xsd ] || { command -v apt-get >/dev/null && tmp=$$(mktemp -d) && \
	  { (cd $$tmp && apt-get download -qq php-symfony-translation) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	    (cd $$tmp && apt-get download -qq php-symfony-translation); }; } && \
	  dpkg-deb -x $$tmp/php-symfony-translation_*.deb $$tmp/x && \
	  mkdir -p $(SCHEMA_DIR)/informativeCopiesOf3rdPartySchemas/w3c && \
	  cp $$tmp/x/$(SYMFONY_SCHEMAS)/xliff-core-2.0.xsd $(SCHEMA_DIR)/xliff_core_2.0.xsd && \
	  cp $$tmp/x/$(SYMFONY_SCHEMAS)/xml.xsd $(SCHEMA_DIR)/informativeCopiesOf3rdPartySchemas/w3c/xml.xsd && \
	  rm -rf $$tmp; } || echo "note: the XLIFF schema was not fetched; the XLIFF schema test will be skipped"

# The Princeton WordNet 3.0 database, joined with the Thai WordNet pythainlp ships, is the word-level check's
# Thai-English lexicon (align/flags/lexicon.py). Debian's wordnet-base holds it: unpacked into the venv (no root
# needed once the package lists exist), best effort (without it `--check term` runs on the embeddings alone).
WORDNET_DIR := $(VENV)/share/wordnet

wordnet:
	[ -f $(WORDNET_DIR)/data.noun ] || { command -v apt-get >/dev/null && tmp=$$(mktemp -d) && \
	  { (cd $$tmp && apt-get download -qq wordnet-base) || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	    (cd $$tmp && apt-get download -qq wordnet-base); }; } && \
	  dpkg-deb -x $$tmp/wordnet-base_*.deb $$tmp/x && mkdir -p $(WORDNET_DIR) && \
	  cp $$tmp/x/usr/share/wordnet/data.* $$tmp/x/usr/share/wordnet/index.* $$tmp/x/usr/share/wordnet/*.exc $(WORDNET_DIR)/ && \
	  rm -rf $$tmp; } || echo "note: WordNet was not fetched; the term check will run without its lexicon"

# hypomnema 0.7 (python-tmx's successor) reads our TMX in one test; it needs Python >= 3.13: a venv of its own
# beside ours, from a python3.13 that runs (pyenv's on these machines, or Debian 13's), best effort (the test
# skips without it).
HYPOMNEMA_VENV := $(VENV)/share/hypomnema-py313

hypomnema:
	[ -x $(HYPOMNEMA_VENV)/bin/python ] || { \
	  py=$$(for p in python3.13 $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.13*/bin/python3.13; do \
	    "$$p" -c 'import venv' >/dev/null 2>&1 && echo "$$p" && break; done); \
	  [ -z "$$py" ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.13 python3.13-venv >/dev/null 2>&1 && py=python3.13; \
	  [ -n "$$py" ] && "$$py" -m venv $(HYPOMNEMA_VENV) && $(HYPOMNEMA_VENV)/bin/pip install -q 'hypomnema[lxml]==0.7'; } || \
	  { rm -rf $(HYPOMNEMA_VENV); echo "note: no Python 3.13 for hypomnema; the hypomnema test will be skipped"; }

# mypy finds the package by its import name, thalign, which setuptools maps to the folder align/: a link gives it that name.
TYPE_PATH := .mypy_cache/import-path

lint:
	$(BIN)/ruff check .
	mkdir -p $(TYPE_PATH) && ln -sfn "$(CURDIR)/align" $(TYPE_PATH)/thalign
	MYPYPATH=$(TYPE_PATH) $(BIN)/mypy -p thalign
	MYPYPATH=$(TYPE_PATH) $(BIN)/mypy tests eval

test:
	$(BIN)/python -m pytest -q

align-seed:
	$(BIN)/thalign align seeds/000_a4e1426412e82e47.txt -o out/seed000.tmx --report out/seed000.html

eval:
	$(BIN)/python -m eval all

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
