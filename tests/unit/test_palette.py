"""Class colours under simulated colour-vision deficiencies (Machado et al. 2009), measured
as CIEDE2000 differences; the difference formula against Sharma et al.'s test data."""

from __future__ import annotations

import numpy as np
import pytest

from ui import a11y_palette as pal
from ui import boundary

KINDS = ("normal", "protanopia", "deuteranopia", "tritanopia")


@pytest.mark.parametrize(("lab1", "lab2", "want"), [
    # Sharma, Wu and Dalal (2005), table 1: pairs 1, 2, 7 and 17
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
])
def test_ciede2000_matches_sharmas_test_data(lab1, lab2, want):
    assert pal.ciede2000(lab1, lab2) == pytest.approx(want, abs=1e-4)
    assert pal.ciede2000(lab2, lab1) == pytest.approx(want, abs=1e-4)


def test_lab_of_white_black_and_srgb_red():
    assert pal.lab([255, 255, 255]) == pytest.approx([100, 0, 0], abs=1e-3)
    assert pal.lab([0, 0, 0]) == pytest.approx([0, 0, 0], abs=1e-6)
    assert pal.lab([255, 0, 0]) == pytest.approx([53.24, 80.09, 67.20], abs=0.02)


def test_simulation_keeps_greys_and_merges_red_and_green_for_deuteranopes():
    grey = np.array([128, 128, 128])
    for kind in KINDS[1:]:
        assert pal.simulate(grey, kind) == pytest.approx(grey, abs=1.0)
    red, green = pal.lab(pal.simulate(np.array([[200, 40, 40], [40, 160, 40]]),
                                      "deuteranopia"))
    assert pal.ciede2000(red, green) < 0.3 * pal.ciede2000(
        pal.lab([200, 40, 40]), pal.lab([40, 160, 40]))


@pytest.mark.parametrize("kind", KINDS)
def test_two_classes_stay_far_apart_in_both_palettes(kind):
    """Orange and blue, the two classes of every binary picture: ΔE00 > 50 for everyone
    (measured: TFP's 53.7 / 55.4 / 62.0 / 63.5, Okabe-Ito's 55.3 / 55.6 / 62.7 / 51.4 for
    normal / protanopia / deuteranopia / tritanopia)."""
    assert pal.min_distance(boundary.CLASS_COLOURS[:2], kind)[0] > 50
    assert pal.min_distance(pal.OKABE_ITO[:2], kind)[0] > 50


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("k", [3, 4, 5, 6])
def test_okabe_ito_keeps_up_to_six_classes_apart(kind, k):
    """Okabe-Ito: every pair of the first six classes at ΔE00 >= 10 under each deficiency
    (measured minimum 10.9, tritanopia, orange/reddish purple). The default palette drops
    to 4.1 (deuteranopia, blue/purple) from 4 classes: hence the setting."""
    assert pal.min_distance(pal.OKABE_ITO[:k], kind)[0] >= 10
    if k >= 4 and kind in ("protanopia", "deuteranopia"):
        assert pal.min_distance(boundary.CLASS_COLOURS[:k], kind)[0] < 5
