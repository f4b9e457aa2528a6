"""The Neuron page's logic (the page script, ``pages/2_Neuron.py``, only orders it).

- ``settings``: the page's ``Setting`` table (``SETTINGS``), ``from_url()`` and ``to_url()``;
  the learning-rate ladder ``LEARNING_RATES``.
- ``actions``: the run in session state (``init``), the sliders that follow it and the
  widgets' callbacks (``on_*``); no drawing.
- ``view``: the plane's and the curves' data and Altair specs, the formulas as LaTeX; no
  widgets.
- ``sections``: the control column, one function per group, and the link to the MLP page.
- ``live``: the fragment that draws the plane, the numbers and the curves and trains
  while playing.
"""
