"""The MLP page (``pages/3_MLP.py``): live training, TensorFlow Playground's controls and more.

- ``settings``: the one table of widget keys, URL parameters and run-config fields;
- ``actions``: the user's training session and the buttons' callbacks;
- ``live``: the two fragments that train and redraw while playing;
- ``layout``: the phone layout (CSS order) of the same widgets: run buttons, live view, rest;
- ``view``: chart data, neuron maps, thumbnails, cached datasets, feature labels;
- ``raster``: the output over the plane as a JPEG with its axes and points;
- ``svg``: the network diagram.
"""
