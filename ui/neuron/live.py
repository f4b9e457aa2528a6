"""The Neuron page's pictures, in two nested fragments, so a slider reruns the least:

- :func:`live` (the outer fragment, ``run_every=TICK`` while playing): the inner fragment,
  the messages, the numbers, the last step and the curves; while playing it trains a few
  steps per frame.
- :func:`neuron` (the inner fragment): the plane, the w1, w2, b sliders under it, the loss
  landscape beside it when shown (:func:`landscape`: a click on it sets the start), the input
  point's x1, x2 sliders, the activation and the formulas. x and g change only the point,
  z, a and the colours, so moving them reruns this fragment alone. Moving a weight
  restarts the run (new curves, numbers, Step unlocked), so the fragment hands over to a
  run of the whole page at once (``st.rerun(scope="app")``, on the server, no round trip).

The inner fragment writes the URL at the end (``st.query_params`` from a fragment run
reaches the browser). The plane's picture is cached per (W, b, g) (:func:`plane_image`).
The Play/Pause button sits outside (:mod:`ui.neuron.sections`), so pausing reruns the
page once and the fragment comes back without ``run_every``: no work while paused.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from nncore import activations
from nncore import landscape as LS  # noqa: N812 (short)
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import boundary, charts
from ui.i18n import t
from ui.neuron import actions, sections, settings, view
from ui.neuron import landscape as land
from ui.neuron.sections import mlp_link
from ui.numbers import latex

MAX_STEPS = 5000  # Play stops here
TICK = 0.2  # seconds between frames while playing
GRID = 100  # the plane's output image is GRID x GRID


def advance(run: P.NeuronRun) -> None:
    """While playing: a few steps; stop at divergence, convergence or MAX_STEPS."""
    ss = st.session_state
    if not ss.neuron_playing:
        return
    actions.train(ss.neuron_speed)
    if run.diverged or run.converged or run.steps >= MAX_STEPS:
        ss.neuron_playing = False
        st.rerun(scope="app")  # redraw the controls and stop the timer


@st.cache_data(max_entries=512, show_spinner=False)
def plane_image(w1: float, w2: float, b: float, act: str) -> tuple[bytes, float, float]:
    """The PNG of ``a = g(w.x + b)`` over the plane and the outputs drawn orange and blue
    (``lo``, ``hi``): pure, so cached (a move of x or a replay of a slider costs nothing)."""
    shade, (lo, hi) = view.colour_values(P.output_grid((w1, w2), b, act, GRID), act)
    return boundary.boundary_png(shade, kind="regression"), lo, hi


def plane(
    run: P.NeuronRun, act: str, x: tuple[float, float]
) -> tuple[float, float, float, float]:
    """The neuron's output over the plane under the data, its line and the input ``x``.

    Returns ``(z, a)`` at ``x`` and the outputs drawn orange and blue, ``(lo, hi)``.
    """
    W, b = run.W, run.b
    png, lo, hi = plane_image(float(W[0]), float(W[1]), float(b), act)
    z, a = P.point_output(W, b, x, act)
    charts.show(view.plane_spec("neuron-plane"),
                view.plane_datasets(png, run.X, run.y, W, b, x, z, a))
    return z, a, lo, hi


def landscape(run: P.NeuronRun, act: str) -> None:
    """The loss over the weight plane at the current b with the path so far (a click sets
    the start), the loss along b, and a word when the path overshoots."""
    ss = st.session_state
    path = actions.path()
    g, loss = land.loss_of(run.rule, act)
    r = land.span(np.asarray(path)[:, :2])
    b_shown = land.snap_b(run.b)
    png, cells, lo, hi = land.surface(ss.neuron_dataset, ss.neuron_noise, ss.neuron_seed,
                                      b_shown, g, loss, r)
    now = LS.neuron_loss(run.X, run.y, run.W, run.b, g, loss)
    key = actions.land_key()
    spec = land.land_spec(r, title=t("neuron.land.title", b=b_shown))
    st.vega_lite_chart({**spec, "datasets": land.land_datasets(png, cells, r, path, run.W,
                                                                run.b, now)},
                       width="stretch", key=key, on_select=actions.on_land_click,
                       selection_mode=land.SELECTION)
    st.caption(t("neuron.land.caption", loss=t(f"neuron.land.loss.{loss}"), lo=latex(lo, 3),
                 hi=latex(hi, 3), b=b_shown))
    rb = land.span(np.asarray(path)[:, 2], land.SPANS[1:])
    charts.show(land.bias_spec(title=t("neuron.land.bias_title"),
                               y_title=t("neuron.axis.loss")),
                land.bias_datasets(run.X, run.y, run.W, run.b, g, loss, rb))
    if run.rule == "gd" and len(path) >= 4:
        zz = LS.zigzag(path, run.history["loss"][-len(path):])
        if zz.overshoots:
            st.warning(t("neuron.land.overshoot", flips=zz.flips, rises=zz.rises,
                         steps=zz.steps))


def plane_caption(run: P.NeuronRun, lo: float, hi: float) -> None:
    """What the plane's colours, line, arrow and marks mean; no line when there is none."""
    st.caption(t("neuron.plane_caption", lo=latex(lo, 2), hi=latex(hi, 2),
                 mid=latex((lo + hi) / 2, 2)))
    if view.line_segment(run.W, run.b) is None:
        st.caption(t("neuron.no_line"))


def formula(run: P.NeuronRun, act: str, x: tuple[float, float], z: float, a: float) -> None:
    """g's formula, then z and a at ``x`` with the numbers, in one LaTeX element each."""
    st.markdown(f"**{t('neuron.h.formula')}**")
    st.latex(activations.get(act).latex)
    for line in view.point_latex(run.W, run.b, x, z, a, act):
        st.latex(line)


@st.fragment
def neuron() -> None:
    """The inner fragment: the plane, the w1, w2, b sliders, x1, x2 and g under it, the
    formulas at x. A weight moved restarts the run: the whole page follows."""
    ss = st.session_state
    if ss.neuron_whole_page:
        ss.neuron_whole_page = False
        st.rerun(scope="app")
    run: P.NeuronRun = ss.neuron_run
    actions.sync_sliders()
    act, x = ss.neuron_act, (ss.neuron_x1, ss.neuron_x2)
    # the landscape beside the plane (after it, once columns stack on a phone)
    left, right = st.columns(2, gap="medium") if ss.neuron_land else (st.container(), None)
    with left:
        z, a, lo, hi = plane(run, act, x)
        sections.weight_sliders(run, ss.neuron_playing)  # right under the plane
        plane_caption(run, lo, hi)
    if right is not None:
        with right:
            landscape(run, act)
    sections.land_button(ss.neuron_land)
    sections.point_controls()
    formula(run, act, x, z, a)
    settings.to_url()


def messages(run: P.NeuronRun, lang: str) -> None:
    """The note from a callback, why training stopped, and whether one neuron can do it."""
    ss = st.session_state
    if ss.neuron_note:
        st.info(ss.neuron_note)
        ss.neuron_note = None
    if run.diverged:
        d = run.diverged
        st.error(t("neuron.diverged", step=d.step, lr=latex(d.lr, 3), loss=d.loss,
                   loss_new=d.loss_new, limit=d.limit))
    elif run.converged:
        st.success(t("neuron.converged", step=run.steps))
    elif run.steps >= MAX_STEPS:
        st.info(t("neuron.max_steps", n=MAX_STEPS))
    if ss.neuron_dataset in ("xor", "circle"):
        st.warning(t(f"neuron.not_separable.{ss.neuron_dataset}",
                     acc=100 * run.history["acc"][-1]))
        mlp_link(lang)


def metrics(run: P.NeuronRun) -> None:
    """Step, loss and accuracy now."""
    h = run.history
    m1, m2, m3 = st.columns(3)
    m1.metric(t("neuron.m.step"), run.steps)
    m2.metric(t(f"neuron.m.loss.{run.rule}"), f"{h['loss'][-1]:.4f}")
    m3.metric(t("neuron.m.acc"), f"{100 * h['acc'][-1]:.1f}%")


def last_step(run: P.NeuronRun) -> None:
    """The last update written out: gradient descent's or the perceptron rule's."""
    st.markdown(f"**{t('neuron.h.last')}**")
    rec = run.last
    if rec is None:
        st.caption(t(f"neuron.no_step.{run.rule}"))
    elif rec.rule == "gd":
        st.caption(t("neuron.gd_explain"))
        for line in view.gd_latex(rec, len(run.y)):
            st.latex(line)
        st.caption(t("neuron.table_caption"))
        st.dataframe(view.gd_table(rec, run.X, run.y), hide_index=True)
    else:
        st.caption(t("neuron.perc_explain", k=rec.mistakes, shown=min(rec.mistakes, 3)))
        for line in view.perceptron_latex(rec):
            st.latex(line)


def curves(run: P.NeuronRun) -> None:
    """Loss and accuracy per step: this rule's, and the other rule's run before a switch."""
    compare = st.session_state.neuron_compare
    hists = {r: compare[r] for r in P.RULES if r in compare}
    hists[run.rule] = run.history
    labels = {r: t(f"neuron.series.{r}") for r in P.RULES}
    series = tuple((r, labels[r]) for r in P.RULES if r in hists)
    for column, metric, unit_interval in zip(st.columns(2), ("loss", "acc"), (False, True)):
        name = f"neuron-{metric}"
        with column:
            charts.show(view.curve_spec(name, t(f"neuron.chart.{metric}"),
                                        t(f"neuron.axis.{metric}"), series,
                                        t("neuron.axis.step"), unit_interval),
                        view.curve_datasets(hists, metric, labels, name))


def live(lang: str) -> None:
    """The outer fragment (see the module's docstring); while playing, a few steps per
    frame every TICK seconds."""

    # made on every page run: run_every follows the Play button
    @st.fragment(run_every=TICK if st.session_state.neuron_playing else None)
    def frame() -> None:
        ss = st.session_state
        run: P.NeuronRun = ss.neuron_run
        advance(run)
        neuron()
        messages(run, lang)
        metrics(run)
        last_step(run)
        curves(run)

    frame()
