"""The Neuron page's body (the control column and the pictures) in nested fragments, so a
widget reruns the least: what reruns is the fragment the widget sits in.

- :func:`body`: the control column and the pictures; the data, the rule and the buttons
  rerun it (never the frame, the title and the introduction). Play and Pause too: the
  pictures' fragment is defined in it, with or without its timer.
- :func:`live` (``run_every=TICK`` while playing): the neuron's w1, w2, b (following it)
  and g with g's formula; the plane (:func:`point`); the loss landscape beside it when
  shown (a click on it sets the start); the messages, the numbers, the last step and the
  curves. A weight or g reruns this; while playing it trains a few steps per frame.
- :func:`point`: the plane's picture and its legend, x1 and x2, and z and a at x: moving x
  reruns this alone. It writes the URL (``st.query_params`` from a fragment run reaches
  the browser).

The plane's picture is cached per (W, b, g) (:func:`plane_image`). A run of a fragment
that does not draw the Step buttons but changes whether they are disabled reruns the page
(:func:`ui.neuron.actions.buttons_follow`).
"""

from __future__ import annotations

import contextlib

import numpy as np
import streamlit as st

from nncore import activations
from nncore import landscape as LS  # noqa: N812 (short)
from nncore import perceptron as P  # noqa: N812 (short, used everywhere)
from ui import a11y, boundary, charts, describe, frame, state
from ui.i18n import current_lang, t
from ui.neuron import actions, sections, settings, view
from ui.neuron import landscape as land
from ui.neuron.sections import mlp_link
from ui.numbers import latex, stack

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
def plane_image(w1: float, w2: float, b: float, act: str,
                palette: str = boundary.DEFAULT_PALETTE) -> tuple[bytes, float, float]:
    """The PNG of ``a = g(w.x + b)`` over the plane (in ``palette``) and the outputs drawn
    orange and blue (``lo``, ``hi``): pure, so cached (a move of x or a replay of a slider
    costs nothing)."""
    shade, (lo, hi) = view.colour_values(P.output_grid((w1, w2), b, act, GRID), act)
    return boundary.boundary_png(shade, kind="regression", palette=palette), lo, hi


def plane_caption(run: P.NeuronRun, lo: float, hi: float) -> str:
    """What the plane's colours, line, arrow and marks mean; no line when there is none."""
    text = t("neuron.plane_caption", lo=latex(lo, 2), hi=latex(hi, 2),
             mid=latex((lo + hi) / 2, 2))
    if view.line_segment(run.W, run.b) is None:
        text += " " + t("neuron.no_line")
    return text


def neuron() -> None:
    """The neuron: the w1, w2, b sliders (set to the neuron first: it may have trained)
    and g, and g's formula."""
    ss = st.session_state
    actions.sync_sliders()
    sections.neuron_controls(ss.neuron_playing)
    st.latex(activations.get(ss.neuron_act).latex)


def landscape() -> None:
    """The loss over the weight plane at the current b with the path so far (a click sets
    the start), the loss along b, and a word when the path overshoots."""
    ss = st.session_state
    run: P.NeuronRun = ss.neuron_run
    path = actions.path()
    g, loss = land.loss_of(run.rule, ss.neuron_act)
    r = land.span(np.asarray(path)[:, :2])
    b_shown = land.snap_b(run.b)
    png, cells, lo, hi = land.surface(ss.neuron_dataset, ss.neuron_noise, ss.neuron_seed,
                                      b_shown, g, loss, r)
    now = LS.neuron_loss(run.X, run.y, run.W, run.b, g, loss)
    key = actions.land_key()
    spec = land.land_spec(r, title=t("neuron.land.title", b=b_shown))
    with st.container(key=charts.CHART_KEY + "neuron-land"):  # its test id in the page
        st.vega_lite_chart({**spec, "datasets": land.land_datasets(png, cells, r, path,
                                                                    run.W, run.b, now)},
                           width="stretch", key=key, on_select=actions.on_land_click,
                           selection_mode=land.SELECTION)
    a11y.hidden_text(describe.landscape_text(  # issue 30: what the landscape shows now
        current_lang(), b_shown, cells["w1"], cells["w2"], cells["loss"], path, now),
        "neuron-land")
    st.caption(t("neuron.land.caption", loss=t(f"neuron.land.loss.{loss}"), lo=latex(lo, 3),
                 hi=latex(hi, 3), b=b_shown))
    rb = land.span(np.asarray(path)[:, 2], land.SPANS[1:])
    bias = land.bias_datasets(run.X, run.y, run.W, run.b, g, loss, rb)
    charts.show(land.bias_spec(title=t("neuron.land.bias_title"),
                               y_title=t("neuron.axis.loss")), bias)
    curve, at_b = bias["neuron-bias-curve"], bias["neuron-bias-now"]
    a11y.hidden_text(describe.bias_text(current_lang(), curve["b"], curve["loss"], run.b,
                                        float(at_b["loss"].iloc[0])), "neuron-bias")
    if run.rule == "gd" and len(path) >= 4:
        zz = LS.zigzag(path, run.history["loss"][-len(path):])
        if zz.overshoots:
            st.warning(t("neuron.land.overshoot", flips=zz.flips, rises=zz.rises,
                         steps=zz.steps))


@st.fragment
def point() -> None:
    """The neuron's output over the plane under the data, its line and the input ``x``,
    the legend (and why the sliders above may not show the neuron); the x1, x2 sliders;
    z and a at ``x`` in one LaTeX element; then the URL (this fragment reruns after every
    change of a setting)."""
    ss = st.session_state
    run: P.NeuronRun = ss.neuron_run
    W, b, act, x = run.W, run.b, ss.neuron_act, (ss.neuron_x1, ss.neuron_x2)
    colours = state.palette()  # issue 30: the session's class colours
    png, lo, hi = plane_image(float(W[0]), float(W[1]), float(b), act, colours)
    z, a = P.point_output(W, b, x, act)
    charts.show(view.plane_spec("neuron-plane", act=act, palette=colours),
                view.plane_datasets(png, run.X, run.y, W, b, x, z, a),
                alt=t("a11y.name.neuron_plane"))
    a11y.hidden_text(view.plane_alt(W, b, run.X, run.y, current_lang()), "neuron-plane")
    a11y.data_table("neuron-plane", lambda: view.plane_table(W, b, run.X, run.y))
    st.caption(" ".join(filter(None, (plane_caption(run, lo, hi),
                                      sections.weight_note(run, ss.neuron_playing)))))
    sections.point_controls()
    st.latex(stack(view.point_latex(W, b, x, z, a, act)))
    a11y.hidden_text(view.formula_alt(W, b, act, x, z, a, current_lang()),
                     "neuron-formula")  # issue 30: the formulas in words
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
    """Step, loss and accuracy now, in one row."""
    h = run.history
    with sections.row():
        st.metric(t("neuron.m.step"), run.steps)
        st.metric(t(f"neuron.m.loss.{run.rule}"), f"{h['loss'][-1]:.4f}")
        st.metric(t("neuron.m.acc"), f"{100 * h['acc'][-1]:.1f}%")


def last_step(run: P.NeuronRun) -> None:
    """The last update written out: gradient descent's or the perceptron rule's; the text
    (and gradient descent's table of the first points) in one Markdown element, the
    formulas in one LaTeX element."""
    head = f"**{t('neuron.h.last')}**\n\n"
    rec = run.last
    if rec is None:
        st.markdown(head + t(f"neuron.no_step.{run.rule}"))
    elif rec.rule == "gd":
        st.markdown(head + t("neuron.gd_explain") + "\n\n" + t("neuron.table_caption")
                    + "\n\n" + view.markdown_table(view.gd_table(rec, run.X, run.y)))
        st.latex(stack(view.gd_latex(rec, len(run.y))))
    else:
        st.markdown(head + t("neuron.perc_explain", k=rec.mistakes,
                             shown=min(rec.mistakes, 3)))
        lines = view.perceptron_latex(rec)
        if lines:
            st.latex(stack(lines))


def curves(run: P.NeuronRun) -> None:
    """Loss and accuracy per step side by side: this rule's, and the other rule's run
    before a switch."""
    compare = st.session_state.neuron_compare
    hists = {r: compare[r] for r in P.RULES if r in compare}
    hists[run.rule] = run.history
    labels = {r: t(f"neuron.series.{r}") for r in P.RULES}
    series = tuple((r, labels[r]) for r in P.RULES if r in hists)
    with sections.row():
        for metric, unit_interval in (("loss", False), ("acc", True)):
            name = f"neuron-{metric}"
            charts.show(view.curve_spec(name, t(f"neuron.chart.{metric}"),
                                        t(f"neuron.axis.{metric}"), series,
                                        t("neuron.axis.step"), unit_interval),
                        view.curve_datasets(hists, metric, labels, name))
            a11y.hidden_text(view.curves_alt(hists, metric, labels, current_lang()),
                             name)  # issue 30: what the curves show now


def stats(lang: str) -> None:
    """The messages, the numbers, the last step and the curves."""
    run: P.NeuronRun = st.session_state.neuron_run
    messages(run, lang)
    metrics(run)
    last_step(run)
    curves(run)


def live(lang: str) -> None:
    """The pictures and numbers (see the module's docstring); while playing, a few steps
    per frame every TICK seconds."""
    ss = st.session_state

    # made on every run of the body: run_every follows the Play button
    @st.fragment(run_every=TICK if ss.neuron_playing else None)
    def pictures() -> None:
        run: P.NeuronRun = ss.neuron_run
        advance(run)
        actions.buttons_follow()
        neuron()
        # the landscape beside the plane (after it, once columns stack on a phone)
        left, right = (st.columns(2, gap="medium") if ss.neuron_land
                       else (contextlib.nullcontext(), None))
        with left:
            point()
        if right is not None:
            with right:
                landscape()
        sections.land_button(ss.neuron_land)
        stats(lang)

    pictures()


@st.fragment
def body(lang: str) -> None:
    """The control column and the pictures (on a phone the pictures first)."""
    st.session_state.neuron_stuck_shown = actions.stuck(st.session_state.neuron_run)
    ctrl, main = st.columns([1, 2], gap="large")
    with ctrl:
        sections.controls()
    with main, frame.main_first("neuron"):
        live(lang)
