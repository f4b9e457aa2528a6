"""Export of a network with switched-off units (issue 31): the continuation script is
refused with a sentence that says why; the model code and the state_dict give the
network's outputs, the units' activations multiplied by 0 (checked against a forward pass
written here in PyTorch, float64)."""

from __future__ import annotations

import io

import numpy as np
import pytest

from nncore import export
from nncore.playground import Config, Playground

torch = pytest.importorskip("torch")


def _pg(act: str = "tanh", layers=(4, 3)) -> Playground:
    pg = Playground(Config(dataset="circle", layers=layers, activation=act, seed=5))
    for _ in range(3):
        pg.step()
    pg.net.set_unit(1, 2, False)
    pg.net.set_unit(len(layers), 0, False)
    return pg


def _reference(pg: Playground, X: np.ndarray) -> np.ndarray:
    """The forward pass in PyTorch with each switched-off unit's activation times 0."""
    g = {"tanh": torch.tanh, "relu": torch.relu, "sigmoid": torch.sigmoid}[
        pg.config.activation]
    A = torch.tensor(X, dtype=torch.float64)
    L = len(pg.net.W)
    off = set(pg.net.units_off())
    for l in range(L):
        W = torch.tensor(np.asarray(pg.net.W[l], np.float64))
        b = torch.tensor(np.asarray(pg.net.b[l], np.float64))
        Z = A @ W.T + b
        if l == L - 1:
            return torch.sigmoid(Z).numpy()
        mask = torch.tensor([0.0 if (l + 1, j) in off else 1.0 for j in range(W.shape[0])],
                            dtype=torch.float64)
        A = g(Z) * mask


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_model_code_and_state_dict_equal_the_masked_network(act):
    pg = _pg(act)
    X = np.asarray(pg.trainer.X, np.float64)[:40]
    want = _reference(pg, X)
    assert np.allclose(pg.net.astype(np.float64).predict(X), want, atol=1e-12)
    scope: dict = {}
    exec(export.model_code(pg.net, "float64"), scope)  # noqa: S102 - our own generated code
    model = scope["model"]
    got = model(torch.tensor(X)).detach().numpy()
    assert np.allclose(got, want, atol=1e-12)
    state = torch.load(io.BytesIO(export.state_dict_bytes(pg)))
    model.load_state_dict(state)
    assert np.allclose(model(torch.tensor(X)).detach().numpy(), want, atol=1e-12)
    assert pg.net.units_off() == [(1, 2), (2, 0)]  # the session's network is untouched


def test_the_script_is_refused_with_a_clear_sentence():
    pg = _pg()
    with pytest.raises(ValueError, match=r"switched-off neurons \(layer 1 unit 3, layer 2 "
                                         r"unit 1\).*switch them back on"):
        export.pytorch_script(pg)
    pg.net.set_unit(1, 2, True)
    pg.net.set_unit(2, 0, True)
    assert "DATA" in export.pytorch_script(pg, check_epochs=2)  # all on: exported again
