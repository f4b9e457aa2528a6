"""The backprop page under AppTest: every number it shows against PyTorch autograd, in both
languages, after changing the network and the example, with a mini-batch, and with junk URLs.

The page writes each operand as ``\\underbrace{<matrix>}_{<symbol>}``; the tests parse those
pairs out of every formula on the page (a step is one Markdown element: its formulas are
its ``$$`` blocks) and compare each number with ``oracle_values`` (torch autograd in
float64, from tests/test_trace.py) rounded to the digits shown.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import nncore
from nncore import trace
from tests.conftest import fragment_run, widget_keys
from tests.unit.test_trace import oracle_values
from ui import numbers
from ui.i18n import tr

PAGE = "pages/4_Backprop.py"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_page(open_page):
    """``run_page({"sizes": "2-3-1", ...}) -> AppTest`` after a run without exception."""

    def _run(params: dict | None = None) -> AppTest:
        params = dict(params or {})
        at = open_page(PAGE, lang=params.pop("lang", "en"), timeout=60, **params)
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _run


def _group(text: str, start: int) -> tuple[str, int]:
    """The contents of the brace group opening at ``text[start] == "{"`` and the end index."""
    assert text[start] == "{", text[start:start + 20]
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    raise AssertionError("unbalanced braces")


_SCIENTIFIC = re.compile(r"(-?\d+\.?\d*) \\times 10\^\{(-?\d+)\}")
_OVERFLOW = {r"{>}1.8\times10^{308}": np.inf, r"{<}-1.8\times10^{308}": -np.inf,
             r"\text{NaN}": np.nan}


def _number(cell: str) -> float:
    """A matrix cell as the page writes it: 0.1234, 1.234 \times 10^{15}, or an overflow."""
    cell = cell.strip()
    if cell in _OVERFLOW:
        return _OVERFLOW[cell]
    sci = _SCIENTIFIC.fullmatch(cell)
    return float(f"{sci[1]}e{sci[2]}") if sci else float(cell)


def parse_operands(latex: str) -> list[tuple[str, np.ndarray]]:
    """Every ``\\underbrace{numbers}_{symbol}`` of a LaTeX string, in order."""
    found = []
    for mt in re.finditer(r"\\underbrace", latex):
        body, end = _group(latex, mt.end())
        assert latex[end] == "_"
        symbol, _ = _group(latex, end + 1)
        if body.startswith(r"\begin{bmatrix}"):
            body = body[len(r"\begin{bmatrix}"):-len(r"\end{bmatrix}")]
            value = np.array([[_number(c) for c in row.split("&")] for row in body.split(r"\\")])
        else:
            value = np.array(_number(body))
        found.append((symbol, value))
    return found


_DISPLAY = re.compile(r"^\$\$\n(.*?)\n\$\$$", re.S | re.M)


def formulas(at: AppTest) -> list[str]:
    """Every displayed formula on the page, in order: the ``$$`` blocks of the Markdown
    elements (a step is one) and of any ``st.latex``."""
    return [f for el in (*at.latex, *at.markdown) for f in _DISPLAY.findall(el.value)]


def page_text(at: AppTest) -> str:
    """The Markdown the page shows (the steps' notes are part of their Markdown)."""
    return "\n".join(el.value for el in at.markdown)


def shown_operands(at: AppTest) -> list[tuple[str, np.ndarray]]:
    return [pair for f in formulas(at) for pair in parse_operands(f)]


def expected(sizes, act="tanh", out="sigmoid", init="uniform", seed=0, x=(0.5, -1.0), y=(1.0,),
             m=1, alpha=0.1):
    """The oracle for a page configuration, built independently of the page."""
    net = nncore.MLP(sizes, activation=act, output=out, init=init, seed=seed)
    X, Y = trace.make_batch(list(x), y[0] if out == "softmax" else list(y), m, net, seed=seed)
    return oracle_values(net, X, Y, alpha), (net, X, Y)


def assert_all_shown_numbers_match(at: AppTest, want: dict, digits: int) -> int:
    """Every shown operand equals the oracle to the rounding of ``digits`` decimals."""
    pairs = shown_operands(at)
    assert pairs, "no operand shown"
    for symbol, value in pairs:
        assert symbol in want, symbol
        ref = np.broadcast_to(np.asarray(want[symbol], dtype=np.float64), value.shape)
        assert value.shape == np.shape(want[symbol]) or np.ndim(want[symbol]) == 0, symbol
        # half a unit of the last decimal shown: of the mantissa (digits - 1 decimals) for
        # m x 10^e, written from numbers.POWER_FROM on and for non-zero values below 0.5e-digits
        power = (np.abs(value) >= numbers.POWER_FROM) | (
            (value != 0) & (np.abs(value) < 0.5 * 10.0 ** -digits))
        exponent = np.floor(np.log10(np.where(power, np.abs(value), 1.0)))
        ulp = np.where(power, 10.0 ** (exponent - (digits - 1)), 10.0 ** -digits)
        tol = 0.5 * ulp * (1 + 1e-9) + 1e-12
        assert np.all(np.abs(value - ref) <= tol), (symbol, value, ref)
    return len(pairs)


def _metric(at: AppTest, i: int) -> float:
    return float(at.metric[i].value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_loads_in_both_languages(run_page, chart_spec, lang):
    at = run_page({"lang": lang})
    assert at.title[0].value == tr("bp.title", lang)
    assert any(tr("bp.phase.forward", lang) in md.value for md in at.markdown)
    assert not at.warning  # a clean URL gives no notice
    assert chart_spec(at, "backprop-diagram")["usermeta"]["id"] == "backprop-diagram"


def drawn(data: dict) -> tuple:
    """The units and weights of the network the diagram's rows carry (the chart filters
    them in the browser, tests/e2e/test_e2e_follow.py checks how)."""
    units, weights = data["bp_units"], data["bp_weights"]
    row = units.iloc[0]
    sizes = [row.n0, *(row[f"h{i}"] for i in range(1, row.depth + 1)), row.k]
    L = len(sizes) - 1
    units = units[(units.layer <= L) & (units.unit <= units.layer.map(lambda l: sizes[min(l, L)]))]
    weights = weights[(weights.layer <= L)
                      & (weights.i <= weights.layer.map(lambda l: sizes[min(l, L)]))
                      & (weights.j <= weights.layer.map(lambda l: sizes[min(l, L) - 1]))]
    return sizes, units, weights


def test_diagram_highlights_the_layer_being_computed(run_page, chart_data):
    at = run_page({"sizes": "2-3-4-1"})
    data = chart_data(at, "backprop-diagram")
    sizes, units, weights = drawn(data)
    assert sizes == [2, 3, 4, 1]
    assert len(units) == 2 + 3 + 4 + 1 and len(weights) == 2 * 3 + 3 * 4 + 4
    # step 1 is z^[1] = W^[1] a^[0] + b^[1]: the inputs, layer 1 and the weights between
    assert set(units[units.on].layer) == {0, 1} and set(weights[weights.on].layer) == {1}
    at.button(key="bp_jump_backward").click().run()  # da^[3]: the output layer only
    data = chart_data(at, "backprop-diagram")
    assert set(data["bp_units"].query("on").layer) == {3} and not data["bp_weights"].on.any()
    for _ in range(4):  # dz^[3], dW^[3], db^[3], then da^[2] = W^[3]T dz^[3]
        at.button(key="bp_next").click().run()
    assert any("da^{[2]} = W^{[3]T}" in f for f in formulas(at))
    data = chart_data(at, "backprop-diagram")
    assert set(data["bp_units"].query("on").layer) == {2, 3}
    assert set(data["bp_weights"].query("on").layer) == {3}


@pytest.mark.parametrize(
    "params, config",
    [
        ({}, {"sizes": [2, 3, 1]}),
        (
            {"sizes": "3-4-2-3", "act": "relu", "out": "softmax", "init": "xavier", "seed": "7",
             "x": "0.3,-1.2,2", "y": "2", "batch": "1", "m": "3"},
            {"sizes": [3, 4, 2, 3], "act": "relu", "out": "softmax", "init": "xavier",
             "seed": 7, "x": (0.3, -1.2, 2.0), "y": (2,), "m": 3},
        ),
        (
            {"sizes": "1-4-4-4-2", "act": "gelu", "out": "linear", "x": "1.5", "y": "0.5,-0.25",
             "alpha": "0.03", "batch": "1", "m": "5"},
            {"sizes": [1, 4, 4, 4, 2], "act": "gelu", "out": "linear", "x": (1.5,),
             "y": (0.5, -0.25), "alpha": 0.03, "m": 5},
        ),
    ],
    ids=["default", "softmax-batch", "deep-mse-batch"],
)
@pytest.mark.parametrize("digits", [4, 8])
def test_every_displayed_number_equals_torch_autograd(run_page, params, config, digits):
    at = run_page({**params, "all": "1", "digits": str(digits)})
    want, (net, X, Y) = expected(**config)
    n = assert_all_shown_numbers_match(at, want, digits)
    # every operand of every numeric line of every step was on screen
    placeholders = re.compile(r"<(\w+)>")
    steps = trace.build(net, X, Y, config.get("alpha", 0.1)).steps
    assert n == sum(len(placeholders.findall(line)) for s in steps for line in s.numeric)
    assert _metric(at, 0) == pytest.approx(float(want["J"]), abs=1e-6)
    assert _metric(at, 1) == pytest.approx(float(want[r"J_{\mathrm{new}}"]), abs=1e-6)


def test_hand_worked_numbers_on_screen(run_page):
    # one sigmoid neuron, w = b = 0, x = 2, y = 1, alpha = 0.1 (worked out in test_trace.py):
    # z = 0, a = 0.5, J = ln 2, da = -2, dz = -0.5, dW = -1, db = -0.5, w = 0.1, b = 0.05
    at = run_page({"sizes": "1-1", "init": "zeros", "x": "2", "y": "1", "all": "1",
                   "digits": "4", "alpha": "0.1"})
    shown = {s: v.ravel().tolist() for s, v in shown_operands(at)}
    assert shown["z^{[1]}"] == [0.0] and shown["a^{[1]}"] == [0.5]
    assert shown["J"] == [0.6931] and shown["da^{[1]}"] == [-2.0] and shown["dz^{[1]}"] == [-0.5]
    assert shown["dW^{[1]}"] == [-1.0] and shown["db^{[1]}"] == [-0.5]
    assert shown[r"W^{[1]}_{\mathrm{new}}"] == [0.1] and shown[r"b^{[1]}_{\mathrm{new}}"] == [0.05]


def test_small_alpha_lowers_the_loss_and_a_large_one_is_flagged(run_page):
    at = run_page({"out": "linear", "alpha": "0.001"})
    assert _metric(at, 1) < _metric(at, 0)
    assert not at.warning
    at.select_slider(key="bp_alpha").set_value(1.0).run()
    assert _metric(at, 1) > _metric(at, 0)  # this example overshoots at alpha = 1
    assert at.warning and "α = 1" in at.warning[0].value


def test_changing_architecture_or_example_updates_every_table(run_page):
    at = run_page({"all": "1", "digits": "6"})
    before = formulas(at)
    at.slider(key="bp_n0").set_value(3).run()
    at.slider(key="bp_depth").set_value(2).run()
    at.slider(key="bp_h2").set_value(4).run()
    at.number_input(key="bp_x2").set_value(-0.7).run()
    assert not at.exception
    assert at.query_params["sizes"] == "3-3-4-1"
    want, _ = expected([3, 3, 4, 1], x=(0.5, -1.0, -0.7))
    assert_all_shown_numbers_match(at, want, 6)
    shown = dict(shown_operands(at))
    assert shown["W^{[1]}"].shape == (3, 3) and shown["W^{[3]}"].shape == (1, 4)
    # changing the example alone changes every step's numbers
    at.number_input(key="bp_x0").set_value(2.0).run()
    want, _ = expected([3, 3, 4, 1], x=(2.0, -1.0, -0.7))
    assert_all_shown_numbers_match(at, want, 6)
    after = formulas(at)
    assert after != before
    at.selectbox(key="bp_act").set_value("sigmoid").run()
    at.selectbox(key="bp_out").set_value("tanh").run()
    at.number_input(key="bp_yr0").set_value(-0.5).run()
    want, _ = expected([3, 3, 4, 1], act="sigmoid", out="tanh", x=(2.0, -1.0, -0.7), y=(-0.5,))
    assert_all_shown_numbers_match(at, want, 6)


def test_mini_batch_shows_the_averaging(run_page):
    at = run_page({"all": "1"})
    at.toggle(key="bp_batch").set_value(True).run()
    at.slider(key="bp_m").set_value(3).run()
    assert at.info and "m = 3" in at.info[0].value
    want, _ = expected([2, 3, 1], m=3)
    assert_all_shown_numbers_match(at, want, 4)
    shown = dict(shown_operands(at))
    assert shown["Z^{[1]}"].shape == (3, 3)  # one column per example
    np.testing.assert_allclose(shown["A^{[0]}"][:, 0], [0.5, -1.0])  # example 1 is the user's
    db_line = [f for f in formulas(at) if "db^{[2]}" in f and r"\sum" in f and "underbrace" in f]
    assert len(db_line) == 1 and r"\frac{1}{3}" in db_line[0]  # the numbers: 1/m with m = 3


def test_step_navigation(run_page):
    at = run_page()
    assert at.slider(key="bp_step").value == 1
    first = formulas(at)
    at.button(key="bp_next").click().run()
    assert at.slider(key="bp_step").value == 2
    assert formulas(at) != first
    at.button(key="bp_prev").click().run()
    assert at.slider(key="bp_step").value == 1
    at.button(key="bp_jump_backward").click().run()
    assert at.slider(key="bp_step").value == 6  # 2 layers: z, a, z, a, loss, then da^[L]
    assert any("da^{[2]}" in f for f in formulas(at))
    at.button(key="bp_jump_update").click().run()
    assert any("W^{[1]}_{\\mathrm{new}}" in f for f in formulas(at))
    at.slider(key="bp_step").set_value(18).run()  # the last step: the loss after the update
    assert any("J_{\\mathrm{new}}" in f for f in formulas(at))
    assert at.query_params["step"] == "18"
    # a smaller network has fewer steps: the step is clamped, not an error
    at.slider(key="bp_depth").set_value(0).run()
    assert not at.exception and at.slider(key="bp_step").value == 10  # 8L + 2 steps


def test_pytorch_check_shows_agreement(run_page):
    at = run_page({"sizes": "2-3-2", "out": "softmax", "batch": "1", "m": "4"})
    assert not at.success
    at.button(key="bp_torch").click().run()
    assert not at.exception
    assert at.success, [e.value for e in at.error]
    numbers = [float(v) for v in re.findall(r"= (\S+e[+-]\d+)", at.success[0].value)]
    assert len(numbers) == 3 and max(numbers) < 1e-12
    table = at.dataframe[-1].value
    assert len(table) == 2 and (table.iloc[:, 1:].map(float).to_numpy() < 1e-12).all()
    # the result belongs to that network: changing the seed hides it until asked again
    at.number_input(key="bp_seed").set_value(5).run()
    assert not at.success


def test_junk_url_values_fall_back_with_a_notice(run_page):
    at = run_page({"sizes": "9-9-9", "alpha": "abc", "x": "1,foo", "act": "nope", "step": "-3",
                   "digits": "99", "batch": "maybe"})
    text = at.warning[0].value
    for name in ("sizes=9-9-9", "alpha=abc", "x=1,foo", "act=nope", "step=-3", "digits=99",
                 "batch=maybe"):
        assert name in text, name
    want, _ = expected([2, 3, 1])
    assert_all_shown_numbers_match(at, want, 4)
    assert at.query_params["sizes"] == "2-3-1"


def test_clamped_and_replaced_link_values_name_the_value_used(run_page):
    # issue 11: step=999 was clamped silently; x=a,b named four numbers where two are used
    at = run_page({"sizes": "2-3-1", "step": "999", "x": "a,b", "alpha": "0.05", "zzz": "1"})
    assert len(at.warning) == 1  # one notice box for the whole link
    text = at.warning[0].value
    n = int(at.slider(key="bp_step").max)
    assert at.slider(key="bp_step").value == n
    assert tr("bp.url.step_clamped", "en", setting="` step=999 `", n=n) in text
    assert tr("bp.url.bad_numbers", "en", setting="` x=a,b `", default="0.5,-1") in text
    assert "` alpha=0.05 `" in text and "` zzz `" in text
    assert "zzz" not in at.query_params


def test_softmax_with_one_output_in_the_url_uses_two(run_page):
    at = run_page({"out": "softmax", "sizes": "2-3-1", "y": "5"})
    assert at.warning
    assert at.slider(key="bp_k").value == 2
    assert at.query_params["sizes"] == "2-3-2"
    assert at.query_params["y"] == "0"


def test_language_switch_keeps_the_settings(run_page):
    at = run_page({"sizes": "2-4-1", "x": "1.5,-0.5", "alpha": "0.3", "all": "1"})
    at.segmented_control(key="frame_lang_switch").set_value("zh").run()
    assert not at.exception
    assert at.title[0].value == tr("bp.title", "zh")
    assert at.query_params["lang"] == "zh" and at.query_params["sizes"] == "2-4-1"
    want, _ = expected([2, 4, 1], x=(1.5, -0.5), alpha=0.3)
    assert_all_shown_numbers_match(at, want, 4)


def test_the_page_imports_torch_only_for_the_check():
    """In a fresh process, loading and stepping leave torch unimported; the check loads it."""
    script = textwrap.dedent(
        f"""
        import sys
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({str(ROOT / "streamlit_app.py")!r}, default_timeout=60)
        at.switch_page({PAGE!r}).run()
        at.button(key="bp_next").click().run()
        before = "torch" in sys.modules
        at.button(key="bp_torch").click().run()
        print(before, "torch" in sys.modules, len(at.success))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=240, check=True)
    assert out.stdout.split()[-3:] == ["False", "True", "1"], out.stdout + out.stderr


#: a number shown as NaN or infinite (the page writes an overflow as > 1.8 x 10^308)
NOT_A_NUMBER = re.compile(r"\\infty|∞|\bnan\b|\binf\b|10\^\{308\}", re.IGNORECASE)


@pytest.mark.parametrize(
    ("params", "config"),
    [
        ({"sizes": "2-3-4", "act": "linear", "x": "0.5,-100", "y": "1,1,1,1"},
         {"sizes": [2, 3, 4], "act": "linear", "x": (0.5, -100.0), "y": (1.0,) * 4}),
        ({"sizes": "2-1", "x": "100,-100", "y": "0"},
         {"sizes": [2, 1], "x": (100.0, -100.0), "y": (0.0,)}),
    ],
    ids=["linear-2-3-4-y1111", "2-1-y0"],
)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_saturated_output_shows_finite_numbers_and_says_why(run_page, params, config, lang):
    # issue 10: sigmoid outputs that round to 1 showed da^[L] as NaN or infinity
    at = run_page({**params, "lang": lang, "all": "1"})
    texts = [el.value for kind in ("latex", "markdown", "caption", "info", "metric")
             for el in getattr(at, kind)]
    bad = [text for text in texts if NOT_A_NUMBER.search(str(text))]
    assert not bad, bad
    assert tr("bp.edge_note", lang) in [el.value for el in at.info]
    assert tr("bp.edge_step", lang) in page_text(at)
    # and what is shown is right: da^[L] the exact value, the rest PyTorch's
    want, (net, X, Y) = expected(**config)
    assert_all_shown_numbers_match(at, want, 4)
    da = dict(shown_operands(at))[f"da^{{[{net.L}]}}"]
    assert np.all(np.isfinite(da)) and np.abs(da).max() > 1e9  # not a rounding of 1/0


def test_an_ordinary_example_shows_no_edge_note(run_page):
    at = run_page({"all": "1"})
    assert tr("bp.edge_note", "en") not in [el.value for el in at.info]
    assert tr("bp.edge_step", "en") not in page_text(at)


# ---------------------------------------------------------------- fragments (issue 14)


#: the settings whose change adds or removes widgets or rebuilds the trace (outer fragment)
SETTING_KEYS = {"bp_n0", "bp_depth", "bp_h1", "bp_k", "bp_act", "bp_out", "bp_init", "bp_seed",
                "bp_x0", "bp_x1", "bp_yb0", "bp_batch"}
STEP_KEYS = {"bp_step", "bp_prev", "bp_next", "bp_jump_forward", "bp_jump_update"}

# (widget kind, key, new value, URL (name, text), keys drawn, keys not drawn, trace rebuilt)
LOCAL_WIDGETS = [
    ("slider", "bp_step", 4, ("step", "4"), STEP_KEYS,
     SETTING_KEYS | {"bp_alpha", "bp_digits", "bp_all", "bp_torch"}, False),
    ("button", "bp_next", None, ("step", "2"), STEP_KEYS,
     SETTING_KEYS | {"bp_alpha", "bp_digits", "bp_all", "bp_torch"}, False),
    ("slider", "bp_digits", 7, ("digits", "7"), STEP_KEYS | {"bp_digits", "bp_all"},
     SETTING_KEYS | {"bp_alpha", "bp_torch"}, False),
    ("toggle", "bp_all", True, ("all", "1"), {"bp_digits", "bp_all"},
     SETTING_KEYS | STEP_KEYS | {"bp_alpha", "bp_torch"}, False),
    ("select_slider", "bp_alpha", 1.0, ("alpha", "1"),
     STEP_KEYS | {"bp_alpha", "bp_digits", "bp_torch"}, SETTING_KEYS, True),
    ("slider", "bp_n0", 3, ("sizes", "3-3-1"),
     SETTING_KEYS | {"bp_x2", "bp_alpha", "bp_torch"} | STEP_KEYS, set(), True),
]


@pytest.mark.parametrize(("kind", "key", "value", "param", "drawn", "kept", "rebuilt"),
                         LOCAL_WIDGETS, ids=[f"{w[1]}" for w in LOCAL_WIDGETS])
def test_a_widget_reruns_only_its_fragment(run_page, chart_data, monkeypatch, kind, key,
                                           value, param, drawn, kept, rebuilt):
    """Issue 14: each widget reruns the smallest fragment holding what it changes: the
    run draws that part (its widgets, the steps' numbers and diagram it changes) and none
    of the rest (no title, no widget of an outer part), rebuilds the trace only for a
    setting of the example, keeps every other setting and writes the URL; a full run
    afterwards shows the page with the new value."""
    at = run_page({"sizes": "2-3-1", "seed": "3"})
    settings_before = {k: at.session_state[k] for k in SETTING_KEYS | {"bp_alpha"} if k != key}
    first = (formulas(at), [m.value for m in at.metric])
    builds = []
    real_build = trace.build
    monkeypatch.setattr(trace, "build", lambda *a, **k: builds.append(1) or real_build(*a, **k))
    fragment_run(at, kind, key, value)
    assert not at.title and not at.sidebar.markdown  # neither the frame nor the title ran
    keys = widget_keys(at)
    assert drawn <= keys and not kept & keys, (drawn - keys, kept & keys)
    assert (formulas(at), [m.value for m in at.metric]) != first  # what it changes changed
    assert bool(builds) == rebuilt
    assert {k: at.session_state[k] for k in settings_before} == settings_before
    assert at.query_params[param[0]] in (param[1], [param[1]])
    at.run()
    assert at.title and SETTING_KEYS <= widget_keys(at) | {"bp_x2"} and not at.exception
    assert at.query_params[param[0]] in (param[1], [param[1]])


def test_the_step_slider_redraws_the_step_and_the_diagram_not_the_loss(run_page, chart_data):
    at = run_page({"sizes": "2-3-4-1"})
    before = chart_data(at, "backprop-diagram")["bp_units"]
    fragment_run(at, "button", "bp_jump_backward")
    assert at.slider(key="bp_step").value == 8  # 3 layers: 6 forward steps and the loss
    after = chart_data(at, "backprop-diagram")["bp_units"]
    assert set(before.query("on").layer) == {0, 1} and set(after.query("on").layer) == {3}
    assert not at.metric and any("da^{[3]}" in f for f in formulas(at))


def test_the_digits_redraw_the_loss_and_the_step(run_page):
    at = run_page()
    fragment_run(at, "slider", "bp_digits", 7)
    assert len(str(at.metric[0].value).split(".")[1]) == 7  # the loss follows the digits
    want, _ = expected([2, 3, 1])
    assert_all_shown_numbers_match(at, want, 7)
    fragment_run(at, "toggle", "bp_all", True)
    assert len(formulas(at)) > 20  # every step now
    assert_all_shown_numbers_match(at, want, 7)


def test_the_learning_rate_redraws_the_summary_and_the_loss_after(run_page):
    at = run_page({"out": "linear", "alpha": "0.001", "step": "18"})
    fragment_run(at, "select_slider", "bp_alpha", 1.0)
    assert any("α = 1." in md.value for md in at.markdown)  # the summary
    assert _metric(at, 1) > _metric(at, 0) and "α = 1" in at.warning[0].value
    want, _ = expected([2, 3, 1], out="linear", alpha=1.0)
    assert_all_shown_numbers_match(at, want, 4)
    # the slider stays in the settings expander, under its header
    assert at.select_slider(key="bp_alpha").value == 1.0


def test_the_export_button_offers_the_steps_script(run_page):
    from nncore import export
    from ui.backprop import sections
    from ui.backprop.settings import trace_key

    at = run_page({"sizes": "2-2-1", "act": "relu", "alpha": "0.3"})
    buttons = [b for b in at.get("download_button") if b.proto.label == tr("bp.export.button",
                                                                            "en")]
    assert len(buttons) == 1
    net = nncore.MLP([2, 2, 1], activation="relu", output="sigmoid", init="uniform", seed=0)
    X, Y = trace.make_batch([0.5, -1.0], [1.0], 1, net, seed=0)
    want = export.step_script(net, X, Y, 0.3, trace.build(net, X, Y, 0.3))
    # the script the button offers is the page's own example's (the default one here)
    assert sections.step_script(trace_key(at.session_state)) == want
