"""The Backprop page (``pages/4_Backprop.py``): one training step worked out with the numbers.

- ``settings``: the one table of widget keys and URL parameters, ``from_url``/``to_url``;
- ``actions``: the step buttons' callbacks and the clamping of the step to the network's;
- ``view``: the numbers as LaTeX matrices and the network diagram (no widgets);
- ``sections``: the page's parts, one function each (settings expander, summary, the steps
  and their navigation, the loss before and after, the PyTorch check).

The steps themselves come from :mod:`nncore.trace`.
"""
