"""``ui.follow``: the Vega params bound to sliders, and that each chart binds a slider the
page really draws (a renamed widget key would silently stop a chart following it).

The formulas themselves are checked against nncore in Chromium
(``tests/e2e/test_e2e_follow.py``), as is the redraw before any rerun.
"""

from __future__ import annotations

import numpy as np
import pytest

from nncore import activation_stats as stats
from nncore import activations
from ui import follow
from ui.activations import plots, view
from ui.neuron import view as neuron_view


def test_a_param_binds_the_hidden_input_of_the_slider_with_that_key():
    p = follow.param("p_a", "act_leaky_alpha").param.to_dict()
    assert p["name"] == "p_a" and p["value"] is None
    assert p["bind"] == {"element": ".st-key-act_leaky_alpha input[type=range]",
                         "event": follow.EVENT}


def test_live_falls_back_to_the_server_while_unbound():
    expr = follow.live("p", "2 * {v}", "datum.g")
    assert expr == "(isValid(p) && p !== '' ? (2 * toNumber(p)) : (datum.g))"


def test_the_curve_charts_bind_the_activations_page_parameter_sliders(open_page):
    at = open_page("pages/1_Activations.py", g="leaky_relu,elu,softplus,sigmoid")
    sliders = {s.key for s in at.slider}
    series = tuple((n, n) for n in ("leaky_relu", "elu", "softplus", "sigmoid"))
    for which in ("g", "dg"):
        spec = plots.curve_chart(which, "t", "z", "y", "l", "r", series, ())
        bound = {p["bind"]["element"] for p in spec["params"]}
        assert bound == {follow.SLIDER_INPUT.format(key=key) for key, _, _ in plots.LIVE.values()}
        assert {key for key, _, _ in plots.LIVE.values()} <= sliders
    # no parametrised activation shown: no param, the server's values drawn as they are
    spec = plots.curve_chart("g", "t", "z", "y", "l", "r", (("sigmoid", "s"),), ())
    assert "params" not in spec
    assert spec["layer"][-1]["transform"] == [{"calculate": "datum.g", "as": "v"}]


def test_the_neuron_plane_shades_every_activation_from_the_weight_sliders(open_page):
    # every activation the page offers has its g in Vega, and its plane chart shades the
    # square from the w dataset with the three weight sliders the page draws
    assert set(neuron_view.G_VEGA) == set(activations.names())
    at = open_page("pages/2_Neuron.py")
    sliders = {s.key for s in at.slider}
    for act in activations.names():
        spec = neuron_view.plane_spec(act=act)
        shading = [la for la in spec["layer"] if la["mark"]["type"] == "rect"]
        assert len(shading) == 1 and shading[0]["data"] == {"name": "neuron-plane-w"}
        text = str(shading[0]["transform"])
        assert neuron_view.G_VEGA[act] in text
        keys = {neuron_view.FOLLOWED[c][0] for c in ("w1", "w2", "b")}
        assert all(f"toNumber(p_{c})" in text for c in ("w1", "w2", "b"))
        bound = {p["bind"]["element"] for p in spec["params"]}
        assert {follow.SLIDER_INPUT.format(key=k) for k in keys} <= bound
        assert keys <= sliders
        # a bounded g is scaled by its range, an unbounded one by the largest |a| drawn
        unbounded = not all(np.isfinite(activations.get(act).output_range))
        assert ("'as': 'top'" in text) == unbounded


# the parameter sliders' ranges (ui/activations/sections.parameters)
RANGES = {"leaky_relu": ("alpha", 0.0, 1.0), "elu": ("alpha", 0.0, 3.0),
          "softplus": ("beta", 0.1, 10.0)}


def _px_error(z: np.ndarray, y: np.ndarray, kept: np.ndarray, lo: float, hi: float) -> float:
    """The farthest (in pixels of a CHART_PX chart) any point of the curve (z, y) lies from
    the polyline through its points ``kept`` (indices), as polyline_keep measures it."""
    width, height = view.CHART_PX
    span = float(y.max() - y.min()) or 1.0
    P = np.column_stack([(z - lo) * width / (hi - lo), (y - y.min()) * height / span])
    worst = 0.0
    for i, j in zip(kept[:-1], kept[1:], strict=True):
        a, d = P[i], P[j] - P[i]
        R = P[i:j + 1] - a
        dd = float(d @ d)
        t = np.clip(R @ d / dd, 0, 1) if dd else np.zeros(len(R))
        worst = max(worst, float(np.abs(R - t[:, None] * d).max(initial=0)))
    return worst


@pytest.mark.parametrize("name", list(plots.LIVE))
@pytest.mark.parametrize(("lo", "hi"), [(-6, 6), (-2, 1), (-20, 50),
                                        (min(view.Z_CHOICES), max(view.Z_CHOICES))])
def test_a_followed_curves_rows_draw_it_at_any_value_of_its_slider(name, lo, hi):
    """The rows sent for one value, drawn by the browser at another (as while the hand
    moves the slider), stay within a pixel of the curve."""
    param, p_lo, p_hi = RANGES[name]
    values = np.linspace(p_lo, p_hi, 8)
    z = stats.z_grid(lo, hi, view.FINE_POINTS)
    for which in ("g", "dg"):
        for sent in values:
            rows = view.curve_frame((view.spec_for(name, sent, sent, sent),), lo, hi, which,
                                    "en")
            kept = np.searchsorted(z, rows["z"].to_numpy())
            assert np.array_equal(z[kept], rows["z"].to_numpy())  # rows on the fine grid
            for shown in values:
                y = getattr(activations.get(name, **{param: float(shown)}), which)(z)
                px = _px_error(z, y, kept, lo, hi)
                assert px < 1.0, f"{name} {which} sent at {sent}, drawn at {shown}: {px} px"
