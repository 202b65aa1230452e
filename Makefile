# RNNs for Time Series: every set-up and test step of the course, one target each.
#   make lab    create .venv if needed, then JupyterLab on notebooks/00_index.ipynb
#   make test   the same set-up, then ruff, unit tests and strict nbval of every notebook
# Run `make help` for the rest.

# Which Python makes .venv: empty = the newest on the PATH that TensorFlow supports (the range is
# pyproject.toml's requires-python); `make lab PYTHON=python3.12` picks one. tools/course.py does
# the set-up (Windows learners run it directly: py tools\course.py lab); any python3 can run it.
PYTHON ?=
BOOT   := $(shell command -v python3 2>/dev/null || command -v python 2>/dev/null)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888
# Extra JupyterLab options, e.g. `make lab LAB_ARGS=--no-browser`.
LAB_ARGS ?=
NB     ?= notebooks
JOBS   ?= 2

# The same environment for `make notebooks`, `make test` and JupyterLab, so outputs repeat
# (tools/course.py sets the same for `make lab`; tests/test_course_setup.py keeps them equal).
export TF_CPP_MIN_LOG_LEVEL   := 3
export TF_ENABLE_ONEDNN_OPTS  := 0
export TF_NUM_INTRAOP_THREADS := 2
export TF_NUM_INTEROP_THREADS := 1
export PYTHONHASHSEED         := 0
# One BLAS thread: NumPy's small matrix products are fastest so on 2 cores shared with TensorFlow
# and a second test worker, and stored outputs and tests share one BLAS set-up.
export OPENBLAS_NUM_THREADS   := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

NBVAL := -p no:cacheprovider --nbval --nbval-current-env \
         --nbval-sanitize-with tests/nbval_sanitize.cfg

.PHONY: help env browser lab test lint unit nbval notebooks time nav data lock bench clean slides student site wheelhouse

help:
	@sed -n 's/^#   //p' Makefile
	@echo "  make notebooks [NB=path]  execute notebooks in place and store their outputs"
	@echo "  make time [NB=path]       time every notebook (or one) and list the slowest cells"
	@echo "  make nbval [NB=path]      strict nbval of one notebook or all"
	@echo "  make nav                  regenerate navigation lines and syllabus tables"
	@echo "  make data                 rebuild data/ from statsmodels"
	@echo "  make lock                 re-resolve requirements.lock from pyproject.toml"
	@echo "  make bench                time the NumPy cells against Keras"
	@echo "  make slides               build the workshop deck: build/slides/index.html (needs Node.js)"
	@echo "  make student              student copies and the learners' archive: build/student/"
	@echo "  make wheelhouse           every locked package for Linux, macOS and Windows: wheelhouse/"
	@echo "  make site                 the course as a website, from the stored outputs: build/site/ (needs Node.js)"

env:
	@test -n "$(BOOT)" || { echo "make: no python3 on the PATH; see README, Troubleshooting" >&2; exit 2; }
	@$(BOOT) tools/course.py env $(if $(PYTHON),--python "$(PYTHON)")

lab:
	@$(BOOT) tools/course.py lab --port $(PORT) $(if $(PYTHON),--python "$(PYTHON)") $(LAB_ARGS)

# Debian's Chromium for the browser tests (tests/test_browser.py); see tools/ensure_chromium.sh.
browser:
	@bash tools/ensure_chromium.sh

# One pytest pass over the unit tests and strict nbval of every notebook, two workers sharing the
# load (each file stays on one worker: a notebook's cells share one kernel), with the network
# cut. What needs the network is done first: the deck and the site (npm packages on a fresh
# clone) and the Linux part of a wheelhouse, from which tests/test_wheelhouse.py proves an
# offline set-up resolves (pip's cache makes it quick after `make env`).
test: env browser site
	$(BIN)/ruff check .
	$(MAKE) --no-print-directory wheelhouse \
		WHEELHOUSE_ARGS="--out build/wheelhouse-test --platform linux --python current"
	bash tools/offline.sh $(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile $(NBVAL) \
		tests notebooks

lint: env
	$(BIN)/ruff check .

unit: env
	$(BIN)/python -m pytest -q tests

nbval: env
	$(BIN)/python -m pytest $(NBVAL) $(NB)

notebooks: env
	$(BIN)/python -m tools.run_notebooks $(NB)

# Every notebook run as a learner runs them, into temporary copies: seconds per notebook, the
# total and the slowest cells (README, Timings).
time: env
	$(BIN)/python -m tools.time_course $(filter-out notebooks,$(NB))

nav: env
	$(BIN)/python -m tools.navigation

data: env
	$(BIN)/python -m utils.data build

lock: env
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
		--custom-compile-command "make lock" --quiet -o requirements.lock
	@echo "requirements.lock updated; run make test, then commit it"

bench: env
	$(BIN)/python bench/bench_cells.py

# The workshop kit (slides/README.md, README "Teaching this course").
slides: env
	$(BIN)/python slides/build.py

student: env
	$(BIN)/python -m tools.student

# Every locked package as wheels for Linux x86-64, macOS arm64 and Windows (one Python, 3.12), in
# wheelhouse/ (not committed): copied onto a USB stick, `make lab` installs from it with no
# network. A part only: make wheelhouse WHEELHOUSE_ARGS="--platform linux --python current"
WHEELHOUSE_ARGS ?=
wheelhouse: env
	$(BIN)/python -m tools.wheelhouse $(WHEELHOUSE_ARGS)

# The course as a static website from the notebooks' stored outputs, with the deck in it (README,
# "The course as a website"). tests/test_site.py runs the same build when build/site is stale.
site: slides
	$(BIN)/python -m tools.site

clean:
	rm -rf $(VENV) test-output
