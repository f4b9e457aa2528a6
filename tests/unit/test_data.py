"""nncore.data: TFP's datasets (geometry, labels, noise), features, split, grid, errors."""

import numpy as np
import pytest

from nncore import data

BINARY = ["circle", "xor", "gauss", "spiral", "moons"]
MULTI = ["blobs", "spiral_multi"]
REGRESSION = ["plane", "multigauss"]


def _radius(X):
    return np.hypot(X[:, 0], X[:, 1])


def test_catalogue_and_kinds():
    assert data.names() == BINARY + MULTI + REGRESSION
    assert {name: data.kind(name) for name in data.names()} == {
        **dict.fromkeys(BINARY, "binary"),
        **dict.fromkeys(MULTI, "multiclass"),
        **dict.fromkeys(REGRESSION, "regression"),
    }
    assert data.num_classes("xor") == 2
    assert data.num_classes("blobs", n_classes=5) == 5
    assert data.num_classes("plane") == 1
    assert data.DOMAIN == (-6.0, 6.0)


@pytest.mark.parametrize("name", BINARY + MULTI + REGRESSION)
@pytest.mark.parametrize("n", [1, 2, 7, 200])
def test_shapes_dtypes_and_label_sets(name, n):
    X, y = data.make(name, n=n, noise=0.2, seed=3, n_classes=4)
    assert X.shape == (n, 2) and X.dtype == np.float64 and X.flags.c_contiguous
    assert y.shape == (n,)
    assert np.all(np.isfinite(X))
    if data.kind(name) == "regression":
        assert y.dtype == np.float64
        assert np.all((y >= -1) & (y <= 1))
    else:
        k = data.num_classes(name, n_classes=4)
        assert y.dtype == np.int64
        counts = np.bincount(y, minlength=k)
        assert len(counts) == k
        if name not in ("circle", "xor"):  # their labels are read at a noisy position
            # classes as equal as n allows
            assert counts.max() - counts.min() <= 1 and counts.sum() == n


@pytest.mark.parametrize("k", [3, 4, 5, 6])
@pytest.mark.parametrize("name", MULTI)
def test_multiclass_has_every_class(name, k):
    _, y = data.make(name, n=60, seed=1, n_classes=k)
    assert set(y.tolist()) == set(range(k))


@pytest.mark.parametrize("name", BINARY + MULTI + REGRESSION)
def test_same_seed_is_bit_identical_and_seeds_differ(name):
    X1, y1 = data.make(name, n=100, noise=0.3, seed=7)
    X2, y2 = data.make(name, n=100, noise=0.3, seed=7)
    assert X1.tobytes() == X2.tobytes() and y1.tobytes() == y2.tobytes()
    X3, _ = data.make(name, n=100, noise=0.3, seed=8)
    assert not np.array_equal(X1, X3)


def test_rows_are_shuffled():
    # class-grouped output would put all of one label first
    _, y = data.make("circle", n=200, seed=0)
    assert 0 < y[:100].mean() < 1 and np.any(np.diff(y) != 0)
    assert np.count_nonzero(np.diff(y)) > 20


# ---------------------------------------------------------------- geometry

def test_circle_noiseless_inner_disc_is_1_outer_ring_is_0():
    X, y = data.make("circle", n=1000, noise=0.0, seed=0)
    r = _radius(X)
    assert np.all(r[y == 1] < 2.5) and np.all(r[y == 0] >= 3.5) and np.all(r <= 5.0)
    assert np.bincount(y).tolist() == [500, 500]
    # TFP draws the radius (not the area) uniformly: the mean inner radius is 2.5 / 2
    assert abs(r[y == 1].mean() - 1.25) < 0.1
    assert abs(r[y == 0].mean() - 4.25) < 0.1


def test_xor_noiseless_labels_follow_the_sign_of_x1_x2_with_padding():
    X, y = data.make("xor", n=1000, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] >= 0).astype(np.int64))
    assert np.all(np.abs(X) >= 0.3) and np.all(np.abs(X) <= 5.3)
    assert 0.4 < y.mean() < 0.6


def test_gauss_class_means_and_variance():
    for noise in (0.0, 0.5):
        X, y = data.make("gauss", n=4000, noise=noise, seed=0)
        np.testing.assert_allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.15)
        np.testing.assert_allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.15)
        # TFP: variance 0.5 at noise 0, 4 at noise 0.5 (d3 linear scale)
        var = np.concatenate([X[y == 1] - 2, X[y == 0] + 2]).var(axis=0)
        np.testing.assert_allclose(var, 0.5 + 7 * noise, rtol=0.08)


def _on_spiral_arm(X, offset):
    """Distance of each point from TFP's arm: r = 5 f, t = 1.75 * 2 pi f + offset."""
    r = _radius(X)
    t = 1.75 * 2 * np.pi * r / 5 + offset
    return np.hypot(X[:, 0] - r * np.sin(t), X[:, 1] - r * np.cos(t))


def test_spiral_noiseless_points_lie_on_their_arms():
    X, y = data.make("spiral", n=400, noise=0.0, seed=0)
    assert np.max(_on_spiral_arm(X[y == 1], 0.0)) < 1e-9
    assert np.max(_on_spiral_arm(X[y == 0], np.pi)) < 1e-9
    off_centre = X[(y == 1) & (_radius(X) > 0.1)]
    assert np.min(_on_spiral_arm(off_centre, np.pi)) > 0.1  # not on the other arm
    # TFP: radii i / n * 5 for i = 0..n-1 on each arm
    np.testing.assert_allclose(np.sort(_radius(X[y == 1])), np.arange(200) / 200 * 5)


@pytest.mark.parametrize("k", [3, 6])
def test_spiral_multi_class_c_lies_on_the_arm_turned_by_2_pi_c_over_k(k):
    X, y = data.make("spiral_multi", n=60 * k, noise=0.0, seed=0, n_classes=k)
    for c in range(k):
        assert np.max(_on_spiral_arm(X[y == c], 2 * np.pi * c / k)) < 1e-9
        other = (c + 1) % k
        assert np.median(_on_spiral_arm(X[y == c], 2 * np.pi * other / k)) > 0.5


def test_spiral_noise_moves_points_by_at_most_noise_per_axis():
    X0, y0 = data.make("spiral", n=400, noise=0.0, seed=2)
    X1, y1 = data.make("spiral", n=400, noise=0.5, seed=2)
    np.testing.assert_array_equal(y0, y1)
    shift = np.abs(X1 - X0)
    assert shift.max() <= 0.5 and shift.mean() > 0.2  # U(-1, 1) * 0.5: mean |.| = 0.25


def test_moons_noiseless_lie_on_two_half_circles_of_radius_3():
    X, y = data.make("moons", n=300, noise=0.0, seed=0)
    up, down = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*(up - [-1.5, -0.75]).T), 3.0, atol=1e-12)
    np.testing.assert_allclose(np.hypot(*(down - [1.5, 0.75]).T), 3.0, atol=1e-12)
    assert np.all(up[:, 1] >= -0.75 - 1e-12) and np.all(down[:, 1] <= 0.75 + 1e-12)
    lo, hi = data.DOMAIN
    assert np.all((X > lo) & (X < hi))


@pytest.mark.parametrize("k", [3, 5])
def test_blobs_class_means_on_a_ring_of_radius_4(k):
    X, y = data.make("blobs", n=600 * k, noise=0.0, seed=0, n_classes=k)
    for c in range(k):
        a = 2 * np.pi * c / k
        np.testing.assert_allclose(X[y == c].mean(axis=0), [4 * np.cos(a), 4 * np.sin(a)],
                                   atol=0.1)
        np.testing.assert_allclose(X[y == c].var(axis=0), 0.5, rtol=0.15)


def test_plane_matches_its_formula():
    X, y = data.make("plane", n=2000, noise=0.0, seed=0)
    np.testing.assert_array_equal(y, np.clip((X[:, 0] + X[:, 1]) / 10, -1, 1))
    assert np.all(np.abs(X) <= 6)
    assert y.min() == -1 and y.max() == 1  # corners |x1 + x2| > 10 exist and are clipped


def test_multigauss_matches_hand_values():
    # evaluate the noiseless target at chosen points through a seeded sample
    X, y = data.make("multigauss", n=5000, noise=0.0, seed=0)
    centres = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1),
               (4, -2.5, -1)]
    expect = np.zeros(len(X))
    for cx, cy, s in centres:  # a loop over the bumps, as TFP does
        v = s * np.clip(1 - np.hypot(X[:, 0] - cx, X[:, 1] - cy) / 2, 0, 1)
        expect = np.where(np.abs(v) > np.abs(expect), v, expect)
    np.testing.assert_allclose(y, expect, atol=1e-15)
    assert y.max() > 0.95 and y.min() < -0.95 and np.mean(y == 0) > 0.3


def test_noise_flips_more_circle_and_xor_labels_but_keeps_the_points():
    for name, rule in [("circle", lambda X: _radius(X) < 2.5),
                       ("xor", lambda X: X[:, 0] * X[:, 1] >= 0)]:
        wrong = []
        X0, _ = data.make(name, n=2000, noise=0.0, seed=4)
        for noise in (0.0, 0.1, 0.25, 0.5):
            X, y = data.make(name, n=2000, noise=noise, seed=4)
            np.testing.assert_array_equal(X, X0)  # TFP: noise moves where the label is read
            wrong.append(np.mean(y != rule(X)))
        assert wrong[0] == 0 and wrong[1] < wrong[2] < wrong[3], (name, wrong)


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_noise_perturbs_targets_more_as_noise_grows(name):
    _, y0 = data.make(name, n=2000, noise=0.0, seed=5)
    err = [np.mean(np.abs(data.make(name, n=2000, noise=s, seed=5)[1] - y0))
           for s in (0.1, 0.3, 0.5)]
    assert 0 < err[0] < err[1] < err[2]


def test_noise_increases_spread_of_gauss_blobs_and_moons():
    for name in ("gauss", "blobs", "moons"):
        spread = []
        for noise in (0.0, 0.25, 0.5):
            X, y = data.make(name, n=3000, noise=noise, seed=6)
            spread.append(sum(X[y == c].std(axis=0).sum() for c in np.unique(y)))
        assert spread[0] < spread[1] < spread[2], (name, spread)


def test_noise_above_tfp_range_is_accepted_up_to_1():
    X, y = data.make("gauss", n=2000, noise=1.0, seed=0)
    np.testing.assert_allclose(X[y == 1].var(axis=0), 7.5, rtol=0.1)


# ---------------------------------------------------------------- features

def test_features_against_hand_computed_columns():
    X = np.array([[1.0, 2.0], [-3.0, 0.5], [0.0, -4.0]])
    F = data.features(X, data.FEATURES)
    x1, x2 = X[:, 0], X[:, 1]
    hand = np.column_stack([x1, x2, [1.0, 9.0, 0.0], [4.0, 0.25, 16.0], [2.0, -1.5, -0.0],
                            np.sin(x1), np.sin(x2)])
    np.testing.assert_array_equal(F, hand)
    assert F.dtype == np.float64


def test_features_keep_order_duplicates_and_dtype():
    X = np.array([[0.5, -2.0], [3.0, 1.0]], dtype=np.float32)
    F = data.features(X, ["sin(x2)", "x1*x2", "x1"])
    assert F.dtype == np.float32 and F.shape == (2, 3)
    np.testing.assert_array_equal(F[:, 0], np.sin(X[:, 1]))
    np.testing.assert_array_equal(F[:, 1], np.float32([-1.0, 3.0]))
    np.testing.assert_array_equal(F[:, 2], X[:, 0])
    assert data.features(X, "x2^2").tolist() == [[4.0], [1.0]]
    assert data.features(np.array([[2, 3]]), ["x1^2"]).dtype == np.float64


def test_features_errors():
    X = np.zeros((3, 2))
    with pytest.raises(ValueError, match=r"unknown feature.*'x3'.*x1\*x2"):
        data.features(X, ["x1", "x3"])
    with pytest.raises(ValueError, match="at least one"):
        data.features(X, [])
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        data.features(np.zeros((3, 3)), ["x1"])


# ---------------------------------------------------------------- split

@pytest.mark.parametrize("m,ratio,m_test", [(200, 0.5, 100), (200, 0.9, 180), (200, 0.1, 20),
                                            (200, 0.7, 140), (10, 0.3, 3), (2, 0.01, 1),
                                            (2, 0.99, 1), (3, 0.5, 2)])
def test_split_sizes_disjoint_and_covering(m, ratio, m_test):
    X = np.column_stack([np.arange(m), -np.arange(m)]).astype(float)
    y = np.arange(m)
    Xtr, Xte, ytr, yte = data.split(X, y, test_ratio=ratio, seed=1)
    assert len(Xte) == len(yte) == m_test and len(Xtr) == len(ytr) == m - m_test
    assert sorted(ytr.tolist() + yte.tolist()) == list(range(m))  # disjoint and covering
    np.testing.assert_array_equal(Xtr[:, 0], ytr)  # rows stay paired with their labels
    np.testing.assert_array_equal(Xte[:, 0], yte)


def test_split_is_seeded_and_shuffles():
    X, y = data.make("xor", n=100, seed=0)
    a = data.split(X, y, 0.5, seed=3)
    b = data.split(X, y, 0.5, seed=3)
    c = data.split(X, y, 0.5, seed=4)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[0], c[0])
    idx = data.split(np.arange(100)[:, None], np.arange(100), 0.5, seed=3)[2]
    assert not np.array_equal(np.sort(idx), idx)


def test_split_returns_copies():
    X, y = np.zeros((4, 2)), np.zeros(4)
    Xtr, _, _, _ = data.split(X, y, 0.5)
    Xtr[:] = 1
    assert not X.any()


@pytest.mark.parametrize("ratio", [0, 1, -0.1, 1.5, float("nan"), "0.5", True])
def test_split_bad_ratio(ratio):
    with pytest.raises(ValueError, match=r"test_ratio must be a number in \(0, 1\)"):
        data.split(np.zeros((4, 2)), np.zeros(4), test_ratio=ratio)


def test_split_bad_sizes():
    with pytest.raises(ValueError, match="same number of rows"):
        data.split(np.zeros((4, 2)), np.zeros(3))
    with pytest.raises(ValueError, match="at least 2 points"):
        data.split(np.zeros((1, 2)), np.zeros(1))


# ---------------------------------------------------------------- grid

def test_grid_orientation():
    xx, yy, G = data.grid(n=5, domain=(-2.0, 2.0))
    v = [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert xx.shape == yy.shape == (5, 5) and G.shape == (25, 2)
    np.testing.assert_array_equal(xx[3], v)  # x varies along a row
    np.testing.assert_array_equal(yy[:, 1], v)  # y grows with the row index
    np.testing.assert_array_equal(G[7], [v[2], v[1]])  # X_grid[i * n + j] = (v[j], v[i])
    # a function of the grid reshapes to an image; flipped, the top row is the largest y
    img = np.flipud((G[:, 1] * 10 + G[:, 0]).reshape(5, 5))
    assert img[0, 0] == 2 * 10 - 2 and img[-1, -1] == -2 * 10 + 2


def test_grid_default_covers_domain():
    xx, yy, G = data.grid()
    assert G.shape == (10000, 2)
    assert (G.min(axis=0) == -6).all() and (G.max(axis=0) == 6).all()


def test_grid_errors():
    with pytest.raises(ValueError, match="grid size n"):
        data.grid(n=1)
    with pytest.raises(ValueError, match="lo < hi"):
        data.grid(n=10, domain=(1.0, -1.0))


# ---------------------------------------------------------------- errors

def test_bad_dataset_name_lists_the_choices():
    with pytest.raises(ValueError, match=r"unknown dataset 'spirals'.*circle, xor, gauss"):
        data.make("spirals")
    with pytest.raises(ValueError, match="unknown dataset"):
        data.kind("nope")
    with pytest.raises(ValueError, match="unknown dataset"):
        data.num_classes(None)


@pytest.mark.parametrize("n", [0, -5, 2.5, "10", True])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"n \(number of points\) must be an integer >= 1"):
        data.make("circle", n=n)


@pytest.mark.parametrize("noise", [-0.01, 1.01, 5, float("nan"), "0.1", None])
def test_bad_noise(noise):
    with pytest.raises(ValueError, match=r"noise must be a number in \[0, 1\].*slider"):
        data.make("xor", noise=noise)


@pytest.mark.parametrize("k", [2, 7, 0, 3.0])
def test_bad_n_classes(k):
    with pytest.raises(ValueError, match="n_classes must be an integer from 3 to 6"):
        data.make("blobs", n_classes=k)
    with pytest.raises(ValueError, match="n_classes"):
        data.num_classes("spiral_multi", n_classes=k)


def test_numpy_scalars_are_accepted():
    X, _ = data.make("gauss", n=np.int64(10), noise=np.float64(0.2), seed=np.int64(1),
                     n_classes=np.int32(3))
    assert X.shape == (10, 2)
