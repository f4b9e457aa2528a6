"""The Neuron page's logic (the page script, ``pages/2_Neuron.py``, only orders it).

- ``settings``: the page's ``Setting`` table (``SETTINGS``), ``from_url()`` and ``to_url()``;
  the learning-rate ladder ``LEARNING_RATES``.
- ``actions``: the run in session state (``init``), the sliders that follow it and the
  widgets' callbacks (``on_*``); no drawing.
- ``view``: the plane's and the curves' data and Altair specs, the formulas as LaTeX; no
  widgets.
- ``landscape``: the loss landscape (``?land=1`` or its button): which loss the rule and
  activation train, the cached surface picture at b to 0.05, the path's and loss(b)'s
  chart data and specs; no widgets.
- ``sections``: the widgets: the neuron's and the point's sliders (drawn in ``live``'s
  fragments), the control column (data, training; the speed in a fragment of its own), and
  the link to the MLP page.
- ``live``: two nested fragments: the outer draws the numbers and the curves and trains
  while playing; the inner draws the plane with its sliders and the formulas, so moving x
  or g reruns it alone.
"""
