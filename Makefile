# kubevrf.tenancy: the two commands are `make run` and `make test`.
# Everything runs from .venv, installed only from requirements.lock (every
# package pinned with its hashes, kubectl included as a wheel: no root, no apt);
# `make setup` is a no-op when the lock has not changed since the last install.
# `make lock` regenerates the lock from requirements.txt + requirements-dev.in.

PYTHON ?= python3
VENV   := $(CURDIR)/.venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
STAMP  := $(VENV)/.lock.installed

# Tools come from the venv; ansible.cfg is named explicitly because Ansible
# ignores a config file in a world-writable working directory.
export PATH           := $(BIN):$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PIP_DISABLE_PIP_VERSION_CHECK := 1

PLAYBOOK_ARGS ?=
PYTEST_ARGS   ?=

.PHONY: all setup lock run build test unit lint sanity build-collection bench bench-venv clean lab lab-stop molecule

all: test

setup: $(STAMP)

$(STAMP): $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@touch $@

# Regenerate requirements.lock after editing requirements.txt or requirements-dev.in.
# It keeps the pins that still fit; LOCK_ARGS=--upgrade (or --upgrade-package NAME)
# moves them. Hashes cover every file of each release, so the lock installs on
# other platforms too; the resolution is for the Python that runs it (3.11).
LOCK_ARGS ?=
lock: setup
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file $(LOCK) $(LOCK_ARGS) requirements-dev.in

# The main job: site.yml on the inventory in ansible.cfg (inventories/lab).
run: setup
	ansible-playbook site.yml $(PLAYBOOK_ARGS)

# Only the build phase.
build: setup
	ansible-playbook playbooks/build.yml $(PLAYBOOK_ARGS)

# Everything CI runs (.ci/run): pytest, ansible-lint, ansible-test sanity.
test: setup unit lint sanity

# pytest-xdist workers: one more than the 2 cores CI has, because the lab tests
# spend part of their time waiting on SSH / HTTP round trips and subprocesses.
# tests/conftest.py keeps each module on one worker (except the minutes-long
# lab tests, which spread) and hands out the slowest first. PYTEST_WORKERS=0: no xdist.
PYTEST_WORKERS ?= 3
XDIST := -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder

# KUBEVRF_MOLECULE=1: the molecule scenarios (tests/integration/test_molecule*.py) are part of the suite.
unit: setup
	KUBEVRF_MOLECULE=1 python -m pytest -q tests/ $(XDIST) $(PYTEST_ARGS)

# Production profile (.ansible-lint) on the Ansible content and the collection
# metadata; the test data under tests/ and inventories/ is not Ansible content.
LINT_PATHS := site.yml playbooks roles galaxy.yml meta changelogs tests/sanity execution-environment.yml collections/requirements.yml

lint: setup
	ansible-lint $(LINT_PATHS)

sanity: setup
	tests/sanity/run.sh

build-collection: setup
	ansible-galaxy collection build --force --output-path dist

# Not part of `make test`: synthetic 1,000-tenant inventory, and parse_cli on a
# 10 MB output per command (time and peak memory against < 1 s, < 100 MB);
# timings in the README.
bench: setup
	python bench/parse_scale.py
	python bench/run_bench.py
	@if [ -x $(BENCH_VENV)/bin/python ]; then \
	  $(BENCH_VENV)/bin/python bench/parsers_bench.py --corpus; \
	else \
	  echo "bench: no $(BENCH_VENV): the per-file comparison with genieparser and ntc-templates needs 'make bench-venv' once"; \
	fi

# genieparser and ntc-templates only for the comparison above: never in the collection's runtime or test environment.
BENCH_VENV := .venv-bench
bench-venv:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r requirements.txt -r requirements-bench.txt

# The embedded lab: device twins (SSH) and the Kubernetes API twin, on 127.0.0.1.
lab: setup
	ansible-playbook playbooks/lab.yml -e lab_state=started

lab-stop: setup
	ansible-playbook playbooks/lab.yml -e lab_state=stopped

# Only the molecule scenarios (also run by `make test`).
molecule: setup
	KUBEVRF_MOLECULE=1 python -m pytest -q tests/integration -k molecule $(XDIST) $(PYTEST_ARGS)

clean:
	rm -rf build dist tests/output .pytest_cache .hypothesis

# The core's fuzz (tests/unit/model/test_fuzz.py) run long: 5,000 draws per
# generator instead of the suite's 150 (FUZZ_EXAMPLES to change it).
FUZZ_EXAMPLES ?= 5000
.PHONY: fuzz
fuzz: setup
	TENANCY_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) python -m pytest -q -p no:cacheprovider tests/unit/model/test_fuzz.py $(PYTEST_ARGS)

# The end-to-end property (tests/generality): hypothesis-generated inventories built,
# pushed into the in-process lab and validated, each with one injected leak that
# validation must name. The suite runs 2 seeded examples; this runs E2E_EXAMPLES.
E2E_EXAMPLES ?= 40
.PHONY: fuzz-e2e
fuzz-e2e: setup
	KUBEVRF_FUZZ_EXAMPLES=$(E2E_EXAMPLES) python -m pytest -q tests/generality $(PYTEST_ARGS)

# Mutation testing of the decision modules (issue 17); not part of `make test` or CI: slow.
# mutmut comes from the lock (requirements-dev.in); MUTMUT names another binary if wanted.
# Narrow it with e.g. MUTATION_ARGS="--modules verify expect --tests tests/unit/verify --budget 1800".
MUTMUT        ?= mutmut
MUTATION_ARGS ?=
.PHONY: mutation
mutation:
	python tools/mutation.py --mutmut $(MUTMUT) $(MUTATION_ARGS)
