"""The Optimizers page (an optimiser race, issue 17): ``settings`` (the Setting table),
``actions`` (the race in session state and the callbacks), ``live`` (the Play fragment),
``view`` (the contour picture, the race and loss charts, the small boundaries)."""
