"""The MLP page's two layouts from one set of widgets: wide as declared, and on a phone
the run buttons, then the live view, then the hyper-parameters and the data controls,
last the export and click-to-add panels; the exploring tools (issue 31: the timeline and
neuron panel, the comparison, the metrics) come after the boundary, before the data
controls.

Streamlit stacks columns in declaration order once the screen is narrower than
``ui.frame.NARROW_PX``. On such a screen the CSS below lets the parts of the two rows of
the page (the top bar: run buttons | hyper-parameters; data | live view, whose fast and
slow fragments count as two parts) take part in one flex column (``display: contents``)
and orders them with CSS ``order``: run buttons, the numbers and the boundary (the fast
fragment), hyper-parameters, diagram and charts (the slow one), data controls. Wide
screens are untouched.
"""

from __future__ import annotations

import streamlit as st

from ui import frame
from ui.mlp import compare, explore, metrics_view
from ui.mlp.export import PANEL_KEY
from ui.mlp.live import FIGURES_KEY, SLOW_BOX_KEY

RUN_KEY = "mlp_run_box"  # Play, Step, Reset (one row, also on a phone)
HYPER_KEY = "mlp_hyper_box"  # learning rate .. regularisation rate
SIDE_KEY = "mlp_side_box"  # data, features, layers
MAIN = frame.MAIN_FIRST + "mlp"  # the live view's container (``frame.main_first("mlp")``)
_ROW = "[data-testid=stHorizontalBlock]"
_COL = "[data-testid=stColumn]"


def _blocks(key: str) -> str:
    """Selectors of the row holding container ``key`` and of its layout wrapper, if any."""
    return (f"{_ROW}:has(> {_COL} .st-key-{key}), "
            f"[data-testid=stLayoutWrapper]:has(> {_ROW} > {_COL} .st-key-{key})")


#: the exploring tools (issue 31): the panel and the metrics (expanders, keyed), the
#: comparison (a fragment holding its container); on a phone after the boundary, with the
#: hyper-parameters and the diagram, before the data controls
_EXPLORE = (f".st-key-{explore.OPEN_KEY}, .st-key-{metrics_view.OPEN_KEY}, "
            f":has(.st-key-{compare.BOX_KEY})")

#: the block (and its wrapper) that the body fragment draws its row in, one level inside
#: the workbench's: it must not box the row either, or the live view cannot move up
#: between the run buttons and the hyper-parameters
_VB, _LW = "[data-testid=stVerticalBlock]", "[data-testid=stLayoutWrapper]"
_BODY = (f"{_VB}:has(> {_LW} > {_ROW} > {_COL} .st-key-{SIDE_KEY}), "
         f"{_LW}:has(> {_VB} > {_LW} > {_ROW} > {_COL} .st-key-{SIDE_KEY})")

CSS = f"""<style>
@media (max-width: {frame.NARROW_PX}px) {{
  {_blocks(RUN_KEY)}, {_blocks(SIDE_KEY)}, {_BODY}, {_COL}:has(.st-key-{MAIN}),
  {_COL}:has(.st-key-{MAIN}) > [data-testid=stVerticalBlock],
  {_COL}:has(.st-key-{MAIN}) > [data-testid=stVerticalBlock] > [data-testid=stLayoutWrapper],
  .st-key-{MAIN} {{ display: contents; }}
  {_COL}:has(.st-key-{RUN_KEY}) {{ order: -2; }}
  .st-key-{MAIN} > * {{ order: -1; }}
  .st-key-{MAIN} > :has(.st-key-{SLOW_BOX_KEY}) {{ order: 0; }}
  .st-key-{MAIN} > :is(.st-key-{PANEL_KEY}, :has(.st-key-{PANEL_KEY})) {{ order: 2; }}
  .st-key-{MAIN} > :is({_EXPLORE}) {{ order: 0; }}
  {_COL}:has(.st-key-{HYPER_KEY}) {{ order: 0; }}
  {_COL}:has(.st-key-{SIDE_KEY}) {{ order: 1; }}
  .st-key-{RUN_KEY} {{ flex-wrap: nowrap; }}
  {_COL}:has(.st-key-{FIGURES_KEY}) {{ order: -1; }}
  .st-key-{FIGURES_KEY} {{ flex-flow: row wrap; gap: 0.25rem 1rem; }}
  .st-key-{FIGURES_KEY} > * {{ flex: 1 1 28%; min-width: 6rem; }}
  .st-key-{HYPER_KEY} {_ROW} {{ flex-wrap: wrap; }}
}}
</style>"""


#: presentation mode lays the live view's parts out in one row (``ui.frame``): the exploring
#: tools go below it, each the row's full width
PRESENT_CSS = f"""<style>
.st-key-{MAIN} {{ flex-wrap: wrap; }}
.st-key-{MAIN} > :is({_EXPLORE}) {{ flex: 1 1 100%; order: 1; }}
</style>"""


def phone_css() -> None:
    """Send the page's narrow-screen layout rules (style only, takes no room), and in
    presentation mode where the exploring tools go."""
    st.html(CSS + (PRESENT_CSS if st.session_state.get(frame.PRESENT_KEY) else ""))
