PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean mutation

$(STAMP): pyproject.toml
	@echo "legload: creating $(VENV) and installing legload with its dependencies (a minute or two the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/legload demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

# Mutation score of models/ and analysis/ (not part of `make test`): mutmut makes every mutant
# under mutants/, then runs a stratified random sample of them (MUTATION_FRACTION of each
# module, at least MUTATION_MINIMUM; MUTATION_FRACTION=1 runs them all) and prints the score
# per package with its 95 % interval. The locomotion model is part of the sample;
# MUTATION_MODULES='legload.models.locomotion.*' samples one package alone,
# 'legload.models.[abr]*' adaptation, body and risk. On a shared machine MUTATION_CHILDREN=1
# and MUTATION_NICE=10 keep it to one core at low priority.
MUTATION_FRACTION ?= 0.01
MUTATION_MINIMUM ?= 2
MUTATION_SEED ?= 18
MUTATION_MODULES ?= *
MUTATION_CHILDREN ?= 2
MUTATION_NICE ?= 0

mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	-nice -n $(MUTATION_NICE) $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) \
		'make-mutants-only-none-match*'
	$(BIN)/python tools/mutation_score.py sample --fraction $(MUTATION_FRACTION) \
		--minimum $(MUTATION_MINIMUM) --seed $(MUTATION_SEED) --modules '$(MUTATION_MODULES)' \
		> mutants/sample.txt
	nice -n $(MUTATION_NICE) $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) \
		$$(cat mutants/sample.txt)
	$(BIN)/python tools/mutation_score.py report --sample mutants/sample.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache mutants
