# srh-fhir: every command a newcomer or CI needs. `make check`, `make test` and `make demo` set up what is missing
# first. Each set-up and build step is a file whose prerequisites are the files it reads, so it runs again only when
# one of them changed; the commands that check or run something (lint, check, test, demo, ...) are .PHONY.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
FHIR_HOME := $(abspath $(BUILD)/fhir-home)
CORE_DIR := $(FHIR_HOME)/.fhir/packages/hl7.fhir.r4.core\#4.0.1/package
CORE_PACKAGE := $(CORE_DIR)/package.json
# HAPI logs at INFO unless told otherwise; the tools print their own summary.
JAVA := java -Xmx2g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
PACKAGE_TGZ := $(BUILD)/srh.fhir.r4.tgz
# The Java tools (reference validator, R4 core package builder) and the HAPI FHIR JPA test server, both Maven builds.
HAPI_TOOLS := devstack/hapi/target/.built
HAPI_CP := devstack/hapi/target/classes:devstack/hapi/target/lib/*
HAPI_SERVER := devstack/hapi/server/target/extracted/srh-fhir-hapi-server.jar
FHIR_PORT ?= 8080
# The Helios FHIR Server, the second FHIR server of the tests (devstack/helios_server.py): a Rust crate built by cargo
# into a cache outside the clone, keyed on the version (devstack/helios/install.sh), so only a new machine pays the
# 20-50 minutes of a cold build. It reads the specification's search parameters and compartments from HELIOS_DATA.
HELIOS_VERSION := 0.2.7
HELIOS_INSTALL := devstack/helios/install.sh
HELIOS_DATA := $(BUILD)/helios/data/search-parameters-r4.json $(BUILD)/helios/data/compartment-definitions-r4.json
FUZZ_CASES ?= 10000
# build/ is on the class path so the package check can load the .tgz with HAPI's NpmPackageValidationSupport. The
# mutation corpus holds bad language codes on purpose: HAPI's terminology troubleshooting log need not say so.
REFERENCE_VALIDATOR := $(JAVA) -Dorg.slf4j.simpleLogger.log.ca.uhn.fhir.log.terminology_troubleshooting=error \
	-Dorg.slf4j.simpleLogger.log.ca.uhn.fhir.parser.LenientErrorHandler=error \
	-cp '$(BUILD):$(HAPI_CP)' org.srhfhir.tools.ReferenceValidator
# SUSHI tries to fetch helper packages from the internet; make that fail at once instead of timing out.
SUSHI_ENV := HOME=$(FHIR_HOME) FPL_REGISTRY=http://127.0.0.1:9/

# What the steps read. Folders are listed with their files, so adding or removing a file counts as a change.
PROFILE_SOURCES := profiles/sushi-config.yaml $(shell find profiles/input)
PROFILE_TOOLS := $(filter-out tools/make_mutations.py tools/make_core_tables.py tools/summarise_validation.py,\
	$(wildcard tools/*))
PACKAGE_FILES := $(shell find profiles/package)
VALIDATE_PATHS := profiles/package/example tests/fixtures/invalid
VALIDATE_INPUTS := $(shell find $(VALIDATE_PATHS))
TRANSLATIONS := $(patsubst %.po,%.mo,$(wildcard smart_app/translations/*/LC_MESSAGES/messages.po))

# The tests `make check` runs: those that need no JVM, no browser and no slow packaging. PYTEST_ARGS is passed on
# (`make check PYTEST_ARGS="-k mapping"`).
FAST_TESTS := not hapi and not helios and not browser and not reference and not packaging
PYTEST_ARGS ?=

# The files the profile steps write.
CHECK_DIR := $(BUILD)/check
GENERATED := $(CHECK_DIR)/.generated
PACKAGE_CHECKED := $(BUILD)/package-check.done
REFERENCE_RESULTS := $(BUILD)/reference-validation.json
AGREEMENT := $(BUILD)/agreement
CORE_TABLES := $(BUILD)/r4-core.json
# srh_fhir installed as `SRH_FHIR_COMPILE=1 pip install .` makes it (setup.py: the validator compiled by mypyc), in a
# folder of its own: the benchmark measures it, tests/lib/test_compiled_validator.py holds it to what the source gives.
COMPILED_DIR := $(BUILD)/compiled
COMPILED := $(COMPILED_DIR)/.built

# A step that fails leaves no half-written file behind to look up to date.
.DELETE_ON_ERROR:

# $(call logged,LOG,COMMAND): runs COMMAND with its long report in LOG, shown (the end of it) only when it fails.
logged = $(2) > $(1) 2>&1 || { tail -n 40 $(1); echo "(the whole report: $(1))"; exit 1; }

.PHONY: help setup check test lint demo bench soak fhir-server helios helios-background helios-data profiles \
	check-profiles validate-reference validate-examples check-core-tables fhirpath-trees agreement-corpus \
	agreement-reference agreement test-long translations translations-update system-packages system-redis clean screenshots compat

help:
	@echo "make check         lint, mypy and the tests that need no Java and no browser (about 25 s)"
	@echo "make test          set up what is missing and run every test, as CI does (.ci/run)"
	@echo "make test-long     fuzz the validator, reader and CLI with $(FUZZ_CASES) broken examples (make check: 200)"
	@echo "make agreement     the mutation corpus judged by HAPI's validator and ours: the verdicts must agree (100%)"
	@echo "make demo          HAPI FHIR seeded with the example clients, the sandbox EHR (localhost:8081) and the app (127.0.0.1:5000)"
	@echo "make setup         install everything the tests and the demo need (venv, npm, Maven, Debian packages)"
	@echo "make bench         run the benchmarks into build/bench.json"
	@echo "make soak          20 simulated clinicians for 5 minutes against app, sandbox and HAPI (restarted half way): 0 lost saves"
	@echo "make screenshots   the README's screenshots (docs/screenshots/) from the browser conversation scenario"
	@echo "make profiles      regenerate profiles/ from its FSH source"
	@echo "make fhirpath-trees  the validator's parsed invariants (srh_fhir/validation/data/) after the profiles changed"
	@echo "make check-profiles / validate-reference / validate-examples / check-core-tables / lint / clean"
	@echo "make compat        docs/compatibility.md: srh-fhir doctor against HAPI and Helios (started for it)"
	@echo "make fhir-server   run the HAPI FHIR test server in the foreground (FHIR_PORT, default 8080)"
	@echo "make helios        build the Helios FHIR Server $(HELIOS_VERSION) into the cache when missing (20-50 min once)"

setup: system-packages $(VENV)/.installed node_modules/.installed $(HAPI_TOOLS) $(CORE_PACKAGE) $(HAPI_SERVER) \
	translations

# --- the commands ---------------------------------------------------------------------------------------------------

lint: $(VENV)/.installed
	@$(VENV)/bin/ruff check srh_fhir smart_app devstack tools tests bench profiles/__init__.py
	@$(VENV)/bin/mypy

check: lint translations system-redis
	$(PY) -m pytest -m "$(FAST_TESTS)" $(PYTEST_ARGS)

# helios-background comes first: on a new machine Helios builds while everything else runs; its tests run last and
# wait for it (tests/fhir_server.py).
test: helios-background system-packages lint translations check-profiles validate-reference check-core-tables \
	agreement-reference $(HAPI_SERVER) $(HELIOS_DATA) $(COMPILED)
	HELIOS_VERSION=$(HELIOS_VERSION) $(PY) -m pytest $(PYTEST_ARGS)

# The fuzz (tests/lib/test_validation_fuzz.py): FUZZ_CASES mutated examples through the validator, and a share of
# that through the Bundle checks, the reader and the CLI; `make check` runs 200 (SRH_FUZZ_CASES says how many).
test-long: $(VENV)/.installed
	SRH_FUZZ_CASES=$(FUZZ_CASES) $(PY) -m pytest tests/lib/test_validation_fuzz.py $(PYTEST_ARGS)

# Verdict agreement of srh_fhir.validation with HAPI's reference validator on the examples, the invalid fixtures and
# the mutation corpus (the tests marked `reference`).
agreement: validate-reference agreement-reference
	$(PY) -m pytest -m reference tests/profiles $(PYTEST_ARGS)

# The SMART demo: HAPI (seeded), the sandbox EHR and the SRH app; prints where to go, Ctrl-C stops all.
# DEMO_CLIENT_TYPE=public|confidential-symmetric|confidential-asymmetric, DEMO_FHIR_PORT (8080), DEMO_SANDBOX_PORT
# (8081), DEMO_APP_PORT (5000); DEMO_FHIR_BASE=http://host:port/fhir uses a running FHIR server instead of HAPI.
demo: $(VENV)/.installed translations $(HAPI_SERVER) $(PACKAGE_TGZ)
	@$(PY) -m devstack.demo

# Benchmarks: each figure against a baseline measured in the same run, written to build/bench.json (FHIR_BASE: use a
# running HAPI server instead of starting one). About 12 minutes here: one figure validates a 1 GB ndjson file.
bench: $(VENV)/.installed translations $(HAPI_TOOLS) $(CORE_PACKAGE) $(HAPI_SERVER) $(PACKAGE_TGZ) $(COMPILED)
	$(PY) -m bench.run --out $(BUILD)/bench.json

# The soak test: 20 simulated clinicians launch the app from the sandbox and save for 5 minutes while HAPI (its own,
# with a file database) is stopped and started again half way; every save must be confirmed on HAPI or reported with
# the input kept. Figures in build/soak.json; exit status 1 when a save was lost. SOAK_ARGS="--clinicians 5 --seconds
# 60" changes its size. Not part of `make test`: the unit tests of its accounting are (tests/sandbox/test_soak.py).
soak: $(VENV)/.installed translations $(HAPI_SERVER) $(PACKAGE_TGZ)
	nice $(PY) -m devstack.soak $(SOAK_ARGS)

# The README's screenshots: the browser scenario of a whole conversation saves its set into docs/screenshots/ (in
# `make test` the same scenario saves every step into build/screenshots/). FHIR_BASE: use a running HAPI server.
screenshots: system-packages $(VENV)/.installed translations $(if $(FHIR_BASE),,$(HAPI_SERVER) $(PACKAGE_TGZ))
	SRH_SCREENSHOTS=docs/screenshots $(PY) -m pytest tests/browser/test_conversation.py $(PYTEST_ARGS)

# docs/compatibility.md: `srh-fhir doctor` against HAPI and Helios, started for it (COMPAT_HAPI / COMPAT_HELIOS: base
# URLs of running servers instead); each report in $(BUILD)/compat/.
compat: $(VENV)/.installed $(HAPI_SERVER) $(PACKAGE_TGZ) helios helios-data
	@$(PY) -m devstack.compat

fhir-server: $(HAPI_SERVER) $(PACKAGE_TGZ)
	@echo "Starting the HAPI FHIR server at http://127.0.0.1:$(FHIR_PORT)/fhir (ready in about 30 s; Ctrl-C stops it)"
	@SRH_IG_PACKAGE=$(PACKAGE_TGZ) FHIR_PORT=$(FHIR_PORT) devstack/hapi/server/run.sh

# The Helios FHIR Server: `make helios` builds it in the foreground, helios-background starts that build (log:
# $(BUILD)/helios-build.log) and returns; both do nothing when the binary is in the cache already.
helios:
	@$(HELIOS_INSTALL) $(HELIOS_VERSION)
helios-background:
	@$(HELIOS_INSTALL) --background $(HELIOS_VERSION) $(BUILD)/helios-build.log

# Its data: the R4 core package's SearchParameters and CompartmentDefinitions as two Bundles.
$(HELIOS_DATA) &: devstack/helios_data.py $(CORE_PACKAGE) | $(VENV)/.installed
	@$(PY) -m devstack.helios_data --core '$(CORE_DIR)' --out $(BUILD)/helios/data
helios-data: $(HELIOS_DATA)

# The Helios cache ($${XDG_CACHE_HOME:-~/.cache}/srh-fhir) is outside the clone and stays.
clean:
	rm -rf $(BUILD) devstack/hapi/target devstack/hapi/server/target $(TRANSLATIONS)

# --- set-up ---------------------------------------------------------------------------------------------------------

# Debian packages the tests need: Chromium (driven by Playwright; no browser download) and Redis (the shared
# session store). Installed with apt-get when missing, which needs root (CI runs as root).
CHROMIUM_MISSING = $(if $(wildcard /usr/bin/chromium),,chromium)
REDIS_MISSING = $(if $(shell command -v redis-server),,redis-server)
define apt_install
	@if [ -n "$(strip $(1))" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "==> apt-get: $(strip $(1))"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(strip $(1)) >/dev/null; \
		else \
			echo "Missing Debian packages: $(strip $(1)). Install them as root:"; \
			echo "  sudo apt-get install $(strip $(1))"; exit 1; \
		fi; \
	fi
endef
system-packages:
	$(call apt_install,$(CHROMIUM_MISSING) $(REDIS_MISSING))
system-redis:
	$(call apt_install,$(REDIS_MISSING))

$(VENV)/.installed: pyproject.toml
	@echo "==> pip: $(VENV) with the project (editable) and its test and dev tools"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	@touch $@

# pip builds it in an isolated environment with the setuptools and mypy that setup.py asks for (about 1.5 minutes).
$(COMPILED): $(VENV)/.installed setup.py pyproject.toml $(shell find srh_fhir -type f -not -path '*/__pycache__/*') \
	$(PACKAGE_FILES)
	@echo "==> mypyc: srh_fhir with the validator compiled, into $(COMPILED_DIR)"
	@rm -rf $(COMPILED_DIR) $(COMPILED_DIR).partial
	@$(call logged,$(BUILD)/compiled.log,SRH_FHIR_COMPILE=1 $(PY) -m pip install --no-deps --disable-pip-version-check \
		--target $(COMPILED_DIR).partial .)
	@mv $(COMPILED_DIR).partial $(COMPILED_DIR)
	@touch $@

node_modules/.installed: package.json package-lock.json
	@echo "==> npm: SUSHI into node_modules/"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(HAPI_TOOLS): devstack/hapi/pom.xml $(shell find devstack/hapi/src -type f)
	@echo "==> Maven: the Java tools in devstack/hapi (reference validator, core package builder)"
	@mkdir -p $(BUILD)
	@$(call logged,$(BUILD)/maven-tools.log,mvn --quiet --batch-mode -f devstack/hapi/pom.xml package \
		dependency:copy-dependencies -DoutputDirectory=target/lib)
	@touch $@

# The HAPI FHIR JPA test server: built by Maven when a source changed, extracted for a fast start.
$(HAPI_SERVER): devstack/hapi/server/pom.xml $(shell find devstack/hapi/server/src -type f)
	@echo "==> Maven: the HAPI FHIR server in devstack/hapi/server"
	@mkdir -p $(BUILD)
	@$(call logged,$(BUILD)/maven-server.log,devstack/hapi/server/build.sh)

# The R4 core package, built from HAPI's copy of the R4 definitions (no registry serves it).
$(CORE_PACKAGE): $(HAPI_TOOLS)
	@echo "==> the R4 core package into $(BUILD)/fhir-home"
	@$(JAVA) -cp '$(HAPI_CP)' org.srhfhir.tools.CorePackageBuilder '$(FHIR_HOME)/.fhir/packages'

# The app's translations (smart_app/translations/*/LC_MESSAGES/messages.po) compiled for Flask-Babel.
translations: $(TRANSLATIONS)
smart_app/translations/%.mo: smart_app/translations/%.po | $(VENV)/.installed
	@$(VENV)/bin/pybabel -q compile -i $< -o $@

# After changing texts in the app: extract them and add the new ones to both catalogues (then translate the empty
# msgstr entries; tests/app/test_app_security.py fails while one is missing).
translations-update: $(VENV)/.installed
	cd smart_app && ../$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--omit-header -o translations/messages.pot .
	$(VENV)/bin/pybabel update -i smart_app/translations/messages.pot -d smart_app/translations --no-fuzzy-matching \
		--width 120

# --- the profile package --------------------------------------------------------------------------------------------

# $(call generate_profiles,OUT): FSH -> SUSHI -> FHIR package (+ $(PACKAGE_TGZ)), JSON Schemas and docs under OUT.
define generate_profiles
	@echo "==> SUSHI: profiles/input/fsh -> $(1)/ and $(PACKAGE_TGZ)"
	@rm -rf $(BUILD)/sushi && mkdir -p $(BUILD)
	@$(call logged,$(BUILD)/sushi.log,$(SUSHI_ENV) node_modules/.bin/sushi build profiles --snapshot -o $(BUILD)/sushi)
	@$(PY) tools/build_package.py --sushi-config profiles/sushi-config.yaml \
		--resources $(BUILD)/sushi/fsh-generated/resources --out $(1)/package --tgz $(PACKAGE_TGZ)
	@$(PY) tools/make_schemas.py --package $(1)/package --core '$(CORE_DIR)' --out $(1)/schemas
	@$(PY) tools/make_docs.py --package $(1)/package --out $(1)/README.md
endef
PROFILE_INPUTS := $(PROFILE_SOURCES) $(PROFILE_TOOLS) node_modules/.installed $(CORE_PACKAGE)

# What the FSH source gives, beside the committed profiles/ (check-profiles compares them); also the package .tgz.
$(GENERATED) $(PACKAGE_TGZ) &: $(PROFILE_INPUTS) | $(VENV)/.installed
	@rm -rf $(CHECK_DIR)
	$(call generate_profiles,$(CHECK_DIR))
	@touch $(GENERATED) $(PACKAGE_TGZ)

# Regenerates the committed profiles/ (and the .tgz) from the FSH source, then checks the package loads into HAPI.
profiles: $(PROFILE_INPUTS) $(HAPI_TOOLS) | $(VENV)/.installed
	$(call generate_profiles,profiles)
	@$(REFERENCE_VALIDATOR) --check-package $(PACKAGE_TGZ)

# HAPI loads the package and finds its profiles, value sets and examples sound.
$(PACKAGE_CHECKED): $(PACKAGE_TGZ) $(HAPI_TOOLS)
	@echo "==> HAPI: checking $(PACKAGE_TGZ)"
	@$(call logged,$(BUILD)/package-check.log,$(REFERENCE_VALIDATOR) --check-package $(PACKAGE_TGZ))
	@tail -n 1 $(BUILD)/package-check.log
	@touch $@

# Fails when the committed package, schemas or docs differ from what the FSH source produces.
check-profiles: $(GENERATED) $(PACKAGE_CHECKED)
	@diff -r profiles/package $(CHECK_DIR)/package
	@diff -r profiles/schemas $(CHECK_DIR)/schemas
	@diff profiles/README.md $(CHECK_DIR)/README.md
	@echo "profiles/ is up to date with its FSH source"

# HAPI's reference validator on the examples and the invalid fixtures (tests/profiles/test_reference_validation.py).
$(REFERENCE_RESULTS): $(PACKAGE_TGZ) $(VALIDATE_INPUTS) $(HAPI_TOOLS)
	@echo "==> HAPI: validating $(VALIDATE_PATHS) into $@"
	@$(REFERENCE_VALIDATOR) --package $(PACKAGE_TGZ) --root . --out $@ $(VALIDATE_PATHS)
validate-reference: $(REFERENCE_RESULTS)

# Checks every example with HAPI's reference validator and summarises the result.
validate-examples: check-profiles $(REFERENCE_RESULTS) | $(VENV)/.installed
	@$(PY) tools/summarise_validation.py $(REFERENCE_RESULTS)

# Agreement of srh_fhir.validation with HAPI (tests/profiles/test_agreement.py): a fixed-seed corpus of mutated
# examples, judged by HAPI's reference validator in one run together with the examples and the invalid fixtures.
$(AGREEMENT)/manifest.json: tools/make_mutations.py tools/package_files.py $(PACKAGE_FILES) | $(VENV)/.installed
	@echo "==> the mutation corpus into $(AGREEMENT)/corpus"
	@$(PY) tools/make_mutations.py --package profiles/package --out $(AGREEMENT)/corpus --manifest $@
$(AGREEMENT)/hapi.json: $(AGREEMENT)/manifest.json $(PACKAGE_TGZ) $(VALIDATE_INPUTS) $(HAPI_TOOLS)
	@echo "==> HAPI: validating the mutation corpus into $@"
	@$(REFERENCE_VALIDATOR) --package $(PACKAGE_TGZ) --root . --out $@ $(AGREEMENT)/corpus $(VALIDATE_PATHS)
agreement-corpus: $(AGREEMENT)/manifest.json
agreement-reference: $(AGREEMENT)/hapi.json

# Fails when the committed R4 core tables of the Python validator differ from what the core package gives.
$(CORE_TABLES): tools/make_core_tables.py tools/package_files.py $(CORE_PACKAGE) $(PACKAGE_FILES) | $(VENV)/.installed
	@$(PY) tools/make_core_tables.py --core '$(CORE_DIR)' --package profiles/package --out $@
check-core-tables: $(CORE_TABLES)
	@cmp $(CORE_TABLES) srh_fhir/validation/data/r4-core.json
	@echo "srh_fhir/validation/data/r4-core.json is up to date"

# The parse trees of the invariants in the core tables and the profiles, shipped so that no process has to parse them
# (tests/lib/test_fhirpath_trees.py fails when the committed file is not what this writes).
fhirpath-trees: $(VENV)/.installed
	$(PY) tools/make_fhirpath_trees.py --core-tables srh_fhir/validation/data/r4-core.json --package profiles/package \
		--out srh_fhir/validation/data/fhirpath-trees.json
