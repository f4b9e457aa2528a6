"""Forward and backward pass with the numbers: the tutorial's last section, step by step.

Widgets and layout only: the steps come from ``nncore.trace``, their rendering from
``ui.backprop_view``. Every setting is in the URL (``sizes=2-3-1&act=tanh&x=0.5,-1&...``).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()

from nncore import MLP, activations, trace
from nncore.network import INITS, OUTPUTS
from ui import backprop_view as view
from ui import charts, frame, state
from ui.i18n import TUTORIAL_URL, t

lang = frame.page("backprop")

DEFAULT_SIZES = [2, 3, 1]
DEFAULT_X = [0.5, -1.0, 0.3, 0.8]
ALPHAS = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
X_LIM = 100.0
MARK = {"forward": "blue", "loss": "violet", "backward": "orange", "update": "green"}
ss = st.session_state


# ----------------------------------------------------------------------------- URL -> state
#: every URL parameter the page reads (others are dropped from the link with a notice)
URL_PARAMS = ("sizes", "act", "out", "init", "seed", "m", "digits", "step", "batch", "all",
              "alpha", "x", "y")


def init_from_url() -> list[str | None]:
    """Fill every widget key missing from the session from the URL; return the notices."""
    qp = st.query_params
    problems: list[str | None] = [state.drop_unknown(URL_PARAMS)]
    if "bp_n0" not in ss:
        sizes, p = view.parse_sizes(qp.get("sizes"), DEFAULT_SIZES)
        problems.append(p)
        ss.bp_n0, ss.bp_depth, ss.bp_k = sizes[0], len(sizes) - 2, sizes[-1]
        for i, width in enumerate(sizes[1:-1], start=1):
            ss[f"bp_h{i}"] = width
    for key, name, default, choices in (
        ("bp_act", "act", "tanh", activations.names()),
        ("bp_out", "out", "sigmoid", OUTPUTS),
        ("bp_init", "init", "uniform", INITS),
    ):
        if key not in ss:
            ss[key], p = state.read_choice(name, default, choices)
            problems.append(p)
    if ss.bp_out == "softmax" and ss.bp_k < 2:
        ss.bp_k = 2
        problems.append(t("bp.url.softmax_two"))
    for key, name, default, lo, hi in (
        ("bp_seed", "seed", 0, 0, 9999),
        ("bp_m", "m", 4, 2, 8),
        ("bp_digits", "digits", 4, 1, 8),
        ("bp_step", "step", 1, 1, 999),
    ):
        if key not in ss:
            ss[key], p = state.read_int(name, default, lo, hi)
            problems.append(p)
            if key == "bp_step" and p is None and "step" in qp:
                ss.bp_step_from_url = ss.bp_step  # checked against the network's steps
    for key, name in (("bp_batch", "batch"), ("bp_all", "all")):
        if key not in ss:
            ss[key], p = state.read_bool(name, False)
            problems.append(p)
    if "bp_alpha" not in ss:
        ss.bp_alpha, p = state.read_ladder("alpha", 0.1, ALPHAS)
        problems.append(p)
    if "bp_x0" not in ss:
        xs, p = view.parse_floats("x", qp, DEFAULT_X, -X_LIM, X_LIM, shown=ss.bp_n0)
        problems.append(p)
        for i, v in enumerate(xs[:4]):
            ss[f"bp_x{i}"] = v
    if "bp_y_init" not in ss:
        ss.bp_y_init = True
        problems.append(init_y(qp))
    # widgets not on screen last run lost their state: give them their defaults again
    for i in range(view.MAX_WIDTH):
        ss.setdefault(f"bp_h{i + 1}", 3)
        ss.setdefault(f"bp_x{i}", DEFAULT_X[i])
        ss.setdefault(f"bp_yb{i}", 1)
        ss.setdefault(f"bp_yr{i}", 1.0)
    ss.setdefault("bp_yc", 0)
    return problems


def init_y(qp) -> str | None:
    """The label widgets from ``?y=``: 0/1 per output (bce), a class (softmax), targets (mse)."""
    out, k = ss.bp_out, ss.bp_k
    default = [0.0] if out == "softmax" else [1.0] * k
    ys, p = view.parse_floats("y", qp, default, -X_LIM, X_LIM)
    fits = (
        (out == "sigmoid" and all(v in (0.0, 1.0) for v in ys))
        or (out == "softmax" and float(ys[0]).is_integer() and 0 <= ys[0] < k)
        or out in ("linear", "tanh")
    )
    if p is None and not fits:
        ys, p = default, t("bp.url.bad_numbers", setting=state.inert(f"y={qp.get('y')}"),
                           default=",".join(f"{v:g}" for v in default))
    if out == "softmax":
        ss.bp_yc = int(ys[0])
    for j, v in enumerate(ys[:4]):
        ss[f"bp_yb{j}"], ss[f"bp_yr{j}"] = int(v == 1.0), v
    return p


def move(delta: int, n: int) -> None:
    ss.bp_step = int(np.clip(ss.bp_step + delta, 1, n))


def jump(number: int) -> None:
    ss.bp_step = number


# ----------------------------------------------------------------------------- settings
st.title(t("bp.title"))
st.caption(f"[{t('common.tutorial_link')}]({TUTORIAL_URL})")
st.markdown(t("bp.intro"))
state.show_problems(init_from_url())

with st.expander(t("bp.settings"), expanded=False):
    c_shape, c_fn, c_ex, c_lr = st.columns(4)
    with c_shape:
        st.markdown(f"**{t('bp.net_header')}**")
        st.slider(t("bp.n0"), 1, view.MAX_WIDTH, key="bp_n0")
        st.slider(t("bp.depth"), 0, view.MAX_LAYERS - 1, key="bp_depth")
        hidden = [
            st.slider(t("bp.hidden_width", l=i), 1, view.MAX_WIDTH, key=f"bp_h{i}")
            for i in range(1, ss.bp_depth + 1)
        ]
        if ss.bp_out == "softmax" and ss.bp_k < 2:
            ss.bp_k = 2
            st.caption(t("bp.softmax_needs_two"))
        st.slider(t("bp.k"), 2 if ss.bp_out == "softmax" else 1, view.MAX_WIDTH, key="bp_k")
    with c_fn:
        st.markdown(f"**{t('bp.fn_header')}**")
        st.selectbox(t("bp.act"), activations.names(), key="bp_act")
        st.selectbox(t("bp.out"), OUTPUTS, format_func=lambda o: t(f"bp.out.{o}"), key="bp_out")
        st.selectbox(t("bp.init"), INITS, format_func=lambda i: t(f"bp.init.{i}"), key="bp_init")
        st.number_input(t("bp.seed"), 0, 9999, step=1, key="bp_seed")
    sizes = [ss.bp_n0, *hidden, ss.bp_k]
    with c_ex:
        st.markdown(f"**{t('bp.example_header')}**")
        x = [
            st.number_input(t("bp.x", i=i + 1), -X_LIM, X_LIM, step=0.1, format="%.2f",
                            key=f"bp_x{i}")
            for i in range(ss.bp_n0)
        ]
        if ss.bp_out == "softmax":
            if ss.get("bp_yc", 0) >= ss.bp_k:
                ss.bp_yc = 0
            y = [st.selectbox(t("bp.y_class", k=ss.bp_k - 1), list(range(ss.bp_k)), key="bp_yc")]
        elif ss.bp_out == "sigmoid":
            y = [st.selectbox(t("bp.y_label", j=j + 1), [0, 1], key=f"bp_yb{j}")
                 for j in range(ss.bp_k)]
        else:
            y = [st.number_input(t("bp.y_target", j=j + 1), -X_LIM, X_LIM, step=0.1,
                                 format="%.2f", key=f"bp_yr{j}")
                 for j in range(ss.bp_k)]
        st.toggle(t("bp.batch"), key="bp_batch")
        if ss.bp_batch:
            st.slider(t("bp.m"), 2, 8, key="bp_m")
            st.caption(t("bp.batch_caption"))
    with c_lr:
        st.markdown(f"**{t('bp.lr_header')}**")
        st.select_slider(t("bp.alpha"), ALPHAS, key="bp_alpha")
        st.slider(t("bp.digits"), 1, 8, key="bp_digits", help=t("bp.digits_help"))
        st.toggle(t("bp.show_all"), key="bp_all")

m = ss.bp_m if ss.bp_batch else 1
state.write_params(
    {
        "sizes": "-".join(map(str, sizes)), "act": ss.bp_act, "out": ss.bp_out,
        "init": ss.bp_init, "seed": ss.bp_seed, "x": ",".join(state.format_value(float(v))
                                                             for v in x),
        "y": ",".join(state.format_value(float(v)) for v in y), "batch": ss.bp_batch,
        "m": ss.bp_m, "alpha": ss.bp_alpha, "digits": ss.bp_digits, "all": ss.bp_all,
    }
)

# ----------------------------------------------------------------------------- the trace
try:
    net = MLP(sizes, activation=ss.bp_act, output=ss.bp_out, init=ss.bp_init, seed=ss.bp_seed)
    X, Y = trace.make_batch(x, y if ss.bp_out != "softmax" else y[0], m, net, seed=ss.bp_seed)
    tr = trace.build(net, X, Y, ss.bp_alpha)
except ValueError as err:
    st.error(t("bp.error", msg=str(err)))
    st.stop()

digits = ss.bp_digits
st.markdown(
    t("bp.summary", sizes="-".join(map(str, sizes)), act=ss.bp_act, out=t(f"bp.out.{ss.bp_out}"),
      x=", ".join(f"{v:g}" for v in x), y=", ".join(f"{v:g}" for v in y), m=m,
      alpha=state.format_value(ss.bp_alpha))
)
st.caption(t("bp.notation"))
if m > 1:
    st.info(t("bp.batch_note", m=m))
    with st.expander(t("bp.batch_table")):
        cols = [f"x{i + 1}" for i in range(X.shape[1])]
        table = {c: X[:, i] for i, c in enumerate(cols)}
        Yc = Y.reshape(m, -1)
        table.update({f"y{j + 1}" if Yc.shape[1] > 1 else "y": Yc[:, j]
                      for j in range(Yc.shape[1])})
        st.dataframe(table, key="bp_batch_df")
if tr.edge:  # an output rounded to 0 or 1: say how the numbers were computed
    st.info(t("bp.edge_note"))


def show_step(step: trace.Step) -> None:
    """Header, explanation, formula, numbers, cached values and code of one step."""
    sym = f"${step.result.symbol}$"
    st.markdown(
        f"#### :{MARK[step.phase]}[{t('bp.phase.' + step.phase)}] · "
        + t(f"bp.kind.{step.kind}", l=step.layer, sym=sym)
    )
    st.markdown(t(f"bp.explain.{step.kind}", l=step.layer, prev=step.layer - 1))
    st.latex(step.formula)
    if step.note:
        st.caption(t("bp.note_caption"))
        st.latex(step.note)
    for line in view.step_lines(step, digits):
        st.latex(line)
    if step.edge:
        st.caption(t("bp.edge_step"))
    if step.cached:
        st.caption(t("bp.uses_cache", names=", ".join(f"${c}$" for c in step.cached)))
    if step.phase == "forward":
        st.caption(t("bp.stored_cache"))
    st.caption(t("bp.code_caption"))
    st.code(step.code, language="python")


n = len(tr.steps)
step_from_url = ss.pop("bp_step_from_url", None)
if ss.bp_step > n:  # steps are numbered from 1, like the slider
    if step_from_url is not None:  # a link asked for a step this network does not have
        state.show_problems([t("bp.url.step_clamped", setting=state.inert(f"step={step_from_url}"),
                               n=n)])
    ss.bp_step = n
if ss.bp_all:
    charts.show(*view.diagram(sizes, tuple(range(len(sizes))), "forward"), key="bp_diagram")
    for step in tr.steps:
        show_step(step)
        st.divider()
else:
    nav = st.columns([1, 1, 6])
    nav[0].button(t("bp.prev"), key="bp_prev", on_click=move, args=(-1, n),
                  disabled=ss.bp_step == 1, width="stretch")
    nav[1].button(t("bp.next"), key="bp_next", on_click=move, args=(1, n),
                  disabled=ss.bp_step == n, width="stretch")
    with nav[2]:
        st.slider(t("bp.step"), 1, n, key="bp_step", format=t("bp.progress", n=n))
    first = {}
    for step in tr.steps:
        first.setdefault(step.phase, step.index + 1)
    jumps = st.columns(len(first))
    for col, (phase, number) in zip(jumps, first.items(), strict=True):
        col.button(t(f"bp.phase.{phase}"), key=f"bp_jump_{phase}", on_click=jump, args=(number,),
                   width="stretch")
    step = tr.steps[ss.bp_step - 1]
    left, right = st.columns([2, 3])
    with left:
        charts.show(*view.diagram(sizes, step.focus, step.phase), key="bp_diagram")
        st.caption(t("bp.diagram_caption"))
    with right:
        show_step(step)
state.write_params({"step": ss.bp_step})

# ----------------------------------------------------------------------------- loss before/after
st.subheader(t("bp.result_header"))
shown = max(digits, 6)
c1, c2 = st.columns(2)
c1.metric(t("bp.loss_before"), f"{tr.loss_before:.{shown}f}")
c2.metric(t("bp.loss_after", alpha=state.format_value(ss.bp_alpha)), f"{tr.loss_after:.{shown}f}",
          delta=f"{tr.loss_after - tr.loss_before:+.{shown}f}", delta_color="inverse")
if tr.loss_after > tr.loss_before:
    st.warning(t("bp.overshoot", alpha=state.format_value(ss.bp_alpha)))

# ----------------------------------------------------------------------------- PyTorch
st.subheader(t("bp.torch.header"))
st.markdown(t("bp.torch.help"))
signature = (tuple(sizes), ss.bp_act, ss.bp_out, ss.bp_init, ss.bp_seed, X.tobytes(), Y.tobytes())
no_torch = frame.torch_missing(t("bp.torch.what"))
if not no_torch and st.button(t("bp.torch.button"), key="bp_torch"):
    with st.spinner(t("bp.torch.running")):
        ss.bp_torch_result = (signature, trace.torch_check(net, X, Y, tr))
saved = ss.get("bp_torch_result")
if saved and saved[0] == signature and not no_torch:
    res = saved[1]
    fmt = {"dW": f"{res['max_dW']:.1e}", "db": f"{res['max_db']:.1e}",
           "loss": f"{res['loss']:.1e}"}
    agree = max(res["max_dW"], res["max_db"], res["loss"]) < 1e-10
    (st.success if agree else st.error)(t("bp.torch.agree" if agree else "bp.torch.disagree",
                                          **fmt))
    st.dataframe(
        {
            t("bp.torch.layer"): list(range(1, len(res["dW"]) + 1)),
            t("bp.torch.dW"): [f"{v:.1e}" for v in res["dW"]],
            t("bp.torch.db"): [f"{v:.1e}" for v in res["db"]],
        },
        key="bp_torch_df",
    )
