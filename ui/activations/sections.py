"""The parts of the Activations page, one function each: the shared controls (the
activations and z range; the parameter sliders), the tab bar and the five tabs. Widgets
read and write session state under their ``act_*`` keys (see ``settings.py``); numbers
and frames come from ``view.py``, chart specs from ``plots.py``.

Fragments (issue 14): a widget lives in the smallest fragment that holds everything it
changes, so moving it reruns that fragment alone; each fragment ends with
``settings.to_url()`` so the link stays current. The page nests two of its own: the
activations and z range around the parameter sliders, the tab bar and the open tab
(``open_tab``), so a parameter slider does not redraw the multiselect and range (and
neither reruns the frame, title and notice). Inside the open tab:

- curves tab: ``_curves_live`` (tau, focus, the two charts, the saturation text); the
  formulas below (one Markdown element per activation) depend only on the shared
  controls and stay outside it;
- why tab: ``_why_live`` (layers, seed, nonlinearity, both stacks, the composition);
- depth tab: ``_depth_live`` (the depth slider, its chart and values);
- table tab: ``table_tab`` (its buttons and the table);
- variants tab: ``_prelu_live`` and ``_rrelu_live``, one each.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui import a11y, frame, state
from ui.activations import plots, settings, view
from ui.activations.settings import NAMES, TAB_IDS
from ui.activations.view import Spec
from ui.charts import show
from ui.i18n import current_lang, t


def specs_of(names: Iterable[str]) -> list[Spec]:
    """The specs of ``names`` with the page's parameter sliders applied."""
    ss = st.session_state
    return [view.spec_for(n, ss.act_leaky_alpha, ss.act_elu_alpha, ss.act_beta) for n in names]


def choices() -> tuple[int, int]:
    """The activations to show and the z range (the page's outer fragment).

    Returns the z range to draw, ``(lo, hi)``, widened (with a caption) if the slider's two
    thumbs sit on one value.
    """
    top = st.columns([3, 2])
    top[0].multiselect(t("act.pick"), NAMES, format_func=view.label, key=state.choice("act_names"))
    # value= marks the slider as a range (two thumbs); the state set from the URL wins.
    top[1].select_slider(t("act.range"), options=view.Z_CHOICES, value=(-6, 6), key="act_range")
    lo, hi, widened = view.z_bounds(*st.session_state.act_range)
    if widened:
        st.caption(t("act.range_widened", lo=lo, hi=hi))
    return lo, hi


def parameters() -> None:
    """The sliders of the activations' parameters (they head the inner fragment, with the
    tab bar and the open tab: everything they change, and nothing else)."""
    p1, p2, p3 = st.columns(3)
    p1.slider(t("act.leaky_alpha"), 0.0, 1.0, step=0.01, key="act_leaky_alpha", format="%.2f")
    p2.slider(t("act.elu_alpha"), 0.0, 3.0, step=0.05, key="act_elu_alpha", format="%.2f")
    p3.slider(t("act.softplus_beta"), 0.1, 10.0, step=0.1, key="act_beta", format="%.1f")


def open_tab(lang: str, lo: int, hi: int) -> None:
    """The tab bar and the open tab (only it is drawn and computed)."""
    specs = specs_of(st.session_state.act_names)
    tab_id, tab = tab_bar(lang)
    with tab:
        if tab_id == "curves":
            curves_tab(specs, lo, hi)
        elif tab_id == "why":
            why_tab()
        elif tab_id == "depth":
            depth_tab(specs)
        elif tab_id == "table":
            table_tab(tuple(specs_of(NAMES)))
        else:
            variants_tab()


def tab_bar(lang: str) -> tuple[str, DeltaGenerator]:
    """The tab bar; returns the open tab's id and its container (only it is drawn)."""
    ss = st.session_state
    labels = [t(f"act.tab.{i}") for i in TAB_IDS]
    # The tabs' default must stay fixed between reruns (a changing default makes the widget
    # drop clicks), so it follows the open tab only when the language (the labels) changes.
    if ss.get("act_tab_lang") != lang:
        ss.act_tab_lang, ss.act_tab_default = lang, ss.act_tab_id
    tabs = st.tabs(
        labels, key="act_tab", on_change="rerun", default=labels[TAB_IDS.index(ss.act_tab_default)]
    )
    index = next((i for i, tab in enumerate(tabs) if tab.open), 0)
    ss.act_tab_id = TAB_IDS[index]
    return TAB_IDS[index], tabs[index]


def curves_tab(specs: list[Spec], lo: int, hi: int) -> None:
    """g and g' of the chosen activations, the focused one's saturated and dead regions,
    and every formula."""
    if not specs:
        st.info(t("act.none_selected"))
        return
    _curves_live(tuple(specs), lo, hi)
    for text in view.formulas_markdown(tuple(specs), current_lang()):
        st.markdown(text)


@st.fragment
def _curves_live(specs: tuple[Spec, ...], lo: int, hi: int) -> None:
    """tau and the focused activation with the two charts and the saturation text they
    change (a fragment)."""
    ss = st.session_state
    if ss.act_focus not in ss.act_names:
        ss.act_focus = ss.act_names[0]
    # One row of two columns, each a control over a chart (a second row of columns for
    # the controls would be three more elements to draw on every run).
    columns = st.columns(2)
    columns[0].slider(t("act.tau"), 0.01, 0.5, step=0.01, key="act_tau", help=t("act.tau_help"))
    columns[1].selectbox(t("act.focus"), ss.act_names, format_func=view.label,
                         key=state.choice("act_focus"))
    focus = next(s for s in specs if s[0] == ss.act_focus)
    lang = current_lang()
    regions = view.region_frame(focus, lo, hi, ss.act_tau, lang)
    legends = (
        t("act.legend.activation"), t("act.legend.region"),
        view.series(specs, lang), view.region_kinds(regions),
    )
    # Each chart gets only its own curves (g or g'): the same rows sent to both charts
    # would be paid for twice in the browser.
    for column, which, y_title in zip(columns, ("g", "dg"), ("g(z)", "g'(z)"), strict=True):
        with column:
            show(
                plots.curve_chart(which, t(f"act.chart.{which}"), t("act.axis.z"), y_title,
                                  *legends),
                {"curves": view.curve_frame(specs, lo, hi, which, lang), "regions": regions},
            )
    a11y.hidden_text(view.curves_alt(specs, lo, hi, lang), "act-g")  # what the charts show
    a11y.data_table("act-g", lambda: view.curves_table(specs, lo, hi, lang))
    _saturation_text(focus, lo, hi)
    settings.to_url()


def _saturation_text(focus: Spec, lo: int, hi: int) -> None:
    """How much of [lo, hi] is saturated, and where the focused activation is dead (one
    Markdown element)."""
    tau = st.session_state.act_tau
    sat, dead, where = view.saturation(focus, lo, hi, tau)
    name = view.label(focus[0])
    first = t("act.saturation_expl", name=name, tau=tau, share=100 * sat)
    if where:
        second = t("act.dead_expl", name=name, where=where, share=100 * dead)
    else:
        second = t("act.no_dead", name=name)
    st.markdown(f"{first}\n\n{second}")


def why_tab() -> None:
    """A grid pushed through a stack of linear layers (one matrix) and through the same
    stack with a nonlinearity between layers."""
    st.markdown(t("act.why.intro"))
    _why_live()
    st.markdown(t("act.why.conclusion"))


@st.fragment
def _why_live() -> None:
    """The why tab's controls with both stacks and the composed matrix (a fragment)."""
    ss = st.session_state
    w1, w2, w3 = st.columns(3)
    w1.slider(t("act.why.layers"), 2, 3, key="act_layers")
    w2.number_input(t("act.why.seed"), 0, 9999, step=1, key="act_seed")
    w3.selectbox(t("act.why.nonlin"), NAMES, format_func=view.label, key=state.choice("act_nonlin"))
    (nonlin,) = specs_of([ss.act_nonlin])
    demo = view.linear_demo(ss.act_layers, ss.act_seed)
    bent = view.nonlinear_demo(ss.act_layers, ss.act_seed, nonlin)
    s1, s2 = st.columns(2)
    with s1:
        show(
            plots.stack_chart(t("act.why.linear_title"), "act-stack-linear"),
            {"grid": demo["grid"], "out": demo["linear"]},
        )
    with s2:
        title = t("act.why.nonlinear_title", name=view.label(ss.act_nonlin))
        show(plots.stack_chart(title, "act-stack-nonlinear"), {"grid": demo["grid"], "out": bent})
    sizes = " → ".join(map(str, demo["sizes"]))
    # one element: the sentence, the composed map and the check
    st.markdown(
        f"{t('act.why.composed', n=ss.act_layers, sizes=sizes)}\n\n$$\n{demo['latex']}\n$$"
        f"\n\n{t('act.why.max_diff', diff=demo['max_diff'])}"
    )
    settings.to_url()


def depth_tab(specs: list[Spec]) -> None:
    """How the bound (max |g'|)^L on the gradient grows or vanishes with depth L."""
    st.markdown(t("act.depth.intro"))
    _depth_live(tuple(specs))
    st.caption(t("act.depth.note"))


@st.fragment
def _depth_live(specs: tuple[Spec, ...]) -> None:
    """The depth slider with its chart and values (a fragment)."""
    st.slider(t("act.depth.L"), 1, view.DEPTH_MAX, key="act_depth")
    if not specs:
        st.info(t("act.none_selected"))
        settings.to_url()
        return
    depth = st.session_state.act_depth
    lang = current_lang()
    df, zero = view.depth_frame(specs, depth, lang)
    if len(df):
        shown = view.series([s for s in specs if s[0] not in zero], lang)
        spec = plots.depth_chart(
            t("act.depth.chart"), t("act.depth.axis_L"), t("act.depth.axis_bound"),
            t("act.legend.activation"), shown,
        )
        show(spec, {"depth": df, "one": view.ONE})
    lines = []
    for spec in specs:
        m, z_at = view.max_derivative(spec)
        if m > 0:
            lines.append(t(
                "act.depth.value", name=view.label(spec[0]), m=m, z=z_at, L=depth, v=m**depth,
            ))
    text = "\n".join(f"- {line}" for line in lines)
    if zero:  # one element: the values and the activations left out
        text += "\n\n" + t("act.depth.zero", names=", ".join(map(view.label, zero)))
    st.markdown(text)
    settings.to_url()


@st.fragment
def table_tab(all_specs: tuple[Spec, ...]) -> None:
    """Every activation compared: range, zero-centred, max |g'|, measured cost, and (on
    request) the largest difference from PyTorch (a fragment)."""
    # The nonce keys the cost cache (a re-measure is a new key); act_torch holds the
    # PyTorch differences found so far in this session.
    state.init_state({"act_cost_nonce": 0, "act_torch": dict})
    ss = st.session_state
    st.markdown(t("act.table.intro"))
    b1, b2 = st.columns(2)
    if b1.button(t("act.table.remeasure"), key="act_remeasure", icon=":material/timer:"):
        ss.act_cost_nonce = time.time_ns()  # unique: another user's re-run is not ours
    with b2:
        no_torch = frame.torch_missing(t("act.table.torch_what"))
        if not no_torch and st.button(
            t("act.table.torch_button"), key="act_torch_btn", icon=":material/compare:"
        ):
            with st.spinner(t("act.table.torch_running")):
                ss.act_torch = {**ss.act_torch, **view.torch_agreement(all_specs)}
    with st.spinner(t("act.table.measuring")):
        costs = view.measured_costs(all_specs, ss.act_cost_nonce)
    st.dataframe(
        view.comparison_table(all_specs, costs, ss.act_torch), hide_index=True, key="act_table",
    )
    st.markdown(t(
        "act.table.claim",
        ratio=costs["sigmoid"][0] / costs["relu"][0],
        sig=costs["sigmoid"][0], relu=costs["relu"][0],
    ))
    st.caption(t("act.table.cost_note"))
    if any(s in ss.act_torch for s in all_specs):
        st.caption(t("act.table.torch_note"))
    elif not no_torch:
        st.caption(t("act.table.torch_pending"))
    settings.to_url()


def variants_tab() -> None:
    """PReLU learning its slope by gradient descent, beside RReLU's random slopes."""
    v1, v2 = st.columns(2)
    with v1:
        _prelu()
    with v2:
        _rrelu()


def _prelu() -> None:
    """PReLU's alpha fitted to data from a PReLU with a slope the user sets."""
    st.subheader(t("act.prelu.header"))
    st.markdown(t("act.prelu.text"))
    _prelu_live()


@st.fragment
def _prelu_live() -> None:
    """PReLU's sliders, its two charts and the fitted alpha (a fragment)."""
    ss = st.session_state
    st.slider(t("act.prelu.alpha_true"), 0.0, 1.0, step=0.01, key="act_prelu_alpha")
    st.slider(t("act.prelu.lr"), 0.01, 0.35, step=0.01, key="act_prelu_lr")
    st.slider(t("act.prelu.steps"), 0, 200, key="act_prelu_steps")
    pr = view.prelu_demo(ss.act_prelu_alpha, ss.act_prelu_lr, ss.act_prelu_steps,
                         current_lang())
    show(
        plots.prelu_chart(t("act.prelu.chart"), pr["legend"]),
        {"points": pr["points"], "curves": pr["curves"]},
    )
    show(
        plots.alpha_chart(t("act.prelu.alpha_chart"), t("act.prelu.axis_step"), "α"),
        {"history": pr["history"], "target": pr["target"]},
    )
    st.markdown(t("act.prelu.result", alpha=pr["alpha"], alpha_ls=pr["alpha_ls"]))
    settings.to_url()


def _rrelu() -> None:
    """RReLU's band of training-time slopes, one seeded draw, and its test-time line."""
    st.subheader(t("act.rrelu.header"))
    st.markdown(t("act.rrelu.text"))
    _rrelu_live()


@st.fragment
def _rrelu_live() -> None:
    """RReLU's seed and its chart (a fragment)."""
    st.number_input(t("act.rrelu.seed"), 0, 9999, step=1, key="act_rrelu_seed")
    rr = view.rrelu_demo(st.session_state.act_rrelu_seed, current_lang())
    show(
        plots.rrelu_chart(t("act.rrelu.chart"), rr["legend"]),
        {"band": rr["band"], "samples": rr["samples"], "eval": rr["eval"]},
    )
    settings.to_url()
