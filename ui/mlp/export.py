"""The MLP page's downloads: the run as a PyTorch script, its weights, its configuration
(and a configuration file to restore), the data in use as CSV.

Nothing is built while the page draws: every download button gets a callable
(Streamlit 1.67's deferred ``data``), run when the user clicks, in a server thread, and
``on_click="ignore"`` so a download never reruns the page (training goes on). The
callable exports a snapshot of the session taken under its training lock
(``ui.mlp.actions.lock``), so a live frame never trains while it is copied.
"""

from __future__ import annotations

import copy
import functools
import threading

import streamlit as st

from nncore import export
from nncore import playground as pgm
from ui import frame
from ui.i18n import t
from ui.mlp import data_io, settings

CONFIG_SEEN_KEY = "mlp_config_seen"  # the configuration file id last read
CONFIG_ERROR_KEY = "mlp_config_error"
PANEL_KEY = "mlp_tools_box"  # the export and click-to-add panels (last on a phone)
OPEN_KEY = "mlp_export_open"  # the export expander is open (its content is drawn only then)


def snapshot(pg: pgm.Playground, lock: threading.Lock) -> pgm.Playground:
    """A copy of ``pg`` to export from: its trainer (network, optimiser, batch order) taken
    between two frames; the data arrays are shared (they are replaced, never changed)."""
    with lock:
        snap = copy.copy(pg)
        snap.trainer = copy.deepcopy(pg.trainer)
    snap.net = snap.trainer.net
    return snap


def script_text(pg: pgm.Playground, scaling: dict | None) -> str:
    """The core's PyTorch script of ``pg``; a refused run gives a script that says why."""
    try:
        return export.pytorch_script(pg, scaling=scaling)
    except ValueError as e:
        return (f"# NN Playground could not export this run: {e}\n"
                f"raise SystemExit({str(e)!r})\n")


def _script(pg, lock, scaling) -> str:
    return script_text(snapshot(pg, lock), scaling)


def _npz(pg, lock) -> bytes:
    return export.weights_npz(snapshot(pg, lock))


def _state_dict(pg, lock) -> bytes:
    return export.state_dict_bytes(snapshot(pg, lock))


def _csv(pg, lock, u) -> bytes:
    with lock:
        return data_io.csv_bytes(pg, u)


def read_config(name: str, raw: bytes) -> None:
    """A configuration file: its values go to the widgets on the next run (the page
    reruns), or one sentence says why not and nothing changes."""
    ss = st.session_state
    try:
        config = export.config_from_json(raw)
    except ValueError as e:
        ss[CONFIG_ERROR_KEY] = t("mlp.export.config_bad", reason=str(e))
        return
    ss.pop(CONFIG_ERROR_KEY, None)
    settings.restore_later(settings.values_from_config(config))
    st.rerun(scope="app")


def panel(pg: pgm.Playground, lock: threading.Lock) -> None:
    """The export expander: downloads (built on click) and the configuration upload.

    Its content is drawn only while it is open (issue 14): closed, it is one element in the
    runs every slider of the page makes, instead of a dozen the browser re-renders."""
    ss = st.session_state
    box = st.expander(t("mlp.export.title"), icon=":material/download:", key=OPEN_KEY,
                      on_change="rerun")
    if not box.open:
        return
    u = data_io.uploaded()
    stem = f"nn_playground_{data_io.file_stem(u)}_epoch{pg.epoch}"
    with box:
        st.caption(t("mlp.export.help"))
        if pg.diverged:
            st.caption(t("mlp.export.diverged"))
        c = st.columns(2)
        c[0].download_button(t("mlp.export.script"), functools.partial(_script, pg, lock,
                             data_io.scaling()), file_name=f"{stem}.py", mime="text/x-python",
                             on_click="ignore", icon=":material/code:", width="stretch",
                             help=t("mlp.export.script_help"))
        c[1].download_button(t("mlp.export.npz"), functools.partial(_npz, pg, lock),
                             file_name=f"{stem}.npz", mime="application/octet-stream",
                             on_click="ignore", icon=":material/grid_on:", width="stretch")
        c = st.columns(2)
        c[0].download_button(t("mlp.export.config"), export.config_json(pg.config),
                             file_name="nn_playground_config.json", mime="application/json",
                             on_click="ignore", icon=":material/tune:", width="stretch")
        c[1].download_button(t("mlp.export.data"), functools.partial(_csv, pg, lock, u),
                             file_name=f"{data_io.file_stem(u)}_in_use.csv", mime="text/csv",
                             on_click="ignore", icon=":material/table:", width="stretch",
                             help=t("mlp.export.data_help"))
        if not frame.torch_missing(t("mlp.export.state_dict_what")):
            st.download_button(t("mlp.export.state_dict"), functools.partial(_state_dict, pg,
                               lock), file_name=f"{stem}.pt", mime="application/octet-stream",
                               on_click="ignore", icon=":material/memory:")
        f = st.file_uploader(t("mlp.export.config_upload"), type=["json"])
        if data_io.fresh(f, CONFIG_SEEN_KEY):
            read_config(f.name, f.getvalue())
        if CONFIG_ERROR_KEY in ss:
            st.error(ss[CONFIG_ERROR_KEY], icon=":material/error:")
