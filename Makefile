# kubevrf.tenancy: the two commands are `make run` and `make test`.
# Everything runs from .venv, built from requirements.txt (the one place
# versions are pinned); `make setup` is a no-op when requirements.txt has not
# changed since the last install.

PYTHON ?= python3
VENV   := $(CURDIR)/.venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements.installed

# Tools come from the venv; ansible.cfg is named explicitly because Ansible
# ignores a config file in a world-writable working directory.
export PATH           := $(BIN):$(PATH)
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PIP_DISABLE_PIP_VERSION_CHECK := 1

PLAYBOOK_ARGS ?=
PYTEST_ARGS   ?=

.PHONY: all setup run build test unit lint sanity build-collection bench clean lab lab-stop molecule

all: test

setup: $(STAMP)

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@tools/system-deps.sh
	@touch $@

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
LINT_PATHS := site.yml playbooks roles galaxy.yml meta changelogs tests/sanity

lint: setup
	ansible-lint $(LINT_PATHS)

sanity: setup
	tests/sanity/run.sh

build-collection: setup
	ansible-galaxy collection build --force --output-path dist

# Not part of `make test`: synthetic 1,000-tenant inventory, timings in the README.
bench: setup
	python bench/run_bench.py

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

# Mutation testing of the decision modules (issue 17); not part of `make test` or CI: slow.
# mutmut is not in requirements.txt: MUTMUT names its binary (install it in another venv).
# Narrow it with e.g. MUTATION_ARGS="--modules verify expect --tests tests/unit/verify --budget 1800".
MUTMUT        ?= mutmut
MUTATION_ARGS ?=
.PHONY: mutation
mutation:
	python tools/mutation.py --mutmut $(MUTMUT) $(MUTATION_ARGS)
