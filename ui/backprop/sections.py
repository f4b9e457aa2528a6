"""The Backprop page's parts, each drawn by one function: the settings expander, the worked
example's summary, the steps (one at a time with its navigation, or all), the loss before
and after the update, and the check against PyTorch.

Which run draws what (issue 14): the page script draws the frame, the title and the
introduction once; everything the settings change is a chain of nested fragments, each
headed by the widgets whose change it needs, so a widget reruns the smallest part holding
what it changes and no more:

- :func:`settings_and_example` (the network, the functions and the example: they add or
  remove widgets and rebuild the trace) holds the settings expander and
- :func:`example` (the learning rate: it changes the trace's update, not a widget) with
  the summary, the steps and the PyTorch check; its slider is written into the expander's
  last column, a container of the fragment around it (Streamlit keeps a fragment's writes
  to its parent's containers in place on its own reruns);
- :func:`steps` (show-all and the digits) holds the step view and the loss;
- :func:`step_view` (the step slider, Previous, Next, the phase buttons) holds the diagram
  and the current step.

Each ends by writing the URL. The trace comes from :func:`build` (``st.cache_data``, keyed
by :func:`ui.backprop.settings.trace_key`); a step's text is cached per (example, step,
digits, language) and drawn as three elements (Markdown, the numbers in LaTeX, Markdown),
not one per formula, note and code block: every element a run draws costs the browser
time, whether or not it changed.

On a phone (issue 18) the diagram and the current step come right after the title and the
one-line lead: :func:`phone_css` moves the steps' container above the introduction and
the settings (CSS ``order``), the wide layout keeps the declared order.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from nncore import activations, export, trace
from nncore.network import INITS, OUTPUTS
from ui import a11y, charts, describe, frame, state
from ui.backprop import actions, view, worked
from ui.backprop.settings import (
    HIDDEN_WIDTH,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_STEP,
    MAX_WIDTH,
    X_LIM,
    to_url,
    trace_key,
)
from ui.backprop.worked import Worked
from ui.i18n import current_lang, t

#: container keys: the part a phone shows after the title, and the page's body around it
STEPS_KEY = "bp_steps_box"
BODY_KEY = "bp_body"
FRAGMENT_KEY = "bp_steps"  # the steps fragment's own container: the parts it reorders
_PHONE_CSS = f"""<style>
@media (max-width: {frame.NARROW_PX}px) {{
  .st-key-{BODY_KEY} :has(.st-key-{STEPS_KEY}),
  .st-key-{FRAGMENT_KEY} :has(.st-key-bp_phases),
  .st-key-{FRAGMENT_KEY} :has(> .st-key-bp_options),
  .st-key-{FRAGMENT_KEY} :has(> .st-key-bp_loss) {{ display: contents; }}
  .st-key-{STEPS_KEY} {{ order: -1; }}
  .st-key-bp_phases {{ order: 1; }}
  .st-key-bp_options {{ order: 2; }}
  .st-key-bp_loss {{ order: 3; }}
}}
.st-key-{BODY_KEY} .katex-display {{ overflow-x: auto; overflow-y: hidden; }}
</style>"""


def phone_css() -> None:
    """On a narrow screen the steps come before the introduction and the settings, and in
    them the navigation, the diagram and the step before the phase buttons, show-all and
    the digits, and the loss; wide LaTeX matrices scroll in their own box, not the page.

    Each fragment draws into a block of its own, so the blocks between the body and the
    parts it orders take no box on a phone (``display: contents``): the parts are then
    ordered as the body's (or the steps') own children."""
    st.html(_PHONE_CSS)


# ----------------------------------------------------------------------------- fragments
@st.fragment
def settings_and_example() -> None:
    """The settings expander, then :func:`example`. A fragment: the network, the functions
    and the example rerun it (they add or remove widgets and rebuild the trace), not the
    frame, the title and the introduction."""
    lr_column = settings_expander()
    example(lr_column)


@st.fragment
def example(lr_column: DeltaGenerator) -> None:
    """The learning rate (in the expander's ``lr_column``), then the summary, the steps and
    the PyTorch check of the example the settings describe. A fragment: the learning rate
    changes the trace, not the widgets above."""
    lr_column.select_slider(t("bp.alpha"), LEARNING_RATES, key="bp_alpha")
    ex = worked_example()
    # a smaller network has fewer steps (a link's step past the last was reported already)
    actions.clamp_step(len(ex.trace.steps))
    summary(ex)
    with st.container(key=STEPS_KEY):  # first on a phone
        steps(ex)
    torch_check(ex)
    to_url()


@st.fragment
def steps(ex: Worked) -> None:
    """Show-all and the digits, then :func:`step_view` and the loss before and after. A
    fragment: these widgets change nothing above."""
    with st.container(key=FRAGMENT_KEY):
        with st.container(key="bp_options", horizontal=True, vertical_alignment="bottom"):
            st.toggle(t("bp.show_all"), key="bp_all")
            st.slider(t("bp.digits"), 1, 8, key="bp_digits", help=t("bp.digits_help"))
        step_view(ex)
        with st.container(key="bp_loss"):
            loss_before_after(ex)
    to_url()


@st.fragment
def step_view(ex: Worked) -> None:
    """Every step under the diagram of the whole network (``bp_all``), or the current one
    with its navigation and the diagram. A fragment: the step slider and its buttons
    change only this."""
    ss = st.session_state
    key, shape, digits, lang = ex.key, tuple(ex.sizes), ss.bp_digits, current_lang()
    if ss.bp_all:
        with st.container(key="bp_diagram"):
            charts.show(*diagram(shape, tuple(range(len(shape))), "forward", lang),
                        key="bp_diagram_chart", alt=t("a11y.name.bp_diagram"))
            a11y.hidden_text(describe.backprop_all_text(  # what the diagram stands for
                lang, shape, len(ex.trace.steps), ex.trace.loss_before, ex.trace.loss_after),
                "backprop-diagram")
        for step in ex.trace.steps:
            show_step(step_text(key, step.index, digits, lang), last=step is ex.trace.steps[-1])
    else:
        step_navigation(ex.trace.steps)
        step = ex.trace.steps[ss.bp_step - 1]
        left, right = st.columns([2, 3])
        with left.container(key="bp_diagram"):  # the first column: first on a phone too
            charts.show(*diagram(shape, step.focus, step.phase, lang), key="bp_diagram_chart",
                        alt=t("a11y.name.bp_diagram"))
            a11y.hidden_text(diagram_alt(shape, step, len(ex.trace.steps), lang),
                             "backprop-diagram")
        with right:
            show_step(step_text(key, step.index, digits, lang))
    to_url()


# ----------------------------------------------------------------------------- settings
def settings_expander() -> DeltaGenerator:
    """The expander with the network, the functions and the example; returns its last
    column, where :func:`example` puts the learning rate."""
    with st.expander(t("bp.settings"), expanded=False):
        c_shape, c_fn, c_ex, c_lr = st.columns(4)
        with c_shape:
            _network_column()
        with c_fn:
            _function_column()
        with c_ex:
            _example_column()
        c_lr.markdown(f"**{t('bp.lr_header')}**")
    return c_lr


def _network_column() -> None:
    ss = st.session_state
    st.markdown(f"**{t('bp.net_header')}**")
    st.slider(t("bp.n0"), 1, MAX_WIDTH, key="bp_n0")
    st.slider(t("bp.depth"), 0, MAX_LAYERS - 1, key="bp_depth")
    for i in range(1, ss.bp_depth + 1):
        st.slider(t("bp.hidden_width", l=i), 1, MAX_WIDTH, key=f"bp_h{i}")
    if ss.bp_out == "softmax" and ss.bp_k < 2:  # the output was switched to softmax
        ss.bp_k = 2
        st.caption(t("bp.softmax_needs_two"))
    st.slider(t("bp.k"), 2 if ss.bp_out == "softmax" else 1, MAX_WIDTH, key="bp_k")


def _function_column() -> None:
    st.markdown(f"**{t('bp.fn_header')}**")
    st.selectbox(t("bp.act"), activations.names(), key=state.choice("bp_act"))
    st.selectbox(t("bp.out"), OUTPUTS, format_func=lambda o: t(f"bp.out.{o}"),
                 key=state.choice("bp_out"))
    st.selectbox(t("bp.init"), INITS, format_func=lambda i: t(f"bp.init.{i}"),
                 key=state.choice("bp_init"))
    st.number_input(t("bp.seed"), 0, 9999, step=1, key="bp_seed")


def _example_column() -> None:
    ss = st.session_state
    st.markdown(f"**{t('bp.example_header')}**")
    for i in range(ss.bp_n0):
        st.number_input(t("bp.x", i=i + 1), -X_LIM, X_LIM, step=0.1, format="%.2f",
                        key=f"bp_x{i}")
    if ss.bp_out == "softmax":
        if ss.get("bp_yc", 0) >= ss.bp_k:  # fewer outputs than the class chosen
            ss.bp_yc = 0
        st.selectbox(t("bp.y_class", k=ss.bp_k - 1), list(range(ss.bp_k)),
                     key=state.choice("bp_yc"))
    elif ss.bp_out == "sigmoid":
        for j in range(ss.bp_k):
            st.selectbox(t("bp.y_label", j=j + 1), [0, 1], key=state.choice(f"bp_yb{j}"))
    else:
        for j in range(ss.bp_k):
            st.number_input(t("bp.y_target", j=j + 1), -X_LIM, X_LIM, step=0.1, format="%.2f",
                            key=f"bp_yr{j}")
    st.toggle(t("bp.batch"), key="bp_batch")
    if ss.bp_batch:
        st.slider(t("bp.m"), 2, 8, key="bp_m")
        st.caption(t("bp.batch_caption"))


# ----------------------------------------------------------------------------- the example
@st.cache_data(max_entries=256, show_spinner=False)
def build(key: tuple) -> Worked:
    """:func:`ui.backprop.worked.build`, cached: a step, the digits or show-all never
    rebuild the example. A ``ValueError`` (settings no network accepts) is raised, not
    cached."""
    return worked.build(key)


def worked_example() -> Worked:
    """The example the settings describe, kept in session state for the lessons
    (``worked.KEY``); an error stops the run."""
    try:
        ex = build(trace_key(st.session_state))
    except ValueError as err:
        st.error(t("bp.error", msg=str(err)))
        st.stop()
    st.session_state[worked.KEY] = ex
    return ex


def step_count() -> int:
    """How many steps the settings' example has (``MAX_STEP`` when no network accepts
    them: :func:`worked_example` then says why)."""
    try:
        return len(build(trace_key(st.session_state)).trace.steps)
    except ValueError:
        return MAX_STEP


@st.cache_data(max_entries=2048, show_spinner=False)
def step_text(key: tuple, index: int, digits: int, lang: str) -> view.StepText:
    """Step ``index`` of the example ``key`` at ``digits`` decimals, in ``lang``
    (:func:`ui.backprop.view.step_text`)."""
    return view.step_text(build(key).trace.steps[index], digits)


def diagram(shape: tuple[int, ...], focus: tuple, phase: str, lang: str) -> tuple[dict, dict]:
    """The diagram's spec and data (labels in ``lang``) with the layers ``focus`` marked;
    it follows the network's sliders in the browser, a deeper network taking the widths
    the hidden layers' sliders hold (:func:`ui.backprop.settings.sizes`)."""
    ss = st.session_state
    hidden = tuple(ss.get(f"bp_h{i}", HIDDEN_WIDTH) for i in range(1, MAX_LAYERS))
    return _diagram(shape, hidden, focus, phase, lang)


@st.cache_data(max_entries=512, show_spinner=False)
def _diagram(shape: tuple[int, ...], hidden: tuple[int, ...], focus: tuple, phase: str,
             lang: str) -> tuple[dict, dict]:
    return view.diagram(list(shape), focus, phase, hidden)


def diagram_alt(shape: tuple[int, ...], step: trace.Step, n_steps: int, lang: str) -> str:
    """The diagram's text alternative at ``step``: the network, the step, the layer it
    marks and the numbers the step computes (:func:`ui.describe.backprop_step_text`)."""
    return describe.backprop_step_text(lang, shape, step.index + 1, n_steps, step.phase,
                                       step.kind, step.layer, step.result.value)


def summary(ex: Worked) -> None:
    """What is computed, the mini-batch (its table) and the rounding note."""
    ss = st.session_state
    st.markdown(
        t("bp.summary", sizes="-".join(map(str, ex.sizes)), act=ss.bp_act,
          out=t(f"bp.out.{ss.bp_out}"), x=", ".join(f"{v:g}" for v in ex.x),
          y=", ".join(f"{v:g}" for v in ex.y), m=ex.m, alpha=state.format_value(ss.bp_alpha))
    )
    if ex.m > 1:
        st.info(t("bp.batch_note", m=ex.m))
        with st.expander(t("bp.batch_table")):
            table = {f"x{i + 1}": ex.X[:, i] for i in range(ex.X.shape[1])}
            Yc = ex.Y.reshape(ex.m, -1)
            table.update({f"y{j + 1}" if Yc.shape[1] > 1 else "y": Yc[:, j]
                          for j in range(Yc.shape[1])})
            st.dataframe(table, key="bp_batch_df")
    if ex.trace.edge:  # an output rounded to 0 or 1: say how the numbers were computed
        st.info(t("bp.edge_note"))


# ----------------------------------------------------------------------------- the steps
def show_step(text: view.StepText, last: bool = True) -> None:
    """A step: its header, explanation and formula, its numbers, its notes and code (with a
    rule under it when more steps follow)."""
    st.markdown(text.head)
    st.latex(text.numbers)
    st.markdown(text.tail if last else text.tail + "\n\n---")


def step_navigation(all_steps: list[trace.Step]) -> None:
    """Previous, Next and the step slider, then a button to the first step of each phase
    (one row each: a horizontal container, not columns, is one element fewer per button)."""
    ss, n = st.session_state, len(all_steps)
    first: dict[str, int] = {}
    for step in all_steps:
        first.setdefault(step.phase, step.index + 1)
    with st.container(key="bp_nav", horizontal=True, vertical_alignment="bottom"):
        st.button(t("bp.prev"), key="bp_prev", on_click=actions.on_move, args=(-1, n),
                  disabled=ss.bp_step == 1)
        st.button(t("bp.next"), key="bp_next", on_click=actions.on_move, args=(1, n),
                  disabled=ss.bp_step == n)
        st.slider(t("bp.step"), 1, n, key="bp_step", format=t("bp.progress", n=n))
    with st.container(key="bp_phases", horizontal=True):  # after the step on a phone
        for phase, number in first.items():
            st.button(t(f"bp.phase.{phase}"), key=f"bp_jump_{phase}",
                      on_click=actions.on_jump, args=(number,), width="stretch")


# ----------------------------------------------------------------------------- results
def loss_before_after(ex: Worked) -> None:
    """The loss before and after the update, with a warning when the step overshoots."""
    alpha = state.format_value(st.session_state.bp_alpha)
    shown = max(st.session_state.bp_digits, 6)
    before, after = ex.trace.loss_before, ex.trace.loss_after
    st.subheader(t("bp.result_header"))
    with st.container(horizontal=True):
        st.metric(t("bp.loss_before"), f"{before:.{shown}f}")
        st.metric(t("bp.loss_after", alpha=alpha), f"{after:.{shown}f}",
                  delta=f"{after - before:+.{shown}f}", delta_color="inverse")
    if after > before:
        st.warning(t("bp.overshoot", alpha=alpha))


@st.cache_data(max_entries=64, show_spinner=False)
def step_script(key: tuple) -> str | None:
    """The step as a PyTorch script (``nncore.export.step_script``), or None for an
    activation PyTorch has no module for."""
    ex = build(key)
    try:
        return export.step_script(ex.net, ex.X, ex.Y, key[-1], ex.trace)
    except ValueError:
        return None


def torch_check(ex: Worked) -> None:
    """The button that recomputes the step with PyTorch autograd, and its result, kept
    while the network and the batch stay the same."""
    ss = st.session_state
    st.subheader(t("bp.torch.header"))
    st.markdown(t("bp.torch.help"))
    script = step_script(ex.key)
    if script is None:
        st.caption(t("bp.export.none", act=ss.bp_act))
    else:  # works without torch too: the script is text; it needs torch where it runs
        st.download_button(t("bp.export.button"), script, file_name="backprop_step.py",
                           mime="text/x-python", key="bp_export", on_click="ignore",
                           icon=":material/download:", help=t("bp.export.help"))
    signature = (ex.sizes, ss.bp_act, ss.bp_out, ss.bp_init, ss.bp_seed, ex.X.tobytes(),
                 ex.Y.tobytes())
    no_torch = frame.torch_missing(t("bp.torch.what"))
    if not no_torch and st.button(t("bp.torch.button"), key="bp_torch"):
        with st.spinner(t("bp.torch.running")):
            ss.bp_torch_result = (signature, trace.torch_check(ex.net, ex.X, ex.Y, ex.trace))
    saved = ss.get("bp_torch_result")
    if not saved or saved[0] != signature or no_torch:
        return
    res = saved[1]
    diffs = {"dW": f"{res['max_dW']:.1e}", "db": f"{res['max_db']:.1e}",
             "loss": f"{res['loss']:.1e}"}
    agree = max(res["max_dW"], res["max_db"], res["loss"]) < 1e-10
    (st.success if agree else st.error)(t("bp.torch.agree" if agree else "bp.torch.disagree",
                                          **diffs))
    st.dataframe(
        {
            t("bp.torch.layer"): list(range(1, len(res["dW"]) + 1)),
            t("bp.torch.dW"): [f"{v:.1e}" for v in res["dW"]],
            t("bp.torch.db"): [f"{v:.1e}" for v in res["db"]],
        },
        key="bp_torch_df",
    )
