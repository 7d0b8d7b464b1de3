# srh-fhir: every command a newcomer or CI needs. `make test` and `make demo` set up what is missing first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
FHIR_HOME := $(abspath $(BUILD)/fhir-home)
CORE_DIR := $(FHIR_HOME)/.fhir/packages/hl7.fhir.r4.core\#4.0.1/package
HAPI_CP := devstack/hapi/target/classes:devstack/hapi/target/lib/*
JAVA := java -Xmx2g -XX:+UseParallelGC
PACKAGE_TGZ := $(BUILD)/srh.fhir.r4.tgz
# The HAPI FHIR JPA test server (devstack/hapi/server) and the port `make fhir-server` uses.
HAPI_SERVER := devstack/hapi/server/target/extracted/srh-fhir-hapi-server.jar
FHIR_PORT ?= 8080
# build/ is on the class path so the package check can load the .tgz with HAPI's NpmPackageValidationSupport.
REFERENCE_VALIDATOR := $(JAVA) -cp '$(BUILD):$(HAPI_CP)' org.srhfhir.tools.ReferenceValidator
PROFILES_OUT ?= profiles
# SUSHI tries to fetch helper packages from the internet; make that fail at once instead of timing out.
SUSHI_ENV := HOME=$(FHIR_HOME) FPL_REGISTRY=http://127.0.0.1:9/

VALIDATE_PATHS := profiles/package/example tests/fixtures/invalid

.PHONY: help setup demo validate-examples test bench profiles generate-profiles check-profiles validate-reference lint clean fhir-server \
	agreement-corpus agreement-reference check-core-tables system-packages translations translations-update

help:
	@echo "make demo    HAPI FHIR seeded with the example clients, the sandbox EHR (localhost:8081) and the app (127.0.0.1:5000)"
	@echo "make test    set up what is missing and run every test"
	@echo "make bench   run the benchmarks into build/bench.json"
	@echo "make profiles / check-profiles / validate-reference / lint / clean"
	@echo "make fhir-server   run the HAPI FHIR test server in the foreground (FHIR_PORT, default 8080)"

setup: system-packages $(VENV)/.installed node_modules/.installed devstack/hapi/target/.built $(CORE_DIR)/package.json \
	translations

# Debian packages the browser tests need: Chromium (driven by Playwright; no browser download) and Redis (the
# scale-out test). Installed with apt-get when missing, which needs root (CI runs as root).
SYSTEM_PACKAGES_MISSING = $(strip $(if $(wildcard /usr/bin/chromium),,chromium) \
	$(if $(shell command -v redis-server),,redis-server))
system-packages:
	@if [ -n "$(SYSTEM_PACKAGES_MISSING)" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES_MISSING); \
		else \
			echo "Missing Debian packages: $(SYSTEM_PACKAGES_MISSING). Install them as root:"; \
			echo "  sudo apt-get install $(SYSTEM_PACKAGES_MISSING)"; exit 1; \
		fi; \
	fi

# The app's translations (smart_app/translations/*/LC_MESSAGES/messages.po) compiled for Flask-Babel.
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile -d smart_app/translations

# After changing texts in the app: extract them and add the new ones to both catalogues (then translate the empty
# msgstr entries; tests/app/test_app_security.py fails while one is missing).
translations-update: $(VENV)/.installed
	cd smart_app && ../$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--omit-header -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i smart_app/translations/messages.pot -d smart_app/translations --no-fuzzy-matching \
		--width 120

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

devstack/hapi/target/.built: devstack/hapi/pom.xml $(shell find devstack/hapi/src -name '*.java')
	cd devstack/hapi && mvn --quiet --batch-mode package dependency:copy-dependencies -DoutputDirectory=target/lib
	touch $@

# The R4 core package, built from HAPI's copy of the R4 definitions (no registry serves it).
$(CORE_DIR)/package.json: devstack/hapi/target/.built
	$(JAVA) -cp '$(HAPI_CP)' org.srhfhir.tools.CorePackageBuilder '$(FHIR_HOME)/.fhir/packages'

# FSH -> SUSHI -> FHIR package (+ .tgz), JSON Schemas and docs, written under $(PROFILES_OUT).
generate-profiles: setup
	rm -rf $(BUILD)/sushi
	$(SUSHI_ENV) node_modules/.bin/sushi build profiles --snapshot -o $(BUILD)/sushi
	$(PY) tools/build_package.py --sushi-config profiles/sushi-config.yaml \
		--resources $(BUILD)/sushi/fsh-generated/resources --out $(PROFILES_OUT)/package --tgz $(PACKAGE_TGZ)
	$(PY) tools/make_schemas.py --package $(PROFILES_OUT)/package --core '$(CORE_DIR)' --out $(PROFILES_OUT)/schemas
	$(PY) tools/make_docs.py --package $(PROFILES_OUT)/package --out $(PROFILES_OUT)/README.md

profiles:
	$(MAKE) generate-profiles PROFILES_OUT=profiles
	$(REFERENCE_VALIDATOR) --check-package $(PACKAGE_TGZ)

# Fails when the committed package, schemas or docs differ from what the FSH source produces.
check-profiles:
	rm -rf $(BUILD)/check
	$(MAKE) generate-profiles PROFILES_OUT=$(BUILD)/check
	diff -r profiles/package $(BUILD)/check/package
	diff -r profiles/schemas $(BUILD)/check/schemas
	diff profiles/README.md $(BUILD)/check/README.md
	$(REFERENCE_VALIDATOR) --check-package $(PACKAGE_TGZ)
	@echo "profiles/ is up to date with its FSH source"

validate-reference: setup
	$(REFERENCE_VALIDATOR) --package $(PACKAGE_TGZ) \
		--root . --out $(BUILD)/reference-validation.json $(VALIDATE_PATHS)

# Agreement of srh_fhir.validation with HAPI (tests/profiles/test_agreement.py): a fixed-seed corpus of mutated examples,
# judged by HAPI's reference validator in one run together with the examples and the invalid fixtures.
AGREEMENT := $(BUILD)/agreement
agreement-corpus: setup
	$(PY) tools/make_mutations.py --package profiles/package --out $(AGREEMENT)/corpus \
		--manifest $(AGREEMENT)/manifest.json

agreement-reference: agreement-corpus
	$(REFERENCE_VALIDATOR) --package $(PACKAGE_TGZ) \
		--root . --out $(AGREEMENT)/hapi.json $(AGREEMENT)/corpus $(VALIDATE_PATHS)

# Fails when the committed R4 core tables of the Python validator differ from what the core package gives.
check-core-tables: setup
	$(PY) tools/make_core_tables.py --core '$(CORE_DIR)' --package profiles/package --out $(BUILD)/r4-core.json
	cmp $(BUILD)/r4-core.json srh_fhir/validation/data/r4-core.json
	@echo "srh_fhir/validation/data/r4-core.json is up to date"

test: lint check-profiles validate-reference check-core-tables agreement-reference $(HAPI_SERVER)
	$(PY) -m pytest

# Benchmarks: each figure against a baseline measured in the same run, written to build/bench.json.
bench: setup $(HAPI_SERVER) $(PACKAGE_TGZ)
	$(PY) -m bench.run --out $(BUILD)/bench.json

# The SMART demo: HAPI (seeded), the sandbox EHR and the SRH app; prints where to go, Ctrl-C stops all.
# DEMO_CLIENT_TYPE=public|confidential-symmetric|confidential-asymmetric, DEMO_FHIR_PORT (8080).
demo: setup $(HAPI_SERVER) $(PACKAGE_TGZ)
	$(PY) -m devstack.demo

# Checks every example with HAPI's reference validator and summarises the result (the former `make demo`).
validate-examples: check-profiles validate-reference
	$(PY) tools/summarise_validation.py $(BUILD)/reference-validation.json

lint: setup
	$(VENV)/bin/ruff check srh_fhir smart_app devstack tools tests bench profiles/__init__.py
	$(VENV)/bin/mypy

clean:
	rm -rf $(BUILD) devstack/hapi/target devstack/hapi/server/target

# The HAPI FHIR JPA test server: built by Maven when a source changed, extracted for a fast start.
$(HAPI_SERVER): devstack/hapi/server/pom.xml $(shell find devstack/hapi/server/src -type f)
	devstack/hapi/server/build.sh

$(PACKAGE_TGZ):
	$(MAKE) generate-profiles PROFILES_OUT=$(BUILD)/check

fhir-server: $(HAPI_SERVER) $(PACKAGE_TGZ)
	@echo "Starting the HAPI FHIR server at http://127.0.0.1:$(FHIR_PORT)/fhir (ready in about 30 s; Ctrl-C stops it)"
	SRH_IG_PACKAGE=$(PACKAGE_TGZ) FHIR_PORT=$(FHIR_PORT) devstack/hapi/server/run.sh
