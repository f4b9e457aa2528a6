"""nncore: a small NumPy neural-network core, checked number for number against PyTorch.

>>> import nncore
>>> X, y = nncore.data.make("xor", n=200, noise=0.0, seed=0)
>>> net = nncore.MLP([2, 8, 1], activation="tanh", output="sigmoid", seed=0)
>>> trainer = nncore.Trainer(net, nncore.optim.SGD(lr=0.1), X, y)
>>> history = trainer.fit(epochs=100)

Modules: ``activations`` (g and g'), ``losses``, ``network`` (MLP: forward with a cache,
backward), ``optim`` (SGD, momentum, Adam, RMSprop, L1/L2), ``data`` (TensorFlow
Playground's datasets), ``train`` (the training loop), ``schedules`` (learning-rate
schedules), ``stopping`` (early stopping); ``export`` (a run as a PyTorch
script), ``upload`` (a user's CSV), ``landscape`` and ``race`` (where the weights walk).
torch is never imported here; ``torch_ref`` and ``export`` import it lazily, for parity
checks and export. ARCHITECTURE.md is the module map.
"""

from nncore import activations, data, losses, optim, schedules, stopping, train
from nncore.network import MLP, Cache, Grads
from nncore.train import Trainer

__all__ = [
    "activations",
    "data",
    "losses",
    "optim",
    "schedules",
    "stopping",
    "train",
    "MLP",
    "Cache",
    "Grads",
    "Trainer",
]
#: the package version: the one place it is written (pyproject.toml reads it from here)
__version__ = "0.1.0"
