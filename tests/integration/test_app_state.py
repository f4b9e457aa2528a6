"""ui.state under AppTest: ``?hide=`` hides the named widgets by CSS and reports unknown
names (the pure readers are tests/unit/test_state.py)."""

from __future__ import annotations


def test_hide_names_the_widgets_to_hide_and_reports_unknown_names(monkeypatch):
    from streamlit.testing.v1 import AppTest

    def app():
        import streamlit as st

        from ui import state

        table = [state.Setting("mlp_reg", "reg", "choice", "none", choices=("none", "l2")),
                 state.Setting("mlp_reg_rate", "reg_rate", "float", 0.0, 0.0, 1.0),
                 state.Setting("mlp_depth", "layers", "ints", (2,), 1, 8, count=(0, 6),
                               hides=("mlp_depth", "mlp_units_"))]
        problems = state.settings_from_url(table)
        st.selectbox("reg", ("none", "l2"), key="mlp_reg")
        st.write(sorted(state.hidden()), problems)

    at = AppTest.from_function(app)
    at.query_params["hide"] = "reg,layers,bogus"
    at.run()
    assert not at.exception
    css = "".join(h.proto.body for h in at.get("html"))
    assert ".st-key-mlp_reg," in css or ".st-key-mlp_reg " in css
    assert '[class*="st-key-mlp_units_"]' in css and ".st-key-mlp_depth" in css
    assert "mlp_reg_rate" not in css  # reg hides reg, not every key that starts with it
    assert at.session_state["mlp_reg"] == "none"  # hidden, still drawn: its value stays
    text = str([m.value for m in at.markdown] + [j.proto.body for j in at.get("json")])
    assert "bogus" in text
