"""nncore.race and nncore.problems: trajectories equal torch.optim's, runners stay in step."""

import numpy as np
import pytest

import nncore
from nncore import perceptron as P  # noqa: N812
from nncore import problems, race

KINDS = [
    race.Runner("sgd", "sgd", lr=0.01),
    race.Runner("momentum", "momentum", lr=0.01, momentum=0.8),
    race.Runner("nesterov", "nesterov", lr=0.01, momentum=0.9),
    race.Runner("adam", "adam", lr=0.05),
    race.Runner("rmsprop", "rmsprop", lr=0.01),
    race.Runner("rmsprop_m", "rmsprop", lr=0.003, momentum=0.9, alpha=0.9),
    race.Runner("rmsprop_c", "rmsprop", lr=0.01, centered=True),
]


def _problems():
    X, y = P.make("linear", 200, 0.3, seed=0)
    Xm, ym = nncore.data.make("xor", n=64, noise=0.1, seed=0)
    return {
        "bowl": problems.narrow_bowl(),
        "rosenbrock": problems.rosenbrock(),
        "neuron": problems.NeuronProblem(X, y, (0.5, -0.5), 0.1),
        "neuron_mse_tanh": problems.NeuronProblem(X, y, (0.5, -0.5), 0.1, "tanh", "mse"),
        "mlp": problems.MLPProblem(Xm, ym, [2, 6, 1], batch_size=16, seed=1, batch_seed=3),
    }


def _runners(name):
    if name != "rosenbrock":
        return KINDS
    return [race.Runner(r.label, r.kind, lr=r.lr / 10, momentum=r.momentum, alpha=r.alpha,
                        centered=r.centered) for r in KINDS]  # a stable rate on the valley


def _torch_optimizer(torch, r, p):
    groups = [{"params": [p]}]
    if r.kind == "sgd":
        return torch.optim.SGD(groups, lr=r.lr)
    if r.kind in ("momentum", "nesterov"):
        return torch.optim.SGD(groups, lr=r.lr, momentum=r.momentum or 0.9,
                               nesterov=r.kind == "nesterov")
    if r.kind == "adam":
        return torch.optim.Adam(groups, lr=r.lr, betas=r.betas)
    return torch.optim.RMSprop(groups, lr=r.lr, alpha=r.alpha, momentum=r.momentum or 0.0,
                               centered=r.centered)


@pytest.mark.parametrize("name", list(_problems()))
def test_every_runner_follows_torch_optim_for_100_steps(name):
    torch = pytest.importorskip("torch")
    problem = _problems()[name]
    runners = _runners(name)
    rc = race.Race(problem, runners)
    rc.step(100)
    for r in runners:
        assert rc.diverged(r.label) is None
        p = torch.tensor(np.array(problem.params0), requires_grad=True)
        opt = _torch_optimizer(torch, r, p)
        ref = [p.detach().numpy().copy()]
        for k in range(100):  # the same gradients: the problem's, at torch's parameters
            p.grad = torch.tensor(problem.evaluate(p.detach().numpy().copy(), k)[1])
            opt.step()
            ref.append(p.detach().numpy().copy())
        np.testing.assert_allclose(rc.path(r.label), np.array(ref), rtol=1e-12, atol=1e-14,
                                   err_msg=f"{name} {r.label}")


def test_gradients_equal_autograd():
    torch = pytest.importorskip("torch")
    probs = _problems()
    rng = np.random.default_rng(0)
    F = torch.nn.functional
    X, T = torch.tensor(probs["neuron"].X), torch.tensor(probs["neuron"].T)
    refs = {
        "bowl": lambda t: 0.5 * (t[0] ** 2 + 100 * t[1] ** 2),
        "rosenbrock": lambda t: (1 - t[0]) ** 2 + 100 * (t[1] - t[0] ** 2) ** 2,
        "neuron": lambda t: F.binary_cross_entropy_with_logits(X @ t[:2] + t[2], T),
        "neuron_mse_tanh": lambda t: F.mse_loss(torch.tanh(X @ t[:2] + t[2]), T),
    }
    for name, f in refs.items():
        for _ in range(5):
            theta = rng.normal(size=len(probs[name].params0))
            t = torch.tensor(theta, requires_grad=True)
            value = f(t)
            value.backward()
            loss, grad = probs[name].evaluate(theta, 0)
            assert loss == pytest.approx(value.item(), rel=1e-12)
            np.testing.assert_allclose(grad, t.grad.numpy(), rtol=1e-11, atol=1e-13)


@pytest.mark.parametrize("fn", [problems.rosenbrock(), problems.narrow_bowl()],
                         ids=["rosenbrock", "bowl"])
def test_test_functions_gradients_match_finite_differences(fn):
    rng = np.random.default_rng(1)
    h = 1e-6
    for theta in rng.uniform(-2, 2, (10, 2)):
        _, g = fn.evaluate(theta)
        fd = [(fn.evaluate(theta + h * e)[0] - fn.evaluate(theta - h * e)[0]) / (2 * h)
              for e in np.eye(2)]
        np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-6)
    assert fn.evaluate(np.array(fn.minimum))[0] == 0.0
    assert np.all(fn.evaluate(np.array(fn.minimum))[1] == 0.0)
    xs, ys, F = fn.grid(20)
    assert F.shape == (20, 20) and F[3, 5] == fn.f(xs[5], ys[3])


def test_runners_share_their_start_and_stay_in_step():
    for name, problem in _problems().items():
        runners = _runners(name)
        rc = race.Race(problem, runners)
        rc.step(3)
        rc.step(4)
        assert rc.steps == 7
        starts = [rc.path(r.label)[0] for r in runners]
        for s in starts:
            np.testing.assert_array_equal(s, problem.params0)
        assert {rc.path(r.label).shape for r in runners} == {(8, len(problem.params0))}
        assert {len(rc.losses(r.label)) for r in runners} == {8}
        rc.reset()
        assert rc.steps == 0 and all(len(rc.path(r.label)) == 1 for r in runners)


def test_momentum_beats_plain_sgd_on_the_narrow_bowl():
    rc = race.Race(problems.narrow_bowl(), [race.Runner("sgd", "sgd", lr=0.015),
                                            race.Runner("mom", "momentum", lr=0.015)])
    rc.step(100)
    assert rc.losses("mom")[-1] < 1e-3 * rc.losses("sgd")[-1]
    assert rc.leader() == "mom"


def test_the_mlp_race_takes_the_trainers_batches():
    Xm, ym = nncore.data.make("xor", n=64, noise=0.1, seed=0)
    problem = problems.MLPProblem(Xm, ym, [2, 6, 1], batch_size=10, seed=1, batch_seed=5)
    rc = race.Race(problem, [race.Runner("sgd", "sgd", lr=0.1)])
    rc.step(20)  # two epochs of 7 batches (the last one of 4 points), and 6 more
    net = nncore.MLP([2, 6, 1], seed=1)
    trainer = nncore.Trainer(net, nncore.optim.SGD(0.1), Xm, ym, batch_size=10, seed=5)
    for _ in range(20):
        trainer.step()
    np.testing.assert_allclose(rc.params("sgd"), net.params, rtol=1e-13)
    assert rc.losses("sgd")[-1] == pytest.approx(net.loss(Xm, ym), rel=1e-12)


def test_a_diverging_runner_stops_and_the_others_go_on():
    rc = race.Race(problems.rosenbrock(), [race.Runner("fast", "sgd", lr=0.015),
                                           race.Runner("adam", "adam", lr=0.01)])
    rc.step(50)
    assert rc.diverged("fast") is not None and rc.diverged("adam") is None
    assert len(rc.path("adam")) == 51 and len(rc.path("fast")) == rc.diverged("fast")
    assert np.all(np.isfinite(rc.path("fast"))) and rc.leader() == "adam"
    assert np.all(rc.losses("fast") <= race.DIVERGE_FACTOR * rc.losses("fast")[0])


def test_lr_can_change_while_racing_and_bad_races_are_refused():
    rc = race.Race(problems.narrow_bowl(), [race.Runner("a", "adam", lr=0.1)])
    rc.step(2)
    rc.optimizer("a").lr = 0.01
    rc.step(1)
    assert rc.steps == 3 and rc.optimizer("a").t == 3
    with pytest.raises(ValueError, match="unique"):
        race.Race(problems.narrow_bowl(), [race.Runner("a"), race.Runner("a")])
    with pytest.raises(ValueError, match="unknown optimiser"):
        race.Race(problems.narrow_bowl(), [race.Runner("a", "lbfgs")])
    with pytest.raises(ValueError, match="no gradient"):
        problems.NeuronProblem(np.zeros((2, 2)), [0, 1], (0, 0), 0, "step", "error")
