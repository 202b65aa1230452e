"""tools.widget_ids: saved widget states get ids that do not change from run to run."""

from __future__ import annotations

import json
import random
import re
import uuid

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.widget_ids import NAMESPACE, STATE, VIEW, stable_widget_ids


def view(model_id: str):
    return new_output("execute_result", data={
        VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
        "text/plain": "VBox(...)"}, execution_count=1)


def widget_notebook(shuffle_seed: int):
    """Two displayed widgets (a box holding a slider, and a button inside an Output widget's
    state), a layout both share, and a model nothing refers to; fresh uuid4 ids, the saved
    states in a shuffled order, as a run of ipywidgets leaves them."""
    ids = {label: uuid.uuid4().hex for label in
           ("box", "slider", "layout", "output", "button", "orphan")}
    ref = {label: f"IPY_MODEL_{i}" for label, i in ids.items()}

    def model(label: str, name: str, **state):
        return {"model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
                "model_name": name, "state": {"description": label, **state}}

    states = [
        ("box", model("box", "VBoxModel", children=[ref["slider"], ref["output"]],
                      layout=ref["layout"])),
        ("slider", model("slider", "FloatSliderModel", layout=ref["layout"], value=1.0)),
        ("layout", model("layout", "LayoutModel")),
        ("output", model("output", "OutputModel", outputs=[
            {"output_type": "display_data", "metadata": {},
             "data": {VIEW: {"model_id": ids["button"], "version_major": 2,
                             "version_minor": 0}}}])),
        ("button", model("button", "ButtonModel", layout=ref["layout"])),
        ("orphan", model("orphan", "LayoutModel", width="50%")),
    ]
    random.Random(shuffle_seed).shuffle(states)
    nb = new_notebook(cells=[
        new_markdown_cell("# A widget"),
        new_code_cell("box", outputs=[view(ids["box"])], execution_count=1),
        new_code_cell("output", outputs=[view(ids["output"])], execution_count=2),
    ])
    for k, cell in enumerate(nb.cells):
        cell.id = f"cell-{k}"  # as in a stored notebook: the same from run to run
    nb.metadata.widgets = {STATE: {"state": {ids[label]: s for label, s in states},
                                   "version_major": 2, "version_minor": 0}}
    return nb


def states_of(nb) -> dict:
    return nb.metadata.widgets[STATE]["state"]


def by_label(nb) -> str:
    """The notebook as JSON with every model id replaced by its model's label."""
    labels = {i: s["state"]["description"] for i, s in states_of(nb).items()}
    pattern = re.compile("|".join(labels))
    text = pattern.sub(lambda m: f"<{labels[m.group()]}>", json.dumps(nb))
    return json.dumps(json.loads(text), sort_keys=True)


def test_two_runs_give_the_same_bytes_and_every_reference_follows():
    first, second = widget_notebook(0), widget_notebook(1)
    assert set(states_of(first)).isdisjoint(states_of(second))  # two runs, two sets of ids
    a, b = stable_widget_ids(first, "demo"), stable_widget_ids(second, "demo")
    assert nbformat.writes(a) == nbformat.writes(b)
    assert by_label(a) == by_label(first) == by_label(second)  # every id renamed consistently
    assert set(states_of(a)).isdisjoint(states_of(first))
    nbformat.validate(a)


def test_the_ids_come_from_the_notebook_name_and_the_order_of_display():
    nb = stable_widget_ids(widget_notebook(0), "02_activation_functions")
    first_view = nb.cells[1].outputs[0].data[VIEW]["model_id"]
    assert first_view == uuid.uuid5(NAMESPACE, "02_activation_functions/0").hex
    expected = {uuid.uuid5(NAMESPACE, f"02_activation_functions/{k}").hex for k in range(6)}
    assert set(states_of(nb)) == expected
    other = stable_widget_ids(widget_notebook(0), "03_loss_functions")
    assert set(states_of(other)).isdisjoint(expected)


def test_a_stable_notebook_comes_back_unchanged_and_the_input_is_not_mutated():
    nb = widget_notebook(2)
    before = nbformat.writes(nb)
    once = stable_widget_ids(nb, "demo")
    assert nbformat.writes(nb) == before
    assert nbformat.writes(stable_widget_ids(once, "demo")) == nbformat.writes(once)


def test_a_notebook_without_widgets_comes_back_equal():
    nb = new_notebook(cells=[new_code_cell("1 + 1", execution_count=1, outputs=[
        new_output("execute_result", data={"text/plain": "2"}, execution_count=1)])])
    assert stable_widget_ids(nb, "demo") == nb
