"""Charts that follow a slider in the browser before the rerun (``ui.follow``, issue 14).

- The Vega expressions the charts compute with, evaluated by Chromium's JavaScript, against
  nncore (the oracle) at many z and slider values, and their fallback to the server's value
  while the slider is not bound.
- The Neuron plane's line and arrow expressions against ``line_segment`` and ``arrow``, and
  which value they take (the slider's once moved, the server's exact one otherwise); the
  g and g' of every activation (``ui.vega_math``) against nncore, and the gradient it
  shades while a weight moves against nncore's output mapped by the page's colours.
- In the app, with every message from the browser to the server held back (so no rerun can
  happen): an arrow key on a followed slider redraws its picture all the same (the
  Activations curves and depth chart, the Neuron line, arrow and input); a slider taken off
  the page returns its chart to the server's values.
"""

from __future__ import annotations

import math
import threading

import numpy as np
import pytest

from bench import harness
from bench.harness import mark, wait_drawn, wait_until
from nncore import activations
from nncore import perceptron as P  # noqa: N812 (as the page's modules name it)
from ui import boundary, vega_math
from ui.activations import plots
from ui.i18n import tr
from ui.neuron import view

pytestmark = pytest.mark.e2e

# Vega's expression functions the formulas use, as plain JavaScript
VEGA_FUNCTIONS = """
const isValid = (x) => x !== null && x !== undefined && x === x;
const toNumber = (x) => Number(x);
const clamp = (x, lo, hi) => Math.min(Math.max(x, lo), hi);
const {exp, log, abs, max, min, sqrt, atan2, PI} = Math;
"""
PARAM = {"leaky_relu": "alpha", "elu": "alpha", "softplus": "beta"}
PARAM_URL = {"leaky_relu": "leaky_alpha", "elu": "elu_alpha", "softplus": "beta"}
VALUES = {"leaky_relu": [0.0, 0.01, 0.37, 1.0], "elu": [0.0, 0.05, 1.0, 2.95],
          "softplus": [0.1, 1.0, 3.7, 10.0]}


def _evaluate(page, expr: str, params: dict[str, str | None], rows: list[dict]) -> list[float]:
    """``expr`` evaluated for each datum of ``rows`` with the params' values (strings, as
    an input's value is, or None while unbound)."""
    names = list(params)
    body = VEGA_FUNCTIONS + f"return ({expr});"
    return page.evaluate(
        """([names, values, body, rows]) => {
            const f = new Function('datum', ...names, body);
            return rows.map((d) => f(d, ...values));
        }""",
        [names, [params[n] for n in names], body, rows],
    )


@pytest.mark.parametrize("which", ["g", "dg"])
def test_the_browser_formulas_are_nncores(page, which):
    names = tuple(plots.LIVE)
    expr, _ = plots.live_expression(which, names)
    z = np.concatenate([np.linspace(-8, 8, 161), [0.0, -1e-9, 1e-9, 2.5, 30.0, -30.0]])
    for name in names:
        for value in VALUES[name]:
            params = {f"p_{n}": None for n in names}
            params[f"p_{name}"] = str(value)  # an input's value is a string
            rows = [{"name": name, "z": float(x), which: math.nan} for x in z]
            got = np.array(_evaluate(page, expr, params, rows), dtype=float)
            act = activations.get(name, **{PARAM[name]: value})
            want = getattr(act, which)(z)
            np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12,
                                       err_msg=f"{name} {which} at {value}")


def test_unbound_the_formulas_draw_the_servers_values(page):
    names = tuple(plots.LIVE) + ("sigmoid",)
    expr, _ = plots.live_expression("g", names)
    rows = [{"name": n, "z": -2.0, "g": 0.123} for n in names]
    for unbound in (None, ""):
        params = {f"p_{n}": unbound for n in plots.LIVE}
        assert _evaluate(page, expr, params, rows) == [0.123] * len(names)
    # a bound param changes only its own activation's rows
    params = {f"p_{n}": None for n in plots.LIVE} | {"p_leaky_relu": "0.5"}
    assert _evaluate(page, expr, params, rows) == [-1.0, 0.123, 0.123, 0.123]


class HeldBack:
    """Forwards the Streamlit websocket both ways, except that while ``hold`` is set the
    browser's messages (widget changes, reruns) are dropped: what the page then shows, it
    computed itself."""

    def __init__(self, page) -> None:
        self.hold = threading.Event()
        self.dropped = 0
        page.route_web_socket("**/_stcore/stream", self._route)

    def _route(self, ws) -> None:
        server = ws.connect_to_server()

        def to_server(message) -> None:
            if self.hold.is_set():
                self.dropped += 1
            else:
                server.send(message)

        ws.on_message(to_server)
        server.on_message(ws.send)

    def press(self, thumb, times: int = 5) -> None:
        """From now on hold the browser's messages back, then press ArrowRight ``times``
        on the slider input ``thumb``, once the page's relay (``ui/follow.js``, mounted by
        a component after the run, its module loaded on its own) is there to pass them to
        the charts: pressed before it, the charts wait for the server, which never hears."""
        thumb.page.wait_for_function("() => window.__nnFollow > 0")
        self.hold.set()
        thumb.focus()
        for _ in range(times):
            thumb.page.keyboard.press("ArrowRight")

    def nothing_ran(self, page) -> None:
        """The presses reached the socket and were dropped, and no script run started."""
        # the slider sends its value a moment after the redraw (on a busy machine later)
        wait_until(page, lambda: self.dropped >= 1, timeout=30_000)
        assert self.dropped >= 1, "the slider sent nothing: the press did not register"
        assert page.get_attribute("[data-test-script-state]", "data-test-script-state") \
            == "notRunning"


def test_a_chart_drawn_before_its_slider_still_follows_it(
    browser, streamlit_server, wait_ready, assert_no_exception, slider_thumb,
):
    """A slider's code loads on its own, so on a first load (a busy machine, a slow network)
    a chart can be drawn before the slider it follows. Vega binds a param once, when the
    chart is first drawn: bound to the slider's input, that chart never followed it. It binds
    a proxy the frame draws before any chart (``ui.follow.proxies``). Here the slider's code
    is held back until both charts are drawn."""
    page = harness.new_page(browser)  # a cold start: the slider's code not cached
    try:
        held_code: list = []
        page.route("**/static/js/Slider.*.js", lambda route: held_code.append(route))
        held = HeldBack(page)
        page.goto(f"{streamlit_server}/Activations?lang=en&g=sigmoid,softplus")
        page.locator(CURVES).nth(3).wait_for(timeout=60_000)  # 2 charts x 2 curves
        wait_until(page, lambda: bool(held_code), timeout=30_000)
        assert page.locator(".st-key-act_beta input[type=range]").count() == 0  # not yet
        for route in held_code:
            route.continue_()
        wait_ready(page, timeout=60_000)
        wait_drawn(page)
        before = _paths(page)
        thumb = slider_thumb(page, tr("act.softplus_beta", "en"))
        held.press(thumb)
        colour = plots.ACT_COLOURS["softplus"]
        page.wait_for_function(
            """([sel, before, colour]) => [...document.querySelectorAll(sel)].every((p, i) =>
                p.getAttribute('stroke') !== colour || p.getAttribute('d') !== before[i])""",
            arg=[CURVES, before, colour], timeout=30_000)
        held.nothing_ran(page)
        assert_no_exception(page)
    finally:
        page.context.close()


def step_back_and_forth(page, thumb, wait_ready) -> None:
    """ArrowLeft then ArrowRight on ``thumb``, each waited for until its run is done: the
    slider ends where it was, and the server has it. (Pressed together, both can fall in
    the slider's debounce, and a slider sends nothing when it ends on the value it last
    sent, here the one held back: the server never hears of it.)"""
    thumb.focus()
    for key in ("ArrowLeft", "ArrowRight"):
        since = mark(page)
        page.keyboard.press(key)
        wait_ready(page, since=since)


CURVES = "[data-testid=stVegaLiteChart] .mark-line path"


def _paths(page, colour: str | None = None) -> list[str]:
    """The d attribute of every drawn line (both charts, every activation), or of those
    drawn in ``colour``."""
    return page.locator(CURVES).evaluate_all(
        "(ps, c) => ps.filter((p) => !c || p.getAttribute('stroke') === c)"
        ".map((p) => p.getAttribute('d'))", colour)


@pytest.mark.parametrize(("name", "label"), [("leaky_relu", "act.leaky_alpha"),
                                             ("elu", "act.elu_alpha"),
                                             ("softplus", "act.softplus_beta")])
def test_a_parameter_slider_redraws_its_curve_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb, name, label,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Activations?lang=en&g=sigmoid,{name}")
    wait_ready(page, timeout=60_000)
    page.locator(CURVES).nth(3).wait_for()  # 2 charts x 2 curves
    wait_drawn(page)
    before = _paths(page)
    thumb = slider_thumb(page, tr(label, "en"))
    held.press(thumb)
    page.wait_for_function(
        """([sel, before]) => [...document.querySelectorAll(sel)]
            .some((p, i) => p.getAttribute('d') !== before[i])""",
        arg=[CURVES, before], timeout=30_000)
    wait_drawn(page)  # all five presses drawn
    during = _paths(page)
    held.nothing_ran(page)
    # the moved activation's two curves (g and g') are redrawn (sigmoid's move only when
    # the y axis follows a new range)
    colour = plots.ACT_COLOURS[name]
    mine = [i for i, d in enumerate(_paths(page)) if d in _paths(page, colour)]
    assert len(mine) == 2
    assert all(before[i] != during[i] for i in mine), "the curve was not redrawn"

    if name == "leaky_relu":
        # a slider taken off the page (as React replacing it would): its chart goes back to
        # the server's values, here still the first ones (nothing reached the server)
        page.evaluate("() => document.querySelector('.st-key-act_leaky_alpha').remove()")
        page.wait_for_function(
            """([sel, want]) => [...document.querySelectorAll(sel)]
                .every((p, i) => p.getAttribute('d') === want[i])""",
            arg=[CURVES, before], timeout=30_000)
        return
    # Once the messages flow again, the next press reaches the server: the link takes the
    # slider's value and the curve stays redrawn (the rerun brings the server's rows and
    # the shaded regions for it; the shape of the curve is the browser's formula, checked
    # against nncore above).
    held.hold.clear()
    value = thumb.input_value()
    step_back_and_forth(page, thumb, wait_ready)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('{PARAM_URL[name]}')"
                           f" === '{value}'", timeout=30_000)
    wait_ready(page)
    wait_drawn(page)
    assert_no_exception(page)
    after = _paths(page, colour)
    assert len(after) == 2 and not set(after) & {before[i] for i in mine}


# ------------------------------------------------------------------ the Neuron page's plane


def _transformed(page, transforms: list[dict], params: dict[str, str | None],
                 rows: list[dict]) -> list[dict]:
    """``rows`` through a layer's Vega transforms (calculate and filter, in order), as the
    chart computes them, with the params' values."""
    return page.evaluate(
        """([transforms, params, rows, fns]) => {
            const names = Object.keys(params), values = Object.values(params);
            const fn = (expr) => new Function('datum', ...names, fns + `return (${expr});`);
            let out = rows.map((r) => ({...r}));
            for (const t of transforms) {
                const f = fn(t.calculate ?? t.filter);
                if (t.calculate) out.forEach((d) => { d[t.as] = f(d, ...values); });
                else out = out.filter((d) => f(d, ...values));
            }
            return out;
        }""",
        [transforms, params, rows, VEGA_FUNCTIONS],
    )


def _layer(mark: str) -> list[dict]:
    """The transforms of the plane chart's layer drawn with ``mark``."""
    spec = view.plane_spec()
    layer = next(la for la in spec["layer"]
                 if (la["mark"] if isinstance(la["mark"], str) else la["mark"]["type"]) == mark)
    return layer.get("transform", [])


UNBOUND = {f"p_{c}": None for c in view.FOLLOWED}
CASES_WB = [(0, 2, -2), (1, 0, 0), (0, 1, 3), (0, 0, 1), (0.01, 0, 5), (1, 1, -11.9),
            (1, 1, -12.5), (3, -1, 20), (1, 0.2, 6.5), (-2, 0.5, 7), (0.3, -0.4, 0)]


def _wb_rows(w1: float, w2: float, b: float) -> list[dict]:
    return [{"s": s, "w1": w1, "w2": w2, "b": b} for s in (-1, 1)]


def test_the_browser_line_and_arrow_are_line_segment_and_arrow(page):
    rng = np.random.default_rng(0)
    cases = CASES_WB + [tuple(rng.uniform(-3, 3, 2)) + (rng.uniform(-12, 12),)
                        for _ in range(200)]
    line_t, rule_t = _layer("line"), _layer("rule")
    for w1, w2, b in cases:
        W = np.array([w1, w2])
        want = view.arrow(W, b)
        got = _transformed(page, rule_t, UNBOUND, _wb_rows(w1, w2, b))
        if want is None:
            assert got == [], (w1, w2, b)
        else:
            (fx, fy), (tx, ty), angle = want
            assert len(got) == 1, (w1, w2, b)
            d = got[0]
            np.testing.assert_allclose([d["fx"], d["fy"], d["tx"], d["ty"], d["angle"]],
                                       [fx, fy, tx, ty, angle], rtol=1e-9, atol=1e-9)
        ends = _transformed(page, line_t, UNBOUND, _wb_rows(w1, w2, b))
        seg = view.line_segment(W, b)
        if seg is None:
            continue  # drawn or not, nothing of it is in the plot
        assert len(ends) == 2, (w1, w2, b)
        P = np.array([[e["x"], e["y"]] for e in ends])
        np.testing.assert_allclose(P @ W + b, 0, atol=1e-9)  # both far ends on the line
        d = P[1] - P[0]
        for q in np.array(seg):  # the visible piece lies between them
            t = (q - P[0]) @ d / (d @ d)
            assert 0 < t < 1
            np.testing.assert_allclose(P[0] + t * d, q, atol=1e-9)


def test_the_plane_takes_a_moved_slider_and_the_servers_exact_value_otherwise(page):
    line_t = _layer("line")

    def used(server: tuple, sliders: dict) -> tuple:
        rows = _transformed(page, line_t, UNBOUND | sliders, _wb_rows(*server))
        return rows[0]["W1"], rows[0]["W2"], rows[0]["B"]

    assert used((0.3, 1.0, 0.5), {}) == (0.3, 1.0, 0.5)  # unbound: the server's
    assert used((0.3, 1.0, 0.5), {"p_w1": "0.3", "p_w2": "1", "p_b": "0.5"}) == (0.3, 1.0, 0.5)
    # moved by the hand: the slider's
    assert used((0.3, 1.0, 0.5), {"p_w1": "0.31", "p_w2": "1", "p_b": "-2"}) == (0.31, 1.0, -2)
    # the slider shows a trained value rounded, or clamped to its range: the server's exact
    assert used((0.1234, 12.3, -10.5), {"p_w1": "0.12", "p_w2": "10", "p_b": "-10"}) \
        == (0.1234, 12.3, -10.5)
    at_x = next(la for la in view.plane_spec()["layer"]
                if la.get("data", {}).get("name") == "neuron-plane-x")["transform"]
    row = {"x1": 1.0, "x2": 2.0}
    got = _transformed(page, at_x, UNBOUND | {"p_x1": "-3.5", "p_x2": "2"}, [row])[0]
    assert (got["px1"], got["px2"]) == (-3.5, 2.0)


def test_the_browsers_g_and_dg_are_nncores_for_every_activation(page):
    z = np.concatenate([np.linspace(-30, 30, 241),
                        [0.0, -1e-9, 1e-9, 80.0, -80.0, 700.0, -700.0, 900.0, -900.0]])
    rows = [{"z": float(x)} for x in z]
    for name in activations.names():
        for which in ("g", "dg"):
            expr = getattr(vega_math, which)(name)
            got = np.array(_evaluate(page, expr, {}, rows), dtype=float)
            np.testing.assert_allclose(got, getattr(activations.get(name), which)(z),
                                       rtol=1e-9, atol=1e-12, err_msg=f"{name} {which}")


def _gradient(plane) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradient filling the plane's shading: its vector (x1, y1, x2, y2, in the units
    of the square, y down), its stops' offsets and their colours (n, 3)."""
    got = plane.locator(".mark-rect path").evaluate_all("""(ps) => ps.map((p) => {
        const id = p.getAttribute('fill').match(/#([^)]+)\\)/)[1];
        const g = document.getElementById(id);
        return [['x1', 'y1', 'x2', 'y2'].map((a) => Number(g.getAttribute(a))),
                [...g.querySelectorAll('stop')].map((s) => [Number(s.getAttribute('offset')),
                                                             s.getAttribute('stop-color')])];
    })""")
    assert len(got) == 1, got
    vector, stops = got[0]
    colours = []
    for _, f in stops:
        if f.startswith("#"):
            colours.append([int(f[i:i + 2], 16) for i in (1, 3, 5)])
        else:  # rgb(r, g, b)
            colours.append([int(v) for v in f[f.index("(") + 1:-1].split(",")])
    return np.array(vector), np.array([o for o, _ in stops]), np.array(colours, dtype=float)


@pytest.mark.parametrize(("act", "w1", "w2", "b", "presses"), [
    ("sigmoid", 1.0, 1.0, 0.5, 40),  # bounded: scaled by its range
    # unbounded, scaled by the largest |a| over the square: here at gelu's dip (z = -0.75),
    # above both ends (z = -0.75 -+ 0.48)
    ("gelu", 0.0, 0.0, -0.75, 8),
])
def test_the_planes_colours_follow_a_weight_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception, act, w1, w2, b, presses,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Neuron?lang=en&w1={w1}&w2={w2}&b={b}&act={act}")
    wait_ready(page, timeout=60_000)
    plane = _plane(page)
    plane.locator(".mark-image image").first.wait_for()
    wait_drawn(page)
    shading = plane.locator(".mark-rect path")
    assert shading.count() == 0  # the server's weights: its exact picture alone
    image = plane.locator(".mark-image image").first.get_attribute("href")
    thumb = page.locator("[data-testid=stSlider]").filter(
        has=page.get_by_text("w₂", exact=True)).locator("input[type=range]").first
    held.press(thumb, times=presses)
    shading.first.wait_for(timeout=30_000)
    wait_drawn(page)  # every press drawn
    held.nothing_ran(page)
    moved = float(thumb.input_value())
    assert moved == pytest.approx(w2 + 0.01 * presses)
    vector, offsets, colours = _gradient(plane)
    # the vector: through the square's centre along w (y down), from the farthest corner
    # against w to the farthest along it
    w = np.array([w1, moved])
    u = w / np.linalg.norm(w)
    lo, hi = view.DOMAIN
    corners = np.array([[lo, lo], [hi, lo], [lo, hi], [hi, hi]])
    T = (corners @ u).max()
    half = (hi - lo) / 2
    np.testing.assert_allclose(vector, [0.5 - T * u[0] / (2 * half), 0.5 + T * u[1] / (2 * half),
                                        0.5 + T * u[0] / (2 * half), 0.5 - T * u[1] / (2 * half)],
                               atol=1e-9)
    np.testing.assert_allclose(offsets, np.linspace(0, 1, view.SHADE_STOPS + 1), atol=1e-9)
    # the oracle: nncore's g at each stop's distance along w, mapped onto the image's
    # colours as the server maps its picture (an unbounded g by the largest |a| of the
    # server's own 100 x 100 grid over the square)
    t = T * (2 * offsets - 1)
    a = activations.get(act).g(np.linalg.norm(w) * t + b)
    grid = P.output_grid(w, b, act, 100)
    shade, _ = view.colour_values(np.concatenate([a, grid.ravel()]), act)
    want = boundary.boundary_rgb(shade[None, : len(a)], "regression")[0]
    assert np.abs(colours - want).max() <= 2, np.abs(colours - want).max()
    assert plane.locator(".mark-image image").first.get_attribute("href") == image
    # once the press reaches the server, its picture for the new weights replaces the
    # shading
    held.hold.clear()
    step_back_and_forth(page, thumb, wait_ready)
    page.wait_for_function(
        "([sel, href]) => document.querySelectorAll(sel).length === 0 && document"
        ".querySelector('[data-testid=stVegaLiteChart] .mark-image image').getAttribute"
        "('href') !== href", arg=[".mark-rect path", image], timeout=30_000)
    wait_ready(page)
    assert_no_exception(page)


def _plane(page):
    return page.locator("[data-testid=stVegaLiteChart]").filter(
        has=page.locator(".mark-image")).first


@pytest.mark.parametrize(("label", "mark"), [("w₁", ".mark-line path"),
                                             ("b", ".mark-rule line"),
                                             ("x₁", ".mark-symbol path")])
def test_a_neuron_slider_moves_its_mark_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb, label, mark,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Neuron?lang=en&w1=1&w2=1&b=0&x1=1&x2=2")
    wait_ready(page, timeout=60_000)
    plane = _plane(page)
    plane.locator(".mark-image image").first.wait_for()
    wait_drawn(page)

    def drawn() -> list[str]:
        return plane.locator(mark).evaluate_all(
            "(els) => els.map((e) => e.outerHTML.replace(/ aria-[a-z]+=\"[^\"]*\"/g, ''))")

    image = plane.locator(".mark-image image").first.get_attribute("href")
    before = drawn()
    assert before
    held.press(page.locator("[data-testid=stSlider]").filter(
        has=page.get_by_text(label, exact=True)).locator("input[type=range]").first)
    wait_until(page, lambda: drawn() != before, timeout=30_000)
    wait_drawn(page)
    held.nothing_ran(page)
    assert drawn() != before, f"{mark} did not move"
    # the neuron's output (a picture the server draws) follows with the rerun only
    assert plane.locator(".mark-image image").first.get_attribute("href") == image
    assert_no_exception(page)


def test_the_depth_chart_grows_with_its_slider_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Activations?lang=en&tab=depth&depth=10&g=sigmoid,tanh")
    wait_ready(page, timeout=60_000)
    lines = page.locator("[data-testid=stVegaLiteChart] .mark-line path")
    lines.first.wait_for()
    wait_drawn(page)

    def vertices() -> list[int]:  # points drawn per line: one per depth L
        return lines.evaluate_all("(ps) => ps.map((p) => p.getAttribute('d').split('L').length)")

    assert vertices() == [10, 10]
    held.press(slider_thumb(page, tr("act.depth.L", "en")))
    page.wait_for_function("() => [...document.querySelectorAll("
                           "'[data-testid=stVegaLiteChart] .mark-line path')]"
                           ".every((p) => p.getAttribute('d').split('L').length === 15)",
                           timeout=30_000)
    held.nothing_ran(page)
    assert_no_exception(page)


def test_the_relay_lives_only_on_the_pages_that_follow_sliders(
    page, streamlit_server, wait_ready, assert_no_exception, slider_thumb,
):
    """Moving between pages in the app (no page load): the relay's observer is there on
    the Neuron and Activations pages only, and the curves follow again on coming back."""
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Neuron?lang=en")
    wait_ready(page, timeout=60_000)
    page.wait_for_function("() => window.__nnFollow === 1", timeout=30_000)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text(tr("nav.mlp", "en"), exact=True).click()
    page.wait_for_url("**/MLP**")
    wait_ready(page, timeout=60_000)
    page.wait_for_function("() => window.__nnFollow === 0", timeout=30_000)
    sidebar.get_by_text(tr("nav.activations", "en"), exact=True).click()
    page.wait_for_url("**/Activations**")
    wait_ready(page, timeout=60_000)
    page.wait_for_function("() => window.__nnFollow === 1", timeout=30_000)
    page.locator(CURVES).nth(7).wait_for()  # 2 charts x 4 curves
    wait_drawn(page)
    colour = plots.ACT_COLOURS["leaky_relu"]
    before = _paths(page, colour)
    held.press(slider_thumb(page, tr("act.leaky_alpha", "en")))
    page.wait_for_function(
        """([sel, c, before]) => [...document.querySelectorAll(sel)]
            .filter((p) => p.getAttribute('stroke') === c)
            .some((p, i) => p.getAttribute('d') !== before[i])""",
        arg=[CURVES, colour, before], timeout=30_000)
    held.nothing_ran(page)
    assert_no_exception(page)


def test_the_landscapes_point_follows_the_weights_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Neuron?lang=en&w1=1&w2=1&b=0&land=1")
    wait_ready(page, timeout=60_000)
    land = page.locator("[data-testid=stVegaLiteChart]").filter(
        has=page.locator(".mark-image")).nth(1)
    land.locator(".mark-image image").first.wait_for()
    wait_drawn(page)

    def points() -> list[str]:  # the start (a square) and the weights now (a circle)
        return land.locator(".mark-symbol path").evaluate_all(
            "(els) => els.map((e) => e.getAttribute('transform'))")

    before = points()
    held.press(page.locator(".st-key-neuron_w1 input[type=range]"), 20)
    wait_until(page, lambda: points() != before, timeout=30_000)
    wait_drawn(page)  # every press drawn
    held.nothing_ran(page)
    after = points()
    assert len(after) == len(before) and after != before, "the point did not move"
    # one mark moved (the weights now); the start of the path stays until the rerun
    assert sum(a != b for a, b in zip(before, after, strict=True)) == 1
    assert_no_exception(page)


# ------------------------------------------------------------ the Backprop page's diagram


def _reference_layout(sizes: list[int]) -> dict[str, set]:
    """The diagram as the server drew it before it followed the sliders (the oracle): units
    (name, x, y), weights (name, x, y, x2, y2), labels (x, y, text)."""
    L = len(sizes) - 1

    def y_of(n: int, i: int) -> float:
        return (n - 1) / 2 - i

    def label(l: int) -> str:
        if l == 0:
            return tr("bp.diagram.input", "en")
        return tr("bp.diagram.output", "en", l=l) if l == L else tr("bp.diagram.hidden", "en", l=l)

    return {
        "bp_units": {(f"a{i + 1}[{l}]" if l else f"x{i + 1}", float(l), y_of(n, i))
                     for l, n in enumerate(sizes) for i in range(n)},
        "bp_weights": {(f"W[{l}]_{i + 1}{j + 1}", float(l - 1), y_of(sizes[l - 1], j),
                        float(l), y_of(n, i))
                       for l, n in enumerate(sizes) if l > 0
                       for i in range(n) for j in range(sizes[l - 1])},
        "bp_labels": {(float(l), -(max(sizes) - 1) / 2 - 0.9, label(l)) for l in range(L + 1)},
    }


def _diagram_drawn(page, sizes: tuple, hidden: tuple, sliders: dict) -> dict[str, set]:
    """What the diagram's layers draw from the server's rows for ``sizes`` with the
    sliders' values ``sliders`` (param name -> string)."""
    from ui.backprop import view as bview

    spec = bview.diagram_spec(len(sizes) - 2)
    data = {name: df.to_dict("records")
            for name, df in bview.diagram_data(sizes, hidden).items()}
    # only the chart's own params: an expression reading any other would fail here as in Vega
    params = {p["name"]: sliders.get(p["name"]) for p in spec["params"]}
    assert set(sliders) <= set(params)
    out = {}
    for layer in spec["layer"]:
        if layer["mark"].get("opacity") == 0:
            continue  # the frame the scales fit
        name = layer["data"]["name"]
        rows = _transformed(page, layer["transform"], params, data[name])
        if name == "bp_units":
            out[name] = {(r["name"], r["x"], r["y"]) for r in rows}
        elif name == "bp_weights":
            out[name] = {(r["name"], r["x"], r["y"], r["x2"], r["y2"]) for r in rows}
        else:
            out[name] = {(r["x"], r["y"], r["text"]) for r in rows}
    return out


NETWORKS = [(2, 3, 1), (1, 1), (4, 4, 4, 4, 4), (2, 3, 4, 1), (3, 2), (1, 4, 2, 3),
            (4, 1, 1, 2)]


def test_the_browser_diagram_is_the_servers_layout(page):
    # outside a run the labels are in the default language, English
    for sizes in NETWORKS:
        assert _diagram_drawn(page, sizes, (), {}) == _reference_layout(list(sizes)), sizes


def test_the_browser_diagram_follows_the_network_sliders(page):
    # from 2-3-1, the sliders moved to 3 inputs, 2 hidden layers (the second taking the
    # width its slider holds, 4) and 2 outputs: the diagram of 3-3-4-2
    moved = {"p_n0": "3", "p_depth": "2", "p_h1": "3", "p_k": "2"}
    assert _diagram_drawn(page, (2, 3, 1), (3, 4, 2), moved) == _reference_layout([3, 3, 4, 2])
    # fewer layers: the hidden widths past the depth are left out
    assert _diagram_drawn(page, (2, 3, 4, 1), (3, 4, 2), {"p_depth": "0"}) \
        == _reference_layout([2, 1])


def test_the_backprop_diagram_follows_a_network_slider_before_any_rerun(
    page, streamlit_server, wait_ready, assert_no_exception,
):
    held = HeldBack(page)
    page.goto(f"{streamlit_server}/Backprop?lang=en&sizes=2-3-1")
    wait_ready(page, timeout=60_000)
    diagram = page.locator(".st-key-bp_diagram [data-testid=stVegaLiteChart]")
    circles = diagram.locator(".mark-symbol path")
    circles.first.wait_for()
    wait_drawn(page)
    assert circles.count() == 2 + 3 + 1
    page.locator("[data-testid=stExpander] summary").filter(
        has_text=tr("bp.settings", "en")).click()  # the network's sliders
    page.locator(".st-key-bp_n0 input[type=range]").wait_for(state="visible")
    # a second hidden layer, of the default width 3; then 3 inputs
    held.press(page.locator(".st-key-bp_depth input[type=range]"), 1)
    held.press(page.locator(".st-key-bp_n0 input[type=range]"), 1)
    page.wait_for_function("(n) => document.querySelectorAll("
                           "'.st-key-bp_diagram .mark-symbol path').length === n",
                           arg=3 + 3 + 3 + 1, timeout=30_000)
    held.nothing_ran(page)
    assert_no_exception(page)
