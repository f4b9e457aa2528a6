"""The activations page under AppTest: every tab in both languages, every widget changes
the chart data as worked out by hand, junk URLs, extreme inputs, torch only on request."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from tests.conftest import fragment_run
from ui.i18n import tr

PAGE = "pages/1_Activations.py"
TABS = ("curves", "why", "depth", "table", "variants")


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def curves_of(chart_data, at, name, chart="act-g"):
    """Rows of one activation in the curves dataset, sorted by z."""
    df = chart_data(at, chart)["curves"]
    return df[df["name"] == name].sort_values("z")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tab", TABS)
def test_every_tab_loads_in_both_languages(open_page, no_exception, chart_spec, lang, tab):
    at = open_page(PAGE, lang=lang, tab=tab, timeout=60)
    no_exception(at)
    assert at.title[0].value == tr("nav.activations", lang)
    expected = {
        "curves": ["act-g", "act-dg"],
        "why": ["act-stack-linear", "act-stack-nonlinear"],
        "depth": ["act-depth"],
        "table": [],
        "variants": ["act-prelu", "act-prelu-alpha", "act-rrelu"],
    }[tab]
    for chart_id in expected:
        spec = chart_spec(at, chart_id)
        assert spec["usermeta"]["id"] == chart_id
        assert spec["description"] and spec["description"] != chart_id  # words for people
    if tab == "table":
        assert tr("act.col.max_dg", lang) in at.dataframe[0].value.columns
    if lang == "zh":
        text = " ".join(m.value for m in at.markdown)
        assert "激活函数" in at.title[0].value and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_tabs_switch_in_turn_and_survive_a_language_switch(open_page, chart_spec):
    at = open_page(PAGE)
    expected = {"why": "act-stack-linear", "depth": "act-depth", "variants": "act-rrelu",
                "curves": "act-g"}
    for tab, chart_id in expected.items():
        at.session_state["act_tab"] = tr(f"act.tab.{tab}", "en")
        at.run()
        assert at.query_params["tab"] in (tab, [tab])
        chart_spec(at, chart_id)
    at.session_state["act_tab"] = tr("act.tab.depth", "en")
    at.run()
    at.get("button_group")[0].set_value("zh").run()
    assert at.session_state["act_tab_id"] == "depth"
    chart_spec(at, "act-depth")
    assert at.title[0].value == tr("nav.activations", "zh")


def test_default_curves_are_g_and_its_derivative(open_page, chart_data):
    at = open_page(PAGE)
    sig = curves_of(chart_data, at, "sigmoid")
    sig_dg = curves_of(chart_data, at, "sigmoid", "act-dg")
    assert sig["z"].min() == -6 and sig["z"].max() == 6
    assert sig_dg["z"].min() == -6 and sig_dg["z"].max() == 6
    # every drawn point is exact at its z ...
    assert np.allclose(sig["g"], sigmoid(sig["z"]), atol=1e-15)
    s = sigmoid(sig_dg["z"])
    assert np.allclose(sig_dg["dg"], s * (1 - s), atol=1e-15)
    # ... and the line through them stays on the curve between them (within a pixel of a
    # 300 px high chart: g spans about 7 units over the four curves, g' about 1)
    z = np.linspace(-6, 6, 4001)
    assert np.max(np.abs(np.interp(z, sig["z"], sig["g"]) - sigmoid(z))) < 7 / 300
    dg = sigmoid(z) * (1 - sigmoid(z))
    assert np.max(np.abs(np.interp(z, sig_dg["z"], sig_dg["dg"]) - dg)) < 1 / 300
    names = set(chart_data(at, "act-g")["curves"]["name"])
    assert names == {"sigmoid", "tanh", "relu", "leaky_relu"}
    # light charts: each gets only its own column, and a few dozen rows per curve
    for chart, column in (("act-g", "g"), ("act-dg", "dg")):
        df = chart_data(at, chart)["curves"]
        assert set(df.columns) == {"z", "name", "label", column} and len(df) < 150
    # ReLU's kink is drawn exactly: g through (0, 0), g' jumping right after 0; a straight
    # stretch still has a point to hover about every twentieth of the range
    relu = curves_of(chart_data, at, "relu")
    assert [0.0, 0.0] in relu[["z", "g"]].values.tolist()
    assert np.array_equal(relu["g"], np.maximum(relu["z"], 0))
    assert np.diff(relu["z"]).max() < 12 / 19
    relu_dg = curves_of(chart_data, at, "relu", "act-dg")
    assert (relu_dg[relu_dg["z"] <= 0]["dg"] == 0).all()
    assert (relu_dg[relu_dg["z"] > 0]["dg"] == 1).all()
    assert 0.0 in relu_dg["z"].tolist() and relu_dg[relu_dg["z"] > 0]["z"].min() <= 0.01


@pytest.mark.parametrize("alpha", [0.2, 0.0, 1.0])
def test_leaky_relu_slider_sets_the_negative_slope(open_page, chart_data, no_exception, alpha):
    at = open_page(PAGE)
    at.slider(key="act_leaky_alpha").set_value(alpha).run()
    no_exception(at)
    leaky = curves_of(chart_data, at, "leaky_relu")
    if alpha != 1.0:  # the kink is a drawn point (with alpha = 1 there is none)
        assert 0.0 in leaky["z"].tolist()
    assert np.interp(-5.0, leaky["z"], leaky["g"]) == pytest.approx(-5 * alpha, abs=1e-15)
    neg = leaky[leaky["z"] < 0]
    assert len(neg) and np.allclose(neg["g"], alpha * neg["z"], atol=1e-15)
    leaky_dg = curves_of(chart_data, at, "leaky_relu", "act-dg")
    assert np.allclose(leaky_dg[leaky_dg["z"] <= 0]["dg"], alpha, atol=1e-15)
    # the formula shows the slope
    assert any(f"\\alpha = {alpha:g}" in m.value for m in at.markdown)


def test_elu_and_softplus_parameters(open_page, chart_data):
    at = open_page(PAGE, g=["elu", "softplus"])
    at.slider(key="act_elu_alpha").set_value(2.0)
    at.slider(key="act_beta").set_value(3.0).run()
    df = chart_data(at, "act-g")["curves"]
    elu = df[df["name"] == "elu"]
    z = elu["z"].to_numpy()
    assert np.allclose(elu["g"], np.where(z > 0, z, 2.0 * np.expm1(z)), rtol=1e-14, atol=0)
    assert np.interp(-2.0, z, elu["g"]) == pytest.approx(2.0 * (math.exp(-2) - 1), abs=0.01)
    soft = df[df["name"] == "softplus"]
    z = soft["z"].to_numpy()
    assert np.allclose(soft["g"], np.log1p(np.exp(3.0 * z)) / 3.0, rtol=1e-14, atol=0)
    assert np.interp(1.0, z, soft["g"]) == pytest.approx(np.log1p(np.exp(3.0)) / 3.0, abs=0.01)


def test_a_parameter_changes_only_its_own_formula(open_page):
    """One Markdown element per activation's formulas: the browser skips the ones whose
    text is unchanged, so a parameter slider re-renders (KaTeX) only its own."""
    at = open_page(PAGE)  # sigmoid, tanh, relu, leaky_relu

    def formulas() -> list[str]:
        return [m.value for m in at.markdown if "$$" in m.value]

    before = formulas()
    assert len(before) == 4 and before[0].startswith(f"### {tr('act.formulas', 'en')}")
    at.slider(key="act_leaky_alpha").set_value(0.3).run()
    after = formulas()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [3]
    assert "0.3" in after[3] and tr("act.name.leaky_relu", "en") in after[3]
    # the texts redrawn with every tau change carry no math to typeset
    text = [m.value for m in at.markdown if tr("act.name.sigmoid", "en") in m.value
            and "%" in m.value]
    assert text and "$" not in text[0]


def test_multiselect_picks_the_curves(open_page, chart_data, chart_spec):
    at = open_page(PAGE)
    at.multiselect(key="act_names").set_value(["tanh", "gelu"]).run()
    df = chart_data(at, "act-g")["curves"]
    assert set(df["name"]) == {"tanh", "gelu"}
    assert set(df["label"]) == {tr("act.name.tanh", "en"), tr("act.name.gelu", "en")}
    # the colour legend lists exactly the shown activations
    spec = chart_spec(at, "act-g")
    domains = [
        layer["encoding"]["color"]["scale"]["domain"]
        for layer in spec["layer"] if "color" in layer.get("encoding", {})
    ]
    assert domains == [[tr("act.name.tanh", "en"), tr("act.name.gelu", "en")]]


def test_empty_selection_says_so(open_page, no_exception):
    at = open_page(PAGE)
    at.multiselect(key="act_names").set_value([]).run()
    no_exception(at)
    assert any(i.value == tr("act.none_selected", "en") for i in at.info)


def test_z_range_slider(open_page, chart_data):
    at = open_page(PAGE)
    at.select_slider(key="act_range").set_value((-3, 8)).run()
    z = chart_data(at, "act-g")["curves"]["z"]
    assert z.min() == -3 and z.max() == 8


@pytest.mark.parametrize(
    ("a", "drawn"), [(-1000, (-1000, -500)), (-5, (-5, -4)), (0, (0, 1)), (1000, (500, 1000))]
)
@pytest.mark.parametrize("tab", ["curves", "depth", "why", "table"])
def test_z_range_with_both_ends_on_one_value_widens_by_one_step(
    open_page, chart_data, no_exception, a, drawn, tab
):
    # issue 10: both thumbs on one value raised "need finite lo < hi" from z_grid
    at = open_page(PAGE, tab=tab)
    at.select_slider(key="act_range").set_value((a, a)).run()
    no_exception(at)
    lo, hi = drawn
    assert tr("act.range_widened", "en", lo=lo, hi=hi) in [c.value for c in at.caption]
    if tab == "curves":
        z = chart_data(at, "act-g")["curves"]["z"]
        assert (z.min(), z.max()) == drawn


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("tab", ["curves", "depth", "why"])
def test_extreme_inputs_plot_finite_values(open_page, chart_data, no_exception, tab):
    at = open_page(PAGE, tab=tab, g=["sigmoid", "softplus", "elu", "leaky_relu", "mish", "selu"])
    at.select_slider(key="act_range").set_value((-1000, 1000))
    at.slider(key="act_leaky_alpha").set_value(0.0)
    at.slider(key="act_elu_alpha").set_value(0.0).run()
    no_exception(at)
    if tab == "curves":
        data = chart_data(at, "act-g")
        df = data["curves"]
        assert np.isfinite(df[["z", "g"]].to_numpy()).all()
        assert np.isfinite(chart_data(at, "act-dg")["curves"][["z", "dg"]].to_numpy()).all()
        sig = df[df["name"] == "sigmoid"]
        assert sig[sig["z"] == -1000]["g"].item() == pytest.approx(0.0, abs=1e-300)
        assert sig[sig["z"] == 1000]["g"].item() == 1.0
        soft = df[df["name"] == "softplus"]
        assert soft[soft["z"] == 1000]["g"].item() == 1000.0
        leaky = df[df["name"] == "leaky_relu"]
        assert (leaky[leaky["z"] < 0]["g"] == 0).all()  # alpha = 0 is ReLU
        assert np.isfinite(data["regions"][["z0", "z1"]].to_numpy()).all()


def test_saturation_threshold_moves_the_shaded_edges(open_page, chart_data):
    at = open_page(PAGE)  # focus is sigmoid, z in [-6, 6]
    edges = {}
    for tau in (0.05, 0.2):
        at.slider(key="act_tau").set_value(tau).run()
        regions = chart_data(at, "act-g")["regions"]
        assert set(regions["region"]) == {"saturated"}
        left = regions.sort_values("z0").iloc[0]
        s = (1 - math.sqrt(1 - 4 * tau)) / 2  # sigma'(z) = tau on the left branch
        edges[tau] = left["z1"]
        assert left["z0"] == -6 and abs(left["z1"] - math.log(s / (1 - s))) <= 0.05
    assert edges[0.2] > edges[0.05]  # a larger threshold shades more


def test_focus_on_relu_shows_the_dead_region(open_page, chart_data, no_exception):
    at = open_page(PAGE)
    at.selectbox(key="act_focus").set_value("relu").run()
    no_exception(at)
    regions = chart_data(at, "act-dg")["regions"]
    dead = regions[regions["region"] == "dead"]
    assert dead[["z0", "z1"]].values.tolist() == [[-6.0, 0.0]]
    assert any("[-6, 0]" in m.value for m in at.markdown)


def test_focus_follows_the_selection(open_page, no_exception):
    at = open_page(PAGE, focus="relu")
    at.multiselect(key="act_names").set_value(["tanh"]).run()
    no_exception(at)
    assert at.selectbox(key="act_focus").value == "tanh"


def _collinear(df) -> bool:
    for _, line in df.groupby("line"):
        P = line.sort_values("order")[["x", "y"]].to_numpy()
        d = P - P[0]
        cross = d[:, 0] * d[-1, 1] - d[:, 1] * d[-1, 0]
        if np.max(np.abs(cross)) > 1e-9 * max(1.0, np.max(np.abs(d)) ** 2):
            return False
    return True


def _parallel_lines_stay_parallel(df) -> bool:
    # an affine map sends the 9 vertical grid lines to 9 parallel segments
    dirs = []
    for k in range(9):
        P = df[df["line"] == k].sort_values("order")[["x", "y"]].to_numpy()
        v = P[-1] - P[0]
        dirs.append(v / np.linalg.norm(v))
    return all(abs(d[0] * dirs[0][1] - d[1] * dirs[0][0]) < 1e-9 for d in dirs)


def _preimages(df) -> np.ndarray:
    """The grid points (x1, x2) whose images are the rows of ``df`` (by line and order)."""
    from nncore import activation_stats as stats
    from ui.activations.view import GRID_LINES, GRID_SAMPLES

    X, _ = stats.grid_lines(-2.0, 2.0, GRID_LINES, GRID_SAMPLES)
    return X[df["line"].to_numpy() * GRID_SAMPLES + df["order"].to_numpy()]


def test_linear_stack_stays_straight_nonlinear_bends(open_page, chart_data, no_exception):
    from nncore import activation_stats as stats
    from nncore import activations

    at = open_page(PAGE, tab="why")  # 3 layers, seed 0, tanh between them
    no_exception(at)
    Ws, bs = stats.random_affine_stack([2] * 4, 0)
    grid = chart_data(at, "act-stack-linear")["grid"]
    assert np.array_equal(grid[["x", "y"]].to_numpy(), _preimages(grid))
    assert (grid.groupby("line").size() == 2).all()  # a straight line: its two ends
    # an affine map sends a segment to the segment between its ends' images: exact
    linear = chart_data(at, "act-stack-linear")["out"]
    assert (linear.groupby("line").size() == 2).all()
    expected = stats.stack_forward(_preimages(linear), Ws, bs, None)
    assert np.allclose(linear[["x", "y"]].to_numpy(), expected, atol=1e-12)
    assert _parallel_lines_stay_parallel(linear)
    bent = chart_data(at, "act-stack-nonlinear")["out"]
    expected = stats.stack_forward(_preimages(bent), Ws, bs, activations.get("tanh"))
    assert np.allclose(bent[["x", "y"]].to_numpy(), expected, atol=1e-12)
    assert not _collinear(bent) and bent.groupby("line").size().max() > 2
    # the page states the stack equals one matrix up to rounding
    assert any("e-1" in m.value for m in at.markdown)  # e.g. "4.4e-16"
    # with the linear "activation" between layers the second panel is straight too: each
    # line is drawn through its two ends, the same as the linear stack's
    at.selectbox(key="act_nonlin").set_value("linear").run()
    straight = chart_data(at, "act-stack-nonlinear")["out"]
    assert (straight.groupby("line").size() == 2).all()
    assert np.allclose(straight[["x", "y"]].to_numpy(), linear[["x", "y"]].to_numpy())


def test_linear_stack_controls_change_the_map(open_page, chart_data):
    at = open_page(PAGE, tab="why")
    before = chart_data(at, "act-stack-linear")["out"][["x", "y"]].to_numpy()
    at.number_input(key="act_seed").set_value(5).run()
    after_seed = chart_data(at, "act-stack-linear")["out"][["x", "y"]].to_numpy()
    at.slider(key="act_layers").set_value(2).run()
    after_layers = chart_data(at, "act-stack-linear")["out"][["x", "y"]].to_numpy()
    assert not np.allclose(before, after_seed) and not np.allclose(after_seed, after_layers)
    assert any("W^{[2]} W^{[1]}" in m.value for m in at.markdown)


def test_depth_chart_is_the_power_of_the_max_derivative(open_page, chart_data, chart_spec):
    at = open_page(PAGE, tab="depth", g=["sigmoid", "tanh", "step"])
    at.slider(key="act_depth").set_value(20).run()
    df = chart_data(at, "act-depth")["depth"]
    sig = df[df["name"] == "sigmoid"].sort_values("L")
    # every depth is sent (the chart follows the slider in the browser); it draws L <= 20
    assert sig["L"].tolist() == list(range(1, 51)) and set(df["depth"]) == {20}
    assert np.allclose(sig["bound"], 0.25 ** np.arange(1, 51), rtol=1e-12)
    assert np.allclose(df[df["name"] == "tanh"]["bound"], 1.0)
    assert "step" not in set(df["name"])  # g' = 0: cannot go on a log scale; said in text
    assert any(tr("act.name.step", "en") in m.value for m in at.markdown)
    layers = chart_spec(at, "act-depth")["layer"]
    assert any(
        layer.get("encoding", {}).get("y", {}).get("scale", {}).get("type") == "log"
        for layer in layers
    )


def test_comparison_table_values(open_page, no_exception):
    at = open_page(PAGE, tab="table", timeout=120)
    no_exception(at)
    df = at.dataframe[0].value.set_index(tr("act.col.name", "en"))
    assert len(df) == 13
    assert df.loc["Sigmoid", tr("act.col.max_dg", "en")] == 0.25
    assert df.loc["Tanh", tr("act.col.zero_centred", "en")] == "yes"
    assert df.loc["Sigmoid", tr("act.col.range", "en")] == "[0, 1]"
    assert df.loc["ReLU", tr("act.col.range", "en")] == "[0, ∞)"
    costs = df[tr("act.col.cost_g", "en")]
    assert (costs > 0).all() and df.loc["ReLU", tr("act.col.ratio", "en")] == 1.0
    # not compared with torch until asked
    assert (df[tr("act.col.torch_g", "en")] == "—").all()


def test_remeasure_button_measures_again(open_page):
    at = open_page(PAGE, tab="table", timeout=120)
    nonce = at.session_state["act_cost_nonce"]
    at.button(key="act_remeasure").click().run()
    assert at.session_state["act_cost_nonce"] != nonce


def test_torch_is_imported_only_on_the_button(tmp_path):
    # A fresh interpreter: this test process may already hold torch.
    script = textwrap.dedent(
        """
        import sys
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file("streamlit_app.py", default_timeout=120)
        at.query_params["tab"] = "table"
        at.switch_page("pages/1_Activations.py")
        at.run()
        before = "torch" in sys.modules
        at.button(key="act_torch_btn").click().run()
        assert not at.exception, [e.message for e in at.exception]
        df = at.dataframe[0].value
        cols = [c for c in df.columns if "torch" in c or "autograd" in c]
        values = [v for c in cols for v in df[c] if v not in ("—", "")]
        print(before, "torch" in sys.modules, len(values), max(float(v) for v in values))
        """
    )
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr[-2000:]
    before, after, n_values, worst = out.stdout.split()
    assert (before, after) == ("False", "True")
    assert int(n_values) == 13 + 12  # g for all 13, g' for all but the step unit
    assert float(worst) < 1e-12


def test_prelu_learns_the_least_squares_slope(open_page, chart_data, no_exception):
    at = open_page(PAGE, tab="variants")
    at.slider(key="act_prelu_alpha").set_value(0.6)
    at.slider(key="act_prelu_steps").set_value(200)
    at.slider(key="act_prelu_lr").set_value(0.3).run()
    no_exception(at)
    data = chart_data(at, "act-prelu")
    z, y = data["points"]["z"].to_numpy(), data["points"]["y"].to_numpy()
    neg = np.minimum(z, 0)
    best = np.sum(neg * (y - np.maximum(z, 0))) / np.sum(neg * neg)
    history = chart_data(at, "act-prelu-alpha")["history"]
    assert history["alpha"].iloc[0] == 0.25 and len(history) == 201
    assert history["alpha"].iloc[-1] == pytest.approx(best, abs=1e-6)
    learned = data["curves"][data["curves"]["which"] == "learned"]
    neg_part = learned[learned["z"] < 0]
    assert np.allclose(neg_part["a"], best * neg_part["z"], atol=1e-5)


def test_rrelu_draws_stay_in_the_band_and_follow_the_seed(open_page, chart_data):
    at = open_page(PAGE, tab="variants")
    first = chart_data(at, "act-rrelu")["samples"]
    neg = first[first["z"] < 0]
    slope = neg["a"] / neg["z"]
    assert ((slope >= 1 / 8) & (slope <= 1 / 3)).all()
    at.number_input(key="act_rrelu_seed").set_value(1).run()
    second = chart_data(at, "act-rrelu")["samples"]
    assert not np.allclose(first["a"], second["a"])
    ev = chart_data(at, "act-rrelu")["eval"]
    ev_neg = ev[ev["z"] < 0]
    assert np.allclose(ev_neg["a"], (1 / 8 + 1 / 3) / 2 * ev_neg["z"])


def test_url_settings_are_read_and_junk_gives_a_notice(open_page, chart_data, no_exception):
    at = open_page(
        PAGE, g=["relu", "bogus"], leaky_alpha="abc", z="-10,10", tau="7", depth="10000"
    )
    no_exception(at)
    text = " ".join(w.value for w in at.warning)
    for junk in ("bogus", "leaky_alpha=abc", "tau=7"):
        assert junk in text
    df = chart_data(at, "act-g")["curves"]
    assert set(df["name"]) == {"relu"} and df["z"].min() == -10
    assert at.slider(key="act_leaky_alpha").value == 0.01
    # the URL now holds the cleaned settings, so the notice does not come back
    assert at.query_params["leaky_alpha"] in ("0.01", ["0.01"])
    at.run()
    assert not at.warning


def test_settings_survive_a_tab_round_trip_through_the_url(open_page):
    at = open_page(PAGE)
    at.slider(key="act_tau").set_value(0.3).run()
    assert at.query_params["tau"] in ("0.3", ["0.3"])
    again = open_page(PAGE, **{k: v for k, v in at.query_params.items()})
    assert again.slider(key="act_tau").value == 0.3


# ---------------------------------------------------------------- fragments (issue 14)


def chart_ids(at) -> set[str]:
    """The ids (``usermeta.id``) of the charts in the element tree."""
    from tests.conftest import charts_by_id

    return set(charts_by_id(at))


# (tab, widget kind, key, new value, URL name, charts it redraws, charts it leaves alone)
LOCAL_WIDGETS = [
    ("curves", "slider", "act_tau", 0.3, "tau", {"act-g", "act-dg"}, set()),
    ("curves", "selectbox", "act_focus", "relu", "focus", {"act-g", "act-dg"}, set()),
    ("why", "slider", "act_layers", 2, "layers",
     {"act-stack-linear", "act-stack-nonlinear"}, set()),
    ("depth", "slider", "act_depth", 30, "depth", {"act-depth"}, set()),
    ("variants", "slider", "act_prelu_steps", 5, "prelu_steps",
     {"act-prelu", "act-prelu-alpha"}, {"act-rrelu"}),
    ("variants", "number_input", "act_rrelu_seed", 3, "rrelu_seed", {"act-rrelu"},
     {"act-prelu", "act-prelu-alpha"}),
]


@pytest.mark.parametrize(("tab", "kind", "key", "value", "param", "redrawn", "kept"),
                         LOCAL_WIDGETS, ids=[c[2] for c in LOCAL_WIDGETS])
def test_a_local_widget_reruns_only_its_fragment(
    open_page, chart_data, chart_spec, no_exception, tab, kind, key, value, param, redrawn,
    kept,
):
    at = open_page(PAGE, tab=tab, timeout=60)
    first = {c: chart_data(at, c) for c in redrawn}
    specs = {c: chart_spec(at, c) for c in redrawn}
    shared = {k: at.session_state[k] for k in (
        "act_names", "act_range", "act_leaky_alpha", "act_tab_id", "act_tau", "act_focus",
        "act_layers", "act_seed", "act_depth", "act_prelu_alpha", "act_prelu_steps",
        "act_rrelu_seed") if k != key}
    fragment_run(at, kind, key, value)
    no_exception(at)
    # only the fragment ran: no title, no shared controls, no tab bar in this run's output
    assert not at.title and not at.multiselect and not at.tabs
    assert chart_ids(at) == redrawn and not kept & chart_ids(at)
    changed = [c for c in redrawn if any(
        not first[c][name].equals(df) for name, df in chart_data(at, c).items())]
    assert changed, f"{key} changed none of {sorted(redrawn)}"
    if kind in ("slider", "number_input"):
        # only the data change: the same spec lets the browser update the chart in place
        # instead of building it anew
        assert {c: chart_spec(at, c) for c in redrawn} == specs
    # every other setting (the other tabs' state too) is as it was; the URL follows
    assert {k: at.session_state[k] for k in shared} == shared
    assert at.session_state[key] == value
    assert at.query_params[param] in (str(value), [str(value)])
    # a full run afterwards draws the whole page with the new value
    at.run()
    assert at.title and at.session_state[key] == value and redrawn <= chart_ids(at)


def test_a_parameter_slider_redraws_the_open_tab_not_the_controls_above(
    open_page, chart_data, chart_spec
):
    at = open_page(PAGE, tab="curves")
    assert at.title and at.markdown[0].value
    names, z = at.session_state["act_names"], at.session_state["act_range"]
    specs = [chart_spec(at, c) for c in ("act-g", "act-dg")]
    fragment_run(at, "slider", "act_leaky_alpha", 0.3)
    assert not at.title, "the title was drawn again"
    # the inner fragment ran: the parameter sliders, the tabs and the open tab, not the
    # multiselect and range above them
    assert not at.multiselect and not at.select_slider and at.tabs
    assert chart_ids(at) == {"act-g", "act-dg"}
    leaky = curves_of(chart_data, at, "leaky_relu")
    neg = leaky[leaky["z"] < 0]
    assert np.allclose(neg["g"], 0.3 * neg["z"])
    assert [chart_spec(at, c) for c in ("act-g", "act-dg")] == specs  # data only: in place
    assert any("\\alpha = 0.3" in m.value for m in at.markdown)  # the formula follows
    assert (at.session_state["act_names"], at.session_state["act_range"]) == (names, z)
    assert at.query_params["leaky_alpha"] in ("0.3", ["0.3"])


@pytest.mark.parametrize("tab", ["why", "depth"])
def test_a_parameter_slider_on_another_tab_keeps_that_tab(open_page, chart_data, tab):
    # ELU's alpha sets the why tab's nonlinearity and the depth tab's bound
    at = open_page(PAGE, tab=tab, nonlin="elu", g=["elu", "tanh"])
    chart = {"why": "act-stack-nonlinear", "depth": "act-depth"}[tab]
    first = chart_data(at, chart)
    fragment_run(at, "slider", "act_elu_alpha", 2.0)
    assert not at.title and not at.multiselect and chart in chart_ids(at)
    assert at.session_state["act_tab_id"] == tab
    assert any(not first[k].equals(df) for k, df in chart_data(at, chart).items())


def test_the_multiselect_reruns_the_outer_fragment(open_page, chart_data):
    at = open_page(PAGE, tab="curves")
    fragment_run(at, "multiselect", "act_names", ["gelu"])
    assert not at.title and at.multiselect and at.slider(key="act_leaky_alpha")
    assert set(chart_data(at, "act-g")["curves"]["name"]) == {"gelu"}
    assert at.query_params["g"] in ("gelu", ["gelu"])


def test_each_local_part_is_a_fragment_that_writes_the_url():
    """The fragments are declared in the page's package, and each writes the URL."""
    import inspect

    from ui.activations import sections

    for name in ("_curves_live", "_why_live", "_depth_live", "table_tab", "_prelu_live",
                 "_rrelu_live"):
        source = inspect.getsource(getattr(sections, name))
        assert source.lstrip().startswith("@st.fragment"), name
        assert "settings.to_url()" in source, name
