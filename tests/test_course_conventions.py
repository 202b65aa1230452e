"""The course's conventions, checked on every notebook and markdown file (see CONTRIBUTING.md)."""

import re
from pathlib import Path

import nbformat
import pytest

from tools import navigation
from tools.student import CHECK, EXERCISE, SOLUTION

ROOT = Path(__file__).resolve().parents[1]

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MARKDOWN = [ROOT / p for p in ("README.md", "CONTRIBUTING.md")] + sorted(
    p for p in ROOT.glob("*/**/*.md") if ".venv" not in p.parts)
SETUP = "from utils import setup_notebook\n\nsetup_notebook(seed=42)"
#: Notebooks that train no Keras model never import TensorFlow (their setup cell is then fast).
SETUP_WITHOUT_TF = "from utils import setup_notebook\n\nsetup_notebook(seed=42, tensorflow=False)"
FORBIDDEN = {
    r"input_shape\s*=": "input_shape= is deprecated in Keras 3: use keras.Input(shape=...)",
    r"batch_input_shape|time_major": "removed in Keras 3",
    r"load_dataset\(": "seaborn.load_dataset downloads at run time",
    r"get_file\(": "keras.utils.get_file downloads at run time",
    r"tf\.compat\.v1|tf\.Session|placeholder\(": "TensorFlow 1 API",
    r"seaborn-(whitegrid|darkgrid|white|dark|ticks)": "removed matplotlib style name",
    r"from utils[\w.]* import \*": "star imports hide where names come from",
    r"from tensorflow import keras|import tensorflow\.keras": "use `import keras` (Keras 3)",
}


EXERCISE_HEADING = re.compile(r"^### Exercise (\d+): \S", re.MULTILINE)
CHECK_CALL = re.compile(r"\bcheck_\w+\(")


def ids(paths):
    return [p.name for p in paths]


def read(path):
    return nbformat.read(path, as_version=4)


def tags(cell) -> list[str]:
    return cell.metadata.get("tags", [])


def test_notebooks_are_numbered_in_order_from_00():
    assert NOTEBOOKS, "no notebooks"
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(NOTEBOOKS))), [p.name for p in NOTEBOOKS]
    for p in NOTEBOOKS:
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", p.name), p.name


def test_navigation_lines_course_map_and_syllabus_are_fresh():
    """Also 00_index's timetables, which `make nav` writes from slides/plan.toml."""
    stale = navigation.update(check=True)
    assert not stale, f"stale navigation in {stale}: run `make nav`"


def test_the_timetables_of_00_index_are_readme_s():
    """Notebook 00 shows README's two timetables, table for table (`make nav` writes them into 00,
    `make slides` into README, both from slides/plan.toml; tests/test_slides.py checks README)."""
    cells = [c for c in read(NOTEBOOKS[0]).cells if navigation.PLAN_TAG in tags(c)]
    assert len(cells) == 1, f"00_index.ipynb needs one cell tagged {navigation.PLAN_TAG!r}"
    tables = re.findall(r"^\|.*\|\n(?:\|.*\|\n?)+", cells[0].source, re.MULTILINE)
    assert len(tables) == 2, "the half-day and the full-day timetable"
    readme = (ROOT / "README.md").read_text()
    for table in tables:
        assert table.strip() in readme, f"README has not this timetable of 00_index:\n{table}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_opening(path):
    nb = read(path)
    header = navigation.read_header(path)
    assert header.title.startswith(path.name[:2] + " · ")
    text = nb.cells[1].source
    assert "**Learning objectives.**" in text and "**Prerequisites:**" in text
    objectives = re.findall(r"^- ", text.split("**Learning objectives.**")[1].split("**Prereq")[0],
                            re.MULTILINE)
    assert 3 <= len(objectives) <= 5, f"{len(objectives)} learning objectives"
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code.source.strip() in (SETUP, SETUP_WITHOUT_TF)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    uses_tf = re.search(r"^\s*(import|from) (keras|tensorflow)\b|utils\.forecasting\.("
                        r"keras_forecaster|networks|training|multistep)|KerasForecaster", code,
                        re.M)
    if first_code.source.strip() == SETUP_WITHOUT_TF:
        assert not uses_tf, "a notebook that imports Keras must set it up: setup_notebook(seed=42)"
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_outputs_come_from_one_clean_scripted_run(path):
    code = [c for c in read(path).cells if c.cell_type == "code" and c.source.strip()]
    counts = [c.execution_count for c in code]
    assert counts == list(range(1, len(code) + 1)), "run `make notebooks NB=...`"
    for i, cell in enumerate(code):
        tags = cell.metadata.get("tags", [])
        for out in cell.outputs:
            assert out.output_type != "error" or "raises-exception" in tags, f"code cell {i}"
            if out.get("name") == "stderr":
                pytest.fail(f"code cell {i} wrote to stderr: {out.text[:200]!r}")
    silent = sum(1 for c in code if not c.outputs)
    assert silent <= len(code) // 2, (
        f"{silent} of {len(code)} code cells have no output: strict nbval compares nothing there")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_exercises_and_solutions(path):
    nb = read(path)
    exercises = [int(n) for c in nb.cells if c.cell_type == "markdown"
                 for n in EXERCISE_HEADING.findall(c.source)]
    solutions = [i for i, c in enumerate(nb.cells) if SOLUTION in tags(c)]
    if path.name.startswith("00_"):
        assert not exercises and not solutions
        return
    assert len(exercises) >= 2, "at least two exercises"
    assert exercises == list(range(1, len(exercises) + 1))
    titles = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
              and (c.source.strip().splitlines() or [""])[0].strip() == "## Solutions"]
    assert len(titles) == 1, "one '## Solutions' section"
    # student copies drop exactly the cells tagged `solution` (tools/student.py)
    assert solutions == list(range(titles[0], len(nb.cells) - 1)), (
        "the '## Solutions' heading and every cell after it but the last (navigation) are "
        f"tagged {SOLUTION!r}, and no other cell is")
    code = [nb.cells[i] for i in solutions if nb.cells[i].cell_type == "code"]
    assert len(code) >= len(exercises)
    for cell in code:
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:60]
        assert "strict=True" in cell.source, "a solution ends in its checker in strict mode"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_every_exercise_is_a_tagged_stub_then_a_tagged_check(path):
    """Student copies clear the outputs of exactly these cells (tools/student.py)."""
    cells = read(path).cells
    expected = {}
    for h, cell in enumerate(cells):
        if cell.cell_type == "markdown" and EXERCISE_HEADING.search(cell.source):
            expected[h + 1], expected[h + 2] = EXERCISE, CHECK
    assert all(i < len(cells) for i in expected), "an exercise heading ends the notebook"
    found = {i: [t for t in tags(c) if t in (EXERCISE, CHECK)] for i, c in enumerate(cells)}
    found = {i: t for i, t in found.items() if t}
    missing = {i: tag for i, tag in expected.items() if found.get(i) != [tag]}
    stray = {i: t for i, t in found.items() if i not in expected}
    assert not missing, (f"after each '### Exercise N:' heading: a stub tagged {EXERCISE!r}, "
                         f"then a check tagged {CHECK!r}; these cells lack their tag: {missing}")
    assert not stray, f"cells tagged outside an exercise (heading, stub, check): {stray}"
    for i, tag in expected.items():
        cell = cells[i]
        assert cell.cell_type == "code" and SOLUTION not in tags(cell), f"cell {i}"
        calls = bool(CHECK_CALL.search(cell.source))
        assert calls == (tag == CHECK), f"cell {i}: the check calls a checker, the stub does not"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_no_deprecated_or_downloading_apis(path):
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type != "code":
            continue
        for pattern, why in FORBIDDEN.items():
            assert not re.search(pattern, cell.source), f"cell {i}: {why}"


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _links(path: Path):
    if path.suffix == ".ipynb":
        texts = [c.source for c in read(path).cells if c.cell_type == "markdown"]
    else:
        texts = [path.read_text()]
    for text in texts:
        yield from LINK.findall(re.sub(r"```.*?```", "", text, flags=re.S))


@pytest.mark.parametrize("path", NOTEBOOKS + MARKDOWN, ids=ids(NOTEBOOKS + MARKDOWN))
def test_relative_links_point_somewhere(path):
    broken = []
    for target in _links(path):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        if not (path.parent / target.split("#")[0]).exists():
            broken.append(target)
    assert not broken, f"broken links in {path.name}: {broken}"
