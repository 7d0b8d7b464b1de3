# srh-fhir: every command a newcomer or CI needs. `make test` and `make demo` set up what is missing first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD := build
FHIR_HOME := $(abspath $(BUILD)/fhir-home)
CORE_DIR := $(FHIR_HOME)/.fhir/packages/hl7.fhir.r4.core\#4.0.1/package
HAPI_CP := tests/hapi/target/classes:tests/hapi/target/lib/*
JAVA := java -Xmx2g -XX:+UseParallelGC
PACKAGE_TGZ := $(BUILD)/srh.fhir.r4.tgz
# build/ is on the class path so the package check can load the .tgz with HAPI's NpmPackageValidationSupport.
REFERENCE_VALIDATOR := $(JAVA) -cp '$(BUILD):$(HAPI_CP)' org.srhfhir.tools.ReferenceValidator
PROFILES_OUT ?= profiles
# SUSHI tries to fetch helper packages from the internet; make that fail at once instead of timing out.
SUSHI_ENV := HOME=$(FHIR_HOME) FPL_REGISTRY=http://127.0.0.1:9/

VALIDATE_PATHS := profiles/package/example tests/fixtures/invalid

.PHONY: help setup demo test profiles generate-profiles check-profiles validate-reference lint clean

help:
	@echo "make demo    build the profile package and validate the examples with HAPI's validator"
	@echo "make test    set up what is missing and run every test"
	@echo "make profiles / check-profiles / validate-reference / lint / clean"

setup: $(VENV)/.installed node_modules/.installed tests/hapi/target/.built $(CORE_DIR)/package.json

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

tests/hapi/target/.built: tests/hapi/pom.xml $(shell find tests/hapi/src -name '*.java')
	cd tests/hapi && mvn --quiet --batch-mode package dependency:copy-dependencies -DoutputDirectory=target/lib
	touch $@

# The R4 core package, built from HAPI's copy of the R4 definitions (no registry serves it).
$(CORE_DIR)/package.json: tests/hapi/target/.built
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

test: lint check-profiles validate-reference
	$(PY) -m pytest

demo: check-profiles validate-reference
	$(PY) tools/summarise_validation.py $(BUILD)/reference-validation.json

lint: setup
	$(VENV)/bin/ruff check srh_fhir smart_app tools tests profiles/__init__.py
	$(VENV)/bin/mypy

clean:
	rm -rf $(BUILD) tests/hapi/target
