"""ui.follow under AppTest: each chart that follows a slider binds a slider the page really draws
(a renamed widget key would silently stop a chart following it)."""

from __future__ import annotations

import numpy as np

from nncore import activations
from ui import follow, vega_math
from ui.activations import plots
from ui.neuron import view as neuron_view


def test_the_curve_charts_bind_the_activations_page_parameter_sliders(open_page):
    at = open_page("pages/1_Activations.py", g="leaky_relu,elu,softplus,sigmoid")
    sliders = {s.key for s in at.slider}
    series = tuple((n, n) for n in ("leaky_relu", "elu", "softplus", "sigmoid"))
    for which in ("g", "dg"):
        spec = plots.curve_chart(which, "t", "z", "y", "l", "r", series, ())
        bound = {p["bind"]["element"] for p in spec["params"]}
        assert bound == {"#" + follow.PROXY.format(key=key) for key, _ in plots.LIVE.values()}
        assert {key for key, _ in plots.LIVE.values()} <= sliders
    # no parametrised activation shown: no param, the server's values drawn as they are
    spec = plots.curve_chart("g", "t", "z", "y", "l", "r", (("sigmoid", "s"),), ())
    assert "params" not in spec
    assert spec["layer"][-1]["transform"] == [{"calculate": "datum.g", "as": "v"}]


def test_the_neuron_plane_shades_every_activation_from_the_weight_sliders(open_page):
    # every activation the page offers has its g in Vega, and its plane chart shades the
    # square from the w dataset with the three weight sliders the page draws
    assert set(vega_math.FORMULAS) == set(activations.names())
    at = open_page("pages/2_Neuron.py")
    sliders = {s.key for s in at.slider}
    for act in activations.names():
        spec = neuron_view.plane_spec(act=act)
        shading = [la for la in spec["layer"] if la["mark"]["type"] == "rect"]
        assert len(shading) == 1 and shading[0]["data"] == {"name": "neuron-plane-w"}
        text = str(shading[0]["transform"])
        assert vega_math.g(act) in text
        keys = {neuron_view.FOLLOWED[c][0] for c in ("w1", "w2", "b")}
        assert all(f"toNumber(p_{c})" in text for c in ("w1", "w2", "b"))
        bound = {p["bind"]["element"] for p in spec["params"]}
        assert {"#" + follow.PROXY.format(key=k) for k in keys} <= bound
        assert keys <= sliders
        # a bounded g is scaled by its range, an unbounded one by the largest |a| drawn
        unbounded = not all(np.isfinite(activations.get(act).output_range))
        assert ("'as': 'top'" in text) == unbounded
