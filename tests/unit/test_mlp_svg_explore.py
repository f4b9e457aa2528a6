"""The diagram's exploring marks (issue 31): each weight line's value in its ``<title>``,
a switched-off unit greyed with its lines grey and dashed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np

from ui.mlp import svg as mlp_svg

NS = "{http://www.w3.org/2000/svg}"


def test_every_line_has_a_title_with_its_value():
    W = [np.array([[0.5, -1.25], [2.0, 0.125]]), np.array([[-0.75, 3.0]])]
    root = ET.fromstring(mlp_svg.diagram_svg(W, None, ["in", "h", "out"], ["x", "y"]))
    lines = list(root.iter(NS + "line"))
    assert len(lines) == 6
    for line in lines:
        title = line.find(NS + "title").text
        assert title.endswith(f"= {float(line.get('data-w')):.4g}")
    # W[1] unit 2 <- input 1 is 2.0: the title names the layer and the two units (1-based)
    assert "W[1] 1→2 = 2" in [ln.find(NS + "title").text for ln in lines]


def test_a_switched_off_unit_is_greyed_and_its_lines_dashed():
    W = [np.ones((3, 2)), np.ones((1, 3))]
    root = ET.fromstring(mlp_svg.diagram_svg(W, None, ["in", "h", "out"], ["x", "y"],
                                             off=[(1, 1)]))
    off = [g for g in root.iter(NS + "g") if g.get("data-off") == "1"]
    assert len(off) == 1 and off[0][0].get("data-node") == "1-1"
    dashed = [ln.find(NS + "title").text for ln in root.iter(NS + "line")
              if ln.get("stroke-dasharray")]
    # its two inputs (W[1] 1→2, 2→2) and its output (W[2] 2→1), no other line
    assert sorted(dashed) == ["W[1] 1→2 = 1", "W[1] 2→2 = 1", "W[2] 2→1 = 1"]
    assert all(ln.get("stroke") == mlp_svg.GREY for ln in root.iter(NS + "line")
               if ln.get("stroke-dasharray"))
