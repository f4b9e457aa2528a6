"""Shared links keep opening the same view (issue 13's constraint on the refactor).

``links_kept.json`` was captured from the pages as they were before the code moved into
one shape (commit f97b98d): for each link, every keyed widget's value, the URL the page
wrote back, the notice, the titles, the charts' descriptions and the metrics. The test
opens the same links and compares. Regenerate only for a change that is meant to change
what a link shows: ``python -m tests.integration.test_links_kept --capture`` (from the
repository root).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import spec_id
from tests.integration.fuzz_support import PATH, open_with

ROOT = Path(__file__).resolve().parents[2]

CAPTURED = Path(__file__).with_name("links_kept.json")

#: (page, query string as a dict: a list repeats the key)
LINKS: list[tuple[str, dict[str, Any]]] = [
    ("activations", {}),
    ("activations", {"lang": "zh"}),
    ("activations", {"g": ["relu", "tanh"], "z": "-3,3", "leaky_alpha": "0.2",
                     "tab": "depth", "depth": "20"}),
    ("activations", {"tab": "why", "layers": "2", "seed": "7", "nonlin": "relu"}),
    ("activations", {"tab": "variants", "prelu_alpha": "0.3", "prelu_steps": "80",
                     "rrelu_seed": "5"}),
    ("activations", {"z": "-6,-6", "focus": "tanh", "g": "sigmoid,tanh", "tau": "0.2"}),
    ("activations", {"g": "relu,bogus", "beta": "abc", "junk": "1"}),
    ("neuron", {}),
    ("neuron", {"lang": "zh", "dataset": "xor", "noise": "10", "seed": "3"}),
    ("neuron", {"w1": "1.5", "w2": "-2", "b": "0.25", "act": "tanh", "x1": "-1",
                "x2": "3.5", "rule": "perceptron", "lr": "1", "speed": "20"}),
    ("neuron", {"lr": "0.05", "w1": "99", "act": "nope", "extra": "x"}),
    ("neuron", {"dataset": "circle", "lr": "3e-2", "speed": "1"}),
    ("mlp", {}),
    ("mlp", {"lang": "zh"}),
    ("mlp", {"dataset": "spiral", "layers": "8,8,4", "lr": "0.1", "act": "relu",
             "features": ["x1", "x2", "x1^2"], "noise": "20", "seed": "5", "opt": "adam",
             "reg": "l2", "reg_rate": "0.001"}),
    ("mlp", {"dataset": "multiclass", "classes": "5", "batch": "20", "full": "1",
             "train": "70", "init": "he", "big": "1", "layers": "32,16"}),
    ("mlp", {"layers": "0", "dataset": "reg-plane", "discrete": "1", "test": "1"}),
    ("mlp", {"layers": "9,9,9,9,9,9,9", "lr": "0.05", "reg_rate": "abc", "junk": "1"}),
    ("mlp", {"lr": "3e-2", "features": "x1,sin(x1),bogus"}),
    ("backprop", {}),
    ("backprop", {"lang": "zh"}),
    ("backprop", {"sizes": "3-4-2-2", "act": "relu", "out": "softmax", "x": "1,2,3",
                  "y": "1", "seed": "4", "step": "7", "alpha": "0.3", "digits": "3"}),
    ("backprop", {"sizes": "2-2-1", "batch": "1", "m": "5", "all": "1", "out": "linear",
                  "y": "2.5", "init": "xavier"}),
    ("backprop", {"step": "999", "alpha": "0.05", "x": "abc", "sizes": "2-x-1"}),
    ("backprop", {"sizes": "2-3-1", "out": "sigmoid", "y": "0.5", "act": "sigmoid"}),
]


def _walk(node) -> Any:
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield child
            yield from _walk(child)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def view_of(at) -> dict[str, Any]:
    """What a link opens: widget values by key, the URL written back, texts and charts."""
    widgets = {}
    for node in _walk(at._tree):
        key = getattr(node, "key", None)
        # the frame's own widgets (language switches) and download buttons (a file to
        # take away, no setting) are not the page's view of a link
        if getattr(node, "type", "") == "download_button":
            continue
        if key and hasattr(node, "value") and not key.startswith(("$$", "frame_")):
            try:
                widgets[key] = _plain(node.value)
            except Exception:  # a button's value outside its run
                continue
    qp = {k: _plain(at.query_params.get(k)) for k in sorted(at.query_params.keys())}
    return {
        "exception": [e.message for e in at.exception],
        "titles": [x.value for x in at.title],
        "notices": [w.value for w in at.warning],
        "errors": [e.value for e in at.error],
        "widgets": dict(sorted(widgets.items())),
        "query": qp,
        "charts": sorted(spec_id(json.loads(c.proto.spec))
                         for c in at.get("vega_lite_chart")),
        "metrics": [[m.label, m.value] for m in at.metric],
    }


def link_id(page: str, params: dict[str, Any]) -> str:
    return page + "?" + "&".join(
        f"{k}={','.join(v) if isinstance(v, list) else v}" for k, v in params.items())


@pytest.mark.parametrize("page,params", LINKS, ids=[link_id(*x) for x in LINKS])
def test_link_opens_the_same_view(page, params, monkeypatch):
    monkeypatch.chdir(ROOT)
    want = json.loads(CAPTURED.read_text())[link_id(page, params)]
    got = json.loads(json.dumps(view_of(open_with(PATH[page], params))))
    for part in want:
        assert got[part] == want[part], f"{link_id(page, params)}: {part} differs"


if __name__ == "__main__" and "--capture" in sys.argv:
    import os

    os.chdir(ROOT)
    out = {link_id(p, q): view_of(open_with(PATH[p], q)) for p, q in LINKS}
    CAPTURED.write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"captured {len(out)} links into {CAPTURED}")
