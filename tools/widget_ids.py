"""Stable widget ids: a notebook's saved widget states without the random ids of one run.

ipywidgets names every widget model with a fresh ``uuid4``. After a run, nbclient saves the
state of every model in ``metadata.widgets`` (JupyterLab draws the widgets from it before a
kernel runs), each keyed by its id and pointing at the models it holds as ``IPY_MODEL_<id>``,
and each displayed widget's output names its model by id. So every run rewrote every widget
notebook. :func:`stable_widget_ids` renames model ``k`` to ``uuid5(NAMESPACE, "<name>/<k>")``,
numbering the models in an order that does not depend on their ids:

1. the displayed models, in the order of the cells;
2. after each model, the models it refers to, depth first, in the order the references appear
   in its state (written with sorted keys);
3. last, the models nothing displayed refers to, by their content.

Renaming a notebook that is already stable gives it back unchanged.
"""

from __future__ import annotations

import copy
import json
import re
import uuid

STATE = "application/vnd.jupyter.widget-state+json"
VIEW = "application/vnd.jupyter.widget-view+json"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "rnn-course/widget-ids")


def stable_widget_ids(nb, name: str):
    """A copy of notebook ``nb`` whose widget model ids are ``uuid5(NAMESPACE, f"{name}/{k}")``.

    ``name`` is the notebook's name (e.g. ``"02_activation_functions"``); ``k`` counts the models
    as the module docstring says. The ids change everywhere they occur: the keys of the saved
    states, every string inside the states (``IPY_MODEL_<id>``, nested outputs) and the
    ``model_id`` of every widget output. A notebook without widgets comes back as an equal copy.
    """
    nb = copy.deepcopy(nb)
    states = nb.metadata.get("widgets", {}).get(STATE, {}).get("state", {})
    views = [data[VIEW] for cell in nb.cells for output in cell.get("outputs", [])
             if VIEW in (data := output.get("data", {}))]
    known = set(states) | {view["model_id"] for view in views}
    if not known:
        return nb
    pattern = re.compile("|".join(re.escape(i) for i in sorted(known, key=len, reverse=True)))
    order = _model_order([view["model_id"] for view in views], states, pattern)
    mapping = {old: uuid.uuid5(NAMESPACE, f"{name}/{k}").hex for k, old in enumerate(order)}

    def rename(value):
        if isinstance(value, str):
            return pattern.sub(lambda m: mapping[m.group()], value)
        if isinstance(value, list):
            return [rename(v) for v in value]
        if isinstance(value, dict):
            return type(value)({k: rename(v) for k, v in value.items()})
        return value

    for view in views:
        view["model_id"] = mapping[view["model_id"]]
    if states:
        nb.metadata.widgets[STATE]["state"] = type(states)(
            {mapping[k]: rename(v) for k, v in states.items()})
    return nb


def _model_order(roots: list[str], states: dict, pattern: re.Pattern) -> list[str]:
    """Every model id once: ``roots`` and what they refer to, depth first, then the rest."""
    refs = {i: pattern.findall(json.dumps(s, sort_keys=True)) for i, s in states.items()}
    order, seen = [], set()

    def visit(root: str) -> None:
        stack = [root]
        while stack:
            model = stack.pop()
            if model in seen:
                continue
            seen.add(model)
            order.append(model)
            stack.extend(reversed(refs.get(model, [])))

    for root in roots:
        visit(root)
    for model in sorted(set(states) - seen, key=lambda i: _content(states[i], pattern)):
        visit(model)
    return order


def _content(state: dict, pattern: re.Pattern) -> str:
    """The state as sorted JSON with every model id blanked: what sorts the unreferenced ones."""
    return pattern.sub("", json.dumps(state, sort_keys=True))
