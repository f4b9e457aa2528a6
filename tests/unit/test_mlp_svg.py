"""ui.mlp.svg: the network diagram's nodes, edges and labels, read back from the SVG."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET

import numpy as np
from PIL import Image

from ui.mlp import svg as mlp_svg
from ui.mlp import view as mlp_view


def _svg(text: str):
    root = ET.fromstring(text)
    return root, {e: e.tag.rsplit("}", 1)[-1] for e in root.iter()}


def test_diagram_svg_lays_out_layers_edges_and_focus():
    rng = np.random.default_rng(0)
    W = [rng.normal(size=(3, 2)), rng.normal(size=(1, 3))]
    maps = [rng.uniform(-1, 1, (5, 5, n)) for n in (2, 3, 1)]
    sprite = mlp_view.map_sprite(maps, (-1.0, 1.0), "binary")
    svg = mlp_svg.diagram_svg(W, sprite, ["in", "h1", "out"], ["x₁", "x₂"], focus="1-2")
    root, tags = _svg(svg)
    nodes = {e.get("data-node"): e for e, t in tags.items() if t == "svg" and e.get("data-node")}
    assert set(nodes) == {"0-0", "0-1", "1-0", "1-1", "1-2", "2-0"}
    pos = {k: (float(e.get("x")), float(e.get("y"))) for k, e in nodes.items()}
    assert pos["0-0"][0] < pos["1-0"][0] < pos["2-0"][0]  # layers left to right
    assert pos["1-0"][1] < pos["1-1"][1] < pos["1-2"][1]  # units top to bottom
    # each node crops its own tile of the sprite: that tile is its map's colours
    href = next(e for e, t in tags.items() if t == "image").get("href")
    px = np.asarray(Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))))
    assert px.shape == (7, 7 * 6, 3)
    for (l, j), k in (((0, 1), 1), ((1, 2), 4), ((2, 0), 5)):
        x, y, w, h = (int(v) for v in nodes[f"{l}-{j}"].get("viewBox").split())
        assert (x, y, w, h) == (7 * k + 1, 1, 5, 5)
        rgb = mlp_view.layer_rgb(maps[l][:, :, j:j + 1], None if l == 0 else (-1.0, 1.0),
                                 "binary" if l == 2 else None)[:, :, 0]
        assert np.array_equal(px[y:y + h, x:x + w], rgb[::-1])  # image rows run top-down
    lines = [e for e, t in tags.items() if t == "line"]
    assert len(lines) == 6 + 3
    w = sorted(float(e.get("data-w")) for e in lines)
    np.testing.assert_allclose(w, sorted(np.concatenate([W[0].ravel(), W[1].ravel()])),
                               rtol=1e-3)
    focus = [e.get("data-focus") for e, t in tags.items() if t == "rect"]
    assert focus == ["1-2"]
    texts = [e.text for e, t in tags.items() if t == "text"]
    assert texts[:3] == ["in", "h1", "out"] and texts[3:] == ["x₁", "x₂"]


def test_diagram_svg_keeps_the_strongest_edges_of_a_wide_net_and_draws_dots():
    W = [np.arange(1, 64 * 2 + 1, dtype=float).reshape(64, 2), np.ones((1, 64))]
    svg = mlp_svg.diagram_svg(W, None, ["a", "b", "c"], ["x", "y"], max_edges=50)
    _, tags = _svg(svg)
    lines = [float(e.get("data-w")) for e, t in tags.items() if t == "line"]
    assert len(lines) == 50 and min(lines) >= 128 - 49
    assert sum(1 for t in tags.values() if t == "circle") == 2 + 64 + 1


def test_edge_colour_is_the_sign_and_width_grows_with_the_weight():
    # blue for w >= 0 (a NaN weight is drawn as 0), orange for w < 0, as in TFP
    W = [np.array([[0.5, -0.5], [3.0, np.nan]]), np.array([[-3.0, 0.0]])]
    root, tags = _svg(mlp_svg.diagram_svg(W, None, ["a", "b", "c"], ["x", "y"]))
    lines = {e.get("data-w"): e for e, t in tags.items() if t == "line"}
    assert {w: e.get("stroke") for w, e in lines.items()} == {
        "0.5": "#0877bd", "-0.5": "#f59322", "3": "#0877bd", "0": "#0877bd", "-3": "#f59322",
    }
    width = {w: float(e.get("stroke-width")) for w, e in lines.items()}
    assert width["0"] < width["0.5"] == width["-0.5"] < width["3"] == width["-3"]
    # one data-node per unit, no focus outline for an id that names no unit
    assert sum(1 for e in root.iter() if e.get("data-node")) == 2 + 2 + 1
    svg = mlp_svg.diagram_svg(W, None, ["a", "b", "c"], ["x", "y"], focus="7-7")
    assert "data-focus" not in svg
    assert root.get("data-id") == "mlp-diagram"
    assert root.get("viewBox").split()[2] == root.get("width") == "380"


def test_labels_are_escaped_text():
    W = [np.ones((1, 2))]
    svg = mlp_svg.diagram_svg(W, None, ["<in>", "a & b"], ['x"1', "y<2"])
    _, tags = _svg(svg)  # parses: nothing in a label breaks the markup
    texts = [e.text for e, t in tags.items() if t == "text"]
    assert texts == ["<in>", "a & b", 'x"1', "y<2"]
    inputs = [e.get("data-input") for e, t in tags.items() if t == "text" and e.get("data-input")]
    assert inputs == ['x"1', "y<2"]
