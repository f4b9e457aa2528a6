"""``ui.vega_math``: every activation's g and g' in Vega against nncore, without a browser.

The expressions are evaluated by ``tests/unit/vega_eval.py`` (a small evaluator of Vega's
expression language with JavaScript's arithmetic), itself checked first on hand-worked
expressions. Chromium evaluates the same table in ``tests/e2e/test_e2e_follow.py``.

Tolerance: ``|vega - nncore| <= 1e-9 |nncore| + 1e-12``. Vega has no ``tanh``, ``expm1``
or ``log1p``, so near their zeros the Vega forms lose *relative* accuracy while staying
within a few 1e-16 *absolutely*: ``1 - 2 / (exp(2u) + 1)`` for tanh at small u (GELU,
mish, tanh near 0), ``exp(z) - 1`` for ELU and SELU at z near 0-, ``log(1 + exp(-x))``
for softplus at large |x|, and a sigmoid whose ``exp`` overflows to 0 where nncore's
clamp gives 1e-308. Elsewhere the two differ by rounding only (1e-15 relative); 1e-9 and
1e-12 are far below anything a chart can show (a pixel is ~1e-3 of an axis) and far above
rounding, so a wrong constant, kink or branch fails.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from nncore import activations
from tests.unit.vega_eval import UNDEFINED, evaluate, js_string
from ui import boundary, vega_math
from ui.activations import plots
from ui.neuron import view as neuron_view

RTOL, ATOL = 1e-9, 1e-12

# ------------------------------------------------------------------ the evaluator


@pytest.mark.parametrize(("expr", "want"), [
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("2 - 3 - 4", -5.0),  # left-associative
    ("2 * 3 % 4", 2.0),  # * and % share a level, left to right
    ("-2 * -3", 6.0),
    ("- -2", 2.0),
    ("!0 + 1", 2.0),  # true + 1
    ("1 + 2 > 2 == 1", True),  # (3 > 2) == 1
    ("0 ? 1 : 0 ? 2 : 3", 3.0),  # right-associative
    ("1 ? 0 ? 4 : 5 : 6", 5.0),
    ("1 < 2 && 3 || 4", 3.0),  # && before ||; an operand comes back
    ("null || 5", 5.0),
    ("0 && undefinedName", 0.0),  # short-circuit: the right side is not evaluated
    ("-7 % 3", -1.0),  # JavaScript: the dividend's sign (Python's -7 % 3 is 2)
    ("7.5 % -2", 1.5),
    ("1 / 0", math.inf),
    ("-1 / 0", -math.inf),
    ("1 / -0", -math.inf),
    ("exp(1000)", math.inf),  # Python's math.exp raises
    ("exp(-1000)", 0.0),
    ("log(0)", -math.inf),
    ("pow(10, 400)", math.inf),
    ("sqrt(16) + abs(-2) + max(1, 3, 2) + min(4, -1)", 8.0),
    ("clamp(12, -6, 6)", 6.0),
    ("round(-2.5) + round(2.5)", 1.0),  # Math.round: halves up
    ("atan2(1, 1) * 4", math.pi),
    ("toNumber('0.25') * 4", 1.0),
    ("toNumber('')", None),
    ("isValid(null) || isValid(NaN) || isValid(0)", True),
    ("'' !== ''", False),
    ("1 === '1'", False),
    ("1 == '1'", True),
    ("null == 0", False),
    ("'a' + 1.5 + 2", "a1.52"),
    ("1.5 + 2 + 'a'", "3.5a"),
    ("'rgb(' + round(12.6) + ',' + 1e-7 + ')'", "rgb(13,1e-7)"),
    ("[1, 2 + 1][1]", 3.0),
])
def test_the_evaluator_on_hand_worked_expressions(expr, want):
    assert evaluate(expr) == want


@pytest.mark.parametrize("expr", ["0 / 0", "log(-1)", "sqrt(-1)", "max(1, NaN)",
                                  "min(NaN, 1)", "1 % 0", "exp(1000) - exp(1000)",
                                  "0 * exp(1000)", "toNumber('abc')", "pow(1, 1 / 0)"])
def test_the_evaluator_gives_javascripts_nan(expr):
    assert math.isnan(evaluate(expr))


def test_the_evaluator_reads_the_datum_and_params():
    row = {"z": -2.0, "name": "elu"}
    assert evaluate("datum.z * p", datum=row, p=3.0) == -6.0
    assert evaluate("datum['name'] === 'elu' ? 1 : 2", datum=row) == 1.0
    assert evaluate("datum.missing", datum=row) is UNDEFINED
    assert evaluate("isValid(datum.missing)", datum=row) is False
    with pytest.raises(NameError):
        evaluate("q + 1")
    with pytest.raises(NameError):
        evaluate("Infinity")  # not one of Vega's constants


@pytest.mark.parametrize("expr", ["--2", "1 +", "max(1,", "(1", "1 2", "foo(1)",
                                  "x = 1", "2 ** 3", "{a: 1}", "1 # 2"])
def test_the_evaluator_refuses_what_vega_does_not_parse(expr):
    with pytest.raises(SyntaxError):
        evaluate(expr, x=1.0)


@pytest.mark.parametrize(("x", "want"), [(1.0, "1"), (-0.0, "0"), (0.5, "0.5"),
                                         (1e21, "1e+21"), (1e20, "100000000000000000000"),
                                         (1e-7, "1e-7"), (1.5e-6, "0.0000015"),
                                         (-123.456, "-123.456"), (math.inf, "Infinity")])
def test_numbers_as_javascript_writes_them(x, want):
    assert js_string(x) == want


# ------------------------------------------------------------------ the table

# several values of each parameter across what nncore accepts (and the pages' sliders)
PARAMS: dict[str, list[dict[str, float]]] = {
    "leaky_relu": [{"alpha": a} for a in (0.0, 0.01, 0.37, 1.0)],
    "elu": [{"alpha": a} for a in (0.0, 0.05, 1.0, 2.95)],
    "softplus": [{"beta": b, "threshold": t}
                 for b in (0.1, 1.0, 3.7, 10.0) for t in (20.0, 1.5, math.inf)],
}
CASES = [(name, params) for name in activations.names()
         for params in PARAMS.get(name, [{}])]


#: |z| past which nncore itself is off (not a chart's concern: the Neuron plane's z stays
#: within a few hundred): mish' at z > 1e25 (its exp clamped at 40 leaves 1 - tanh^2 at
#: 7e-35, times z) and silu at z < -1e290 (its sigmoid clamped at 1.2e-308, times z)
HUGE = (1e154, 1e200, 1e308)


def _z_grid(params: dict[str, float]) -> np.ndarray:
    """Dense over [-30, 30] with 0, the kinks and their neighbours, tiny and large |z|
    (where exp overflows, where nncore clamps or clips)."""
    special = [0.0, 5e-324, 1e-300, 1e-9, 1e-6, 0.5, 19.0, 20.0, 21.0, 40.0, 80.0, 700.0,
               709.5, 710.0, 745.0, 800.0, 1e4, 1e4 + 1, 1e5, 1e10, 1e20]
    z = np.concatenate([np.linspace(-30, 30, 1201), special, -np.array(special)])
    if "threshold" in params and math.isfinite(params["threshold"]):
        kink = params["threshold"] / params["beta"]
        z = np.concatenate([z, [kink, np.nextafter(kink, 0), np.nextafter(kink, 100)]])
    return z


def _assert_close(got: list, want: np.ndarray, what: str) -> None:
    got = np.array(got, dtype=float)
    bad = np.flatnonzero(~np.isfinite(got))
    assert not bad.size, f"{what}: not finite at indices {bad}"
    err = np.abs(got - want) - (RTOL * np.abs(want) + ATOL)
    worst = int(np.argmax(err))
    assert err[worst] <= 0, f"{what}: {got[worst]!r} against {want[worst]!r} (index {worst})"


def test_the_table_has_every_activation_and_its_parameters():
    assert list(vega_math.FORMULAS) == activations.names()
    for name, formula in vega_math.FORMULAS.items():
        fields = {"z"} | set(activations.get(name).params)
        assert vega_math.placeholders(formula.g) | vega_math.placeholders(formula.dg) == fields
        assert vega_math.placeholders(formula.g) >= {"z"}


@pytest.mark.parametrize("which", ["g", "dg"])
@pytest.mark.parametrize(("name", "params"), CASES,
                         ids=[f"{n}{p}" if p else n for n, p in CASES])
def test_the_vega_formulas_are_nncores(name, params, which):
    z = _z_grid(params)
    want = getattr(activations.get(name, **params), which)(z)
    expr = getattr(vega_math, which)(name, **params)
    got = [evaluate(expr, datum={"z": float(x)}) for x in z]
    _assert_close(got, want, f"{name} {which} {params}")


@pytest.mark.parametrize(("name", "params"), CASES,
                         ids=[f"{n}{p}" if p else n for n, p in CASES])
def test_at_huge_z_the_formulas_stay_finite_on_their_asymptote(name, params):
    # g finite wherever nncore's is (no Infinity minus Infinity, no 0 times Infinity;
    # softplus's beta z past the largest double, with no threshold, is Infinity in both),
    # g' the slope it has reached at |z| = 1e20 (checked against nncore above)
    act = activations.get(name, **params)
    for sign in (-1.0, 1.0):
        slope = evaluate(vega_math.dg(name, **params), datum={"z": sign * 1e20})
        for z in HUGE:
            row = {"z": sign * z}
            got = evaluate(vega_math.g(name, **params), datum=row)
            with np.errstate(over="ignore"):  # nncore's own gelu and softplus overflow there
                want = float(act.g(np.array([sign * z]))[0])
            assert math.isfinite(got) or not math.isfinite(want), row
            got = evaluate(vega_math.dg(name, **params), datum=row)
            assert abs(got - slope) <= ATOL, row


@pytest.mark.parametrize("name", activations.names())
def test_a_parameter_or_z_may_be_any_expression(name):
    # z and the parameters as expressions (a negative number, a sum, a param's number):
    # each is one operand where it is put in, so -z never reads --2
    z = np.array([-3.0, -0.5, 0.0, 2.0])
    act = activations.get(name, **{k: 0.5 for k in PARAMS.get(name, [{}])[0]
                                   if k != "threshold"})
    given = {k: "toNumber(p) - 0.25" for k in act.params if k != "threshold"}
    for which in ("g", "dg"):
        got = [evaluate(getattr(vega_math, which)(name, z=f"{float(x)!r} - 1", **given),
                        p="0.75")
               for x in z + 1]
        _assert_close(got, getattr(act, which)(z), f"{name} {which}")


def test_numbers_are_checked_as_nncore_checks_them():
    with pytest.raises(ValueError, match="alpha"):
        vega_math.g("leaky_relu", alpha=2.0)
    with pytest.raises(ValueError, match="no parameter 'beta'"):
        vega_math.g("elu", beta="p")
    with pytest.raises(ValueError, match="unknown activation"):
        vega_math.dg("swish")
    assert vega_math.literal(20.0) == "20" and vega_math.literal(-0.5) == "(-0.5)"
    assert vega_math.literal(math.inf) == "(1 / 0)" and evaluate(vega_math.literal(-math.inf)) \
        == -math.inf


# ------------------------------------------------------------------ the charts that read it


@pytest.mark.parametrize("which", ["g", "dg"])
def test_the_activations_pages_followed_curves_are_nncores(which):
    names = (*plots.LIVE, "sigmoid")
    expr, _ = plots.live_expression(which, names)
    z = _z_grid({})
    for name, (_, parameter) in plots.LIVE.items():
        for params in PARAMS[name]:
            if params.get("threshold", 20.0) != 20.0:
                continue  # the page sets beta only
            value = params[parameter]
            bound = {f"p_{n}": None for n in plots.LIVE} | {f"p_{name}": str(value)}
            rows = [{"name": name, "z": float(x), which: math.nan} for x in z]
            got = [evaluate(expr, datum=row, **bound) for row in rows]
            want = getattr(activations.get(name, **{parameter: value}), which)(z)
            _assert_close(got, want, f"{name} {which} at {value}")
    # unbound (or emptied by the relay): the server's values; a bound param changes only
    # its own activation's rows
    rows = [{"name": n, "z": -2.0, which: 0.123} for n in names]
    for unbound in (None, ""):
        params = {f"p_{n}": unbound for n in plots.LIVE}
        assert [evaluate(expr, datum=r, **params) for r in rows] == [0.123] * len(names)
    params = {f"p_{n}": None for n in plots.LIVE} | {"p_leaky_relu": "0.5"}
    want = -1.0 if which == "g" else 0.5
    assert [evaluate(expr, datum=r, **params) for r in rows] == [want] + [0.123] * 3


def _run(transforms: list[dict], rows: list[dict], params: dict) -> list[dict]:
    """``rows`` through Vega-Lite ``calculate``, ``filter`` and ``flatten`` transforms, up
    to the first of another kind."""
    out = [dict(r) for r in rows]
    for t in transforms:
        if "calculate" in t:
            for d in out:
                d[t["as"]] = evaluate(t["calculate"], datum=d, **params)
        elif "filter" in t:
            out = [d for d in out if evaluate(t["filter"], datum=d, **params)]
        elif "flatten" in t:
            (field,), (name,) = t["flatten"], t["as"]
            out = [{**d, name: v} for d in out for v in d[field]]
        else:
            break
    return out


@pytest.mark.parametrize("act", activations.names())
def test_the_neuron_planes_shading_is_nncores_output_in_the_pages_colours(act):
    """While a weight slider is off the server's value, the gradient's stops are g of
    ``w . x + b`` along w, coloured as the server colours its picture (an unbounded g by
    the largest |a| over the square)."""
    transforms = neuron_view.shade_calc(act)
    assert {"calculate": vega_math.g(act), "as": "a"} in transforms
    server = {"s": 1, "w1": 0.3, "w2": -1.2, "b": 0.4}
    sliders = {f"p_{c}": None for c in neuron_view.FOLLOWED}
    assert _run(transforms, [server], sliders) == []  # the server's weights: no shading
    w, b = np.array([0.3, -1.6]), -0.75
    sliders |= {"p_w2": "-1.6", "p_b": "-0.75"}
    stops = _run(transforms, [server], sliders)
    assert len(stops) == neuron_view.SHADE_STOPS + 1
    offsets = np.array([d["offset"] for d in stops])
    np.testing.assert_allclose(offsets, np.linspace(0, 1, neuron_view.SHADE_STOPS + 1))
    u = w / np.linalg.norm(w)
    lo, hi = neuron_view.DOMAIN
    T = max(np.array([[lo, lo], [hi, lo], [lo, hi], [hi, hi]]) @ u)
    z = np.linalg.norm(w) * T * (2 * offsets - 1) + b
    a = activations.get(act).g(z)
    _assert_close([d["a"] for d in stops], a, act)
    # the colours: nncore's g mapped as the server maps its grid over the square
    grid = np.linspace(lo, hi, 401)
    X1, X2 = np.meshgrid(grid, grid)
    square = activations.get(act).g(w[0] * X1 + w[1] * X2 + b)
    shade, _ = neuron_view.colour_values(np.concatenate([a, square.ravel()]), act)
    want = boundary.boundary_rgb(shade[None, : len(a)], "regression")[0]
    got = np.array([[int(v) for v in d["color"][4:-1].split(",")] for d in stops])
    assert np.abs(got - want).max() <= 1
