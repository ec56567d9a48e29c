# The two quick-start commands: `make demo` (the main job, offline) and `make test`.
# Both create the virtual environment .venv on first use and install the package into it.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test smoke

$(BIN)/.installed: setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/nevis demo --learner baselines_jax/configs/demo.py --data-dir $(or $(TFDS_DATA_DIR),$(HOME)/tensorflow_datasets)

test: $(BIN)/.installed
	$(BIN)/python -m pytest -n 2 -q

# Every FULL task built from its fake data, then the linear probe over the 106 events (~7 min).
smoke: $(BIN)/.installed
	$(BIN)/python -m nevis_bench.smoke --stream full --stop-year 2022
