"""``ui.follow``: the Vega params bound to sliders, and that each chart binds a slider the
page really draws (a renamed widget key would silently stop a chart following it).

The formulas themselves (``ui.vega_math``) are checked against nncore in
``tests/unit/test_vega_math.py`` and in Chromium (``tests/e2e/test_e2e_follow.py``), as is
the redraw before any rerun.
"""

from __future__ import annotations

import numpy as np
import pytest

from nncore import activation_stats as stats
from nncore import activations
from ui import follow
from ui.activations import plots, view
from ui.backprop import view as bp_view
from ui.neuron import view as neuron_view


def test_a_param_binds_the_proxy_of_the_slider_with_that_key():
    p = follow.param("p_a", "act_leaky_alpha").param.to_dict()
    assert p["name"] == "p_a" and p["value"] is None
    assert p["bind"] == {"element": "#nn-follow-act_leaky_alpha", "event": follow.EVENT}
    with pytest.raises(ValueError, match="SLIDERS"):  # no proxy would be drawn for it
        follow.param("p_a", "act_tau")


def test_each_page_draws_the_proxies_of_exactly_the_sliders_its_charts_follow():
    assert set(follow.SLIDERS["activations"]) == (
        {key for key, _ in plots.LIVE.values()} | {"act_depth"})
    assert set(follow.SLIDERS["neuron"]) == {v[0] for v in neuron_view.FOLLOWED.values()}
    assert set(follow.SLIDERS["backprop"]) == {v[0] for v in bp_view.DIAGRAM_FOLLOWS.values()}


def test_live_falls_back_to_the_server_while_unbound():
    expr = follow.live("p", "2 * {v}", "datum.g")
    assert expr == "(isValid(p) && p !== '' ? (2 * toNumber(p)) : (datum.g))"


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
