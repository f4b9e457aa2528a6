"""Activation functions: g and g', saturation, why nonlinearity, depth, comparison, PReLU/RReLU.

Thin page: widgets and layout. Numbers come from nncore (via ui.activation_view), charts
from ui.activation_charts. Tabs run lazily: only the open tab's content is computed.
"""

import time

import streamlit as st

try:  # `streamlit run pages/<page>.py` finds none of the app's modules: say how to start it
    import ui  # noqa: F401
except ModuleNotFoundError:
    st.error("Start NN Playground from its folder: `streamlit run streamlit_app.py` · "
             "请在项目文件夹中运行 `streamlit run streamlit_app.py` 启动神经网络游乐场")
    st.stop()

from nncore import activations
from ui import activation_charts as charts
from ui import activation_view as view
from ui import frame, state
from ui.charts import show
from ui.i18n import t

lang = frame.page("activations")

NAMES = activations.names()
TAB_IDS = ("curves", "why", "depth", "table", "variants")
S = state.Setting
SETTINGS = (
    S("act_names", "g", "choices", list(view.DEFAULT_NAMES), choices=tuple(NAMES)),
    S("act_range", "z", "range", (-6, 6), choices=view.Z_CHOICES),
    S("act_leaky_alpha", "leaky_alpha", "float", 0.01, 0.0, 1.0),
    S("act_elu_alpha", "elu_alpha", "float", 1.0, 0.0, 3.0),
    S("act_beta", "beta", "float", 1.0, 0.1, 10.0),
    S("act_tau", "tau", "float", 0.05, 0.01, 0.5),
    S("act_focus", "focus", "choice", "sigmoid", choices=tuple(NAMES)),
    S("act_layers", "layers", "int", 3, 2, 3),
    S("act_seed", "seed", "int", 0, 0, 9999),
    S("act_nonlin", "nonlin", "choice", "tanh", choices=tuple(NAMES)),
    S("act_depth", "depth", "int", 10, 1, 50),
    S("act_prelu_alpha", "prelu_alpha", "float", 0.05, 0.0, 1.0),
    S("act_prelu_lr", "prelu_lr", "float", 0.1, 0.01, 0.35),
    S("act_prelu_steps", "prelu_steps", "int", 40, 0, 200),
    S("act_rrelu_seed", "rrelu_seed", "int", 0, 0, 9999),
    S("act_tab_id", "tab", "choice", "curves", choices=TAB_IDS),
)
problems = [state.drop_unknown(s.param for s in SETTINGS), *state.settings_from_url(SETTINGS)]
state.init_state({"act_cost_nonce": 0, "act_torch": dict})
ss = st.session_state

st.title(t("nav.activations"))
st.markdown(t("act.intro"))
state.show_problems(problems)

# ---- shared controls: which activations, z range, parameters
top = st.columns([3, 2])
top[0].multiselect(t("act.pick"), NAMES, format_func=view.label, key="act_names")
# value= marks the slider as a range (two thumbs); the state set from the URL wins.
top[1].select_slider(t("act.range"), options=view.Z_CHOICES, value=(-6, 6), key="act_range")
p1, p2, p3 = st.columns(3)
p1.slider(t("act.leaky_alpha"), 0.0, 1.0, step=0.01, key="act_leaky_alpha", format="%.2f")
p2.slider(t("act.elu_alpha"), 0.0, 3.0, step=0.05, key="act_elu_alpha", format="%.2f")
p3.slider(t("act.softplus_beta"), 0.1, 10.0, step=0.1, key="act_beta", format="%.1f")

lo, hi, widened = view.z_bounds(*ss.act_range)
if widened:
    st.caption(t("act.range_widened", lo=lo, hi=hi))
specs = [view.spec_for(n, ss.act_leaky_alpha, ss.act_elu_alpha, ss.act_beta) for n in ss.act_names]
all_specs = tuple(
    view.spec_for(n, ss.act_leaky_alpha, ss.act_elu_alpha, ss.act_beta) for n in NAMES
)

labels = [t(f"act.tab.{i}") for i in TAB_IDS]
# The tabs' default must stay fixed between reruns (a changing default makes the widget
# drop clicks), so it follows the open tab only when the language (the labels) changes.
if ss.get("act_tab_lang") != lang:
    ss.act_tab_lang, ss.act_tab_default = lang, ss.act_tab_id
tabs = st.tabs(
    labels, key="act_tab", on_change="rerun", default=labels[TAB_IDS.index(ss.act_tab_default)]
)
open_tab = next((i for i, tab in zip(TAB_IDS, tabs, strict=True) if tab.open), TAB_IDS[0])
ss.act_tab_id = open_tab

if open_tab == "curves":
    with tabs[0]:
        if not specs:
            st.info(t("act.none_selected"))
        else:
            if ss.act_focus not in ss.act_names:
                ss.act_focus = ss.act_names[0]
            c1, c2 = st.columns(2)
            c1.slider(t("act.tau"), 0.01, 0.5, step=0.01, key="act_tau", help=t("act.tau_help"))
            c2.selectbox(t("act.focus"), ss.act_names, format_func=view.label, key="act_focus")
            focus = next(s for s in specs if s[0] == ss.act_focus)
            data = {
                "curves": view.curve_frame(specs, lo, hi),
                "regions": view.region_frame(focus, lo, hi, ss.act_tau),
            }
            legends = (
                t("act.legend.activation"), t("act.legend.region"),
                view.series(specs), view.region_kinds(data["regions"]),
            )
            g1, g2 = st.columns(2)
            with g1:
                show(charts.curve_chart(
                    "g", t("act.chart.g"), t("act.axis.z"), "g(z)", *legends
                ), data)
            with g2:
                show(charts.curve_chart(
                    "dg", t("act.chart.dg"), t("act.axis.z"), "g'(z)", *legends
                ), data)
            sat, dead = view.share(focus, lo, hi, ss.act_tau)
            name = view.label(focus[0])
            st.markdown(t("act.saturation_expl", name=name, tau=ss.act_tau, share=100 * sat))
            where = view.interval_text(focus, lo, hi)
            if where:
                st.markdown(t("act.dead_expl", name=name, where=where, share=100 * dead))
            else:
                st.markdown(t("act.no_dead", name=name))
            st.subheader(t("act.formulas"))
            for spec in specs:
                act = view.build(spec)
                f0, f1, f2 = st.columns([2, 3, 3])
                extra = view.param_text(spec)
                f0.markdown(f"**{view.label(spec[0])}**  \n{t(f'act.about.{spec[0]}')}")
                f1.latex(act.latex + (rf",\quad {extra}" if extra else ""))
                f2.latex(act.dlatex)

if open_tab == "why":
    with tabs[1]:
        st.markdown(t("act.why.intro"))
        w1, w2, w3 = st.columns(3)
        w1.slider(t("act.why.layers"), 2, 3, key="act_layers")
        w2.number_input(t("act.why.seed"), 0, 9999, step=1, key="act_seed")
        w3.selectbox(t("act.why.nonlin"), NAMES, format_func=view.label, key="act_nonlin")
        nonlin = view.spec_for(ss.act_nonlin, ss.act_leaky_alpha, ss.act_elu_alpha, ss.act_beta)
        demo = view.linear_demo(ss.act_layers, ss.act_seed, nonlin)
        s1, s2 = st.columns(2)
        with s1:
            show(
                charts.stack_chart(t("act.why.linear_title"), "act-stack-linear"),
                {"grid": demo["grid"], "out": demo["linear"]},
            )
        with s2:
            title = t("act.why.nonlinear_title", name=view.label(ss.act_nonlin))
            show(
                charts.stack_chart(title, "act-stack-nonlinear"),
                {"grid": demo["grid"], "out": demo["nonlinear"]},
            )
        sizes = " → ".join(map(str, demo["sizes"]))
        st.markdown(t("act.why.composed", n=ss.act_layers, sizes=sizes))
        st.latex(demo["latex"])
        st.markdown(t("act.why.max_diff", diff=demo["max_diff"]))
        st.markdown(t("act.why.conclusion"))

if open_tab == "depth":
    with tabs[2]:
        st.markdown(t("act.depth.intro"))
        st.slider(t("act.depth.L"), 1, 50, key="act_depth")
        if not specs:
            st.info(t("act.none_selected"))
        else:
            df, zero = view.depth_frame(specs, ss.act_depth)
            if len(df):
                shown = view.series([s for s in specs if s[0] not in zero])
                spec = charts.depth_chart(
                    t("act.depth.chart"), t("act.depth.axis_L"), t("act.depth.axis_bound"),
                    t("act.legend.activation"), shown,
                )
                show(spec, {"depth": df, "one": view.ONE})
            lines = []
            for spec in specs:
                m, z_at = view.max_derivative(spec)
                if m > 0:
                    lines.append(t(
                        "act.depth.value", name=view.label(spec[0]), m=m, z=z_at,
                        L=ss.act_depth, v=m**ss.act_depth,
                    ))
            st.markdown("\n".join(f"- {line}" for line in lines))
            if zero:
                st.markdown(t("act.depth.zero", names=", ".join(map(view.label, zero))))
            st.caption(t("act.depth.note"))

if open_tab == "table":
    with tabs[3]:
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
            view.comparison_table(all_specs, costs, ss.act_torch), hide_index=True,
            key="act_table",
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

if open_tab == "variants":
    with tabs[4]:
        v1, v2 = st.columns(2)
        with v1:
            st.subheader(t("act.prelu.header"))
            st.markdown(t("act.prelu.text"))
            st.slider(t("act.prelu.alpha_true"), 0.0, 1.0, step=0.01, key="act_prelu_alpha")
            st.slider(t("act.prelu.lr"), 0.01, 0.35, step=0.01, key="act_prelu_lr")
            st.slider(t("act.prelu.steps"), 0, 200, key="act_prelu_steps")
            pr = view.prelu_demo(ss.act_prelu_alpha, ss.act_prelu_lr, ss.act_prelu_steps)
            show(
                charts.prelu_chart(t("act.prelu.chart"), pr["legend"]),
                {"points": pr["points"], "curves": pr["curves"]},
            )
            show(
                charts.alpha_chart(t("act.prelu.alpha_chart"), t("act.prelu.axis_step"), "α"),
                {"history": pr["history"], "target": pr["target"]},
            )
            st.markdown(t("act.prelu.result", alpha=pr["alpha"], alpha_ls=pr["alpha_ls"]))
        with v2:
            st.subheader(t("act.rrelu.header"))
            st.markdown(t("act.rrelu.text"))
            st.number_input(t("act.rrelu.seed"), 0, 9999, step=1, key="act_rrelu_seed")
            rr = view.rrelu_demo(ss.act_rrelu_seed)
            show(
                charts.rrelu_chart(t("act.rrelu.chart"), rr["legend"]),
                {"band": rr["band"], "samples": rr["samples"], "eval": rr["eval"]},
            )

state.settings_to_url(SETTINGS)
