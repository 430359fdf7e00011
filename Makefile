# DeepTraj: two commands do all the set-up on a fresh Debian 12 machine.
#   make demo   set up, then run the headless demo (DATA=path/to/points.csv to use your own data)
#   make test   set up, then run the whole test suite headless
#   make package  build dist/deeptraj.zip for "Install from ZIP" in QGIS
#   make lint   ruff check + ruff format --check (make format rewrites the files)
#   TORCH=auto|cpu|cuda  PyTorch build for setup (auto: CUDA only when nvidia-smi lists a GPU and CI is unset)
PY := .venv/bin/python
export TORCH ?= auto
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup demo test lint format package bench translations clean

setup:
	bash scripts/setup_env.sh

demo: setup
	$(PY) scripts/demo.py $(if $(DATA),--data "$(DATA)") --out out

test: setup
	$(PY) -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

bench: setup
	$(PY) benchmarks/discretize.py

translations:
	bash scripts/update_translations.sh

package:
	bash scripts/package.sh

clean:
	rm -rf out dist .qgis-settings
