"""The example the Backprop page works through: a network, a batch and its traced step,
built from the page's settings (``settings.trace_key``). No drawing and no Streamlit: the
page caches :func:`build` and keeps its last example in session state (:data:`KEY`), where
the backprop lessons (``ui.course.catalog``) read the numbers they quote.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nncore import MLP, trace

#: session key of the example the page's last run worked through (cleared with the other
#: ``bp_*`` keys when a lesson starts the page from its link)
KEY = "bp_worked"


class Worked(NamedTuple):
    """The example the page works through: the settings it came from and its trace."""

    sizes: tuple[int, ...]
    x: tuple[float, ...]
    y: tuple[float, ...]
    m: int
    net: MLP
    X: np.ndarray
    Y: np.ndarray
    trace: trace.Trace
    key: tuple  # settings.trace_key: what the example was built from

    @property
    def alpha(self) -> float:
        """The learning rate of the example's update."""
        return self.key[-1]


def build(key: tuple) -> Worked:
    """The network, the batch and the trace for ``key`` (:func:`settings.trace_key`:
    ``(sizes, act, out, init, seed, x, y, m, alpha)``).

    Raises
    ------
    ValueError
        For settings no network accepts.
    """
    shape, act, out, init, seed, x, y, m, alpha = key
    net = MLP(list(shape), activation=act, output=out, init=init, seed=seed)
    X, Y = trace.make_batch(list(x), y[0] if out == "softmax" else list(y), m, net, seed=seed)
    return Worked(shape, x, y, m, net, X, Y, trace.build(net, X, Y, alpha), key)
