"""The Activations page's logic (the page script, ``pages/1_Activations.py``, only orders it).

- ``settings``: the page's ``Setting`` table (``SETTINGS``), ``from_url()`` and ``to_url()``.
- ``view``: data, formulas and text from ``nncore`` (DataFrames, LaTeX, specs); no widgets.
- ``plots``: the page's Altair specs (the name ``charts`` is the shared ``ui/charts.py``).
- ``sections``: one function per part of the page (the shared controls, the tab bar, each tab).
"""
