"""``ui.follow``: the Vega params bound to sliders, and that each chart binds a slider the
page really draws (a renamed widget key would silently stop a chart following it).

The formulas themselves are checked against nncore in Chromium
(``tests/e2e/test_e2e_follow.py``), as is the redraw before any rerun.
"""

from __future__ import annotations

from ui import follow
from ui.activations import plots


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
