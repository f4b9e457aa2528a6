"""``ui.neuron.view``'s plane geometry at the edge of floating point (a link's junk values:
``?w1=1e-320``, a subnormal weight, overflowed a division with a RuntimeWarning)."""

from __future__ import annotations

import warnings

import pytest

from ui.neuron.view import arrow, line_segment


@pytest.mark.parametrize("tiny", [1e-320, -1e-320, 5e-324, 1e-308])
def test_a_subnormal_weight_draws_the_line_of_a_zero_weight_without_a_warning(tiny):
    # w1 = tiny: the line 0.5 x2 + 0.3 = 0 (x2 = -0.6) to within 1e-300, as for w1 = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        seg = line_segment((tiny, 0.5), 0.3)
        head = arrow((tiny, 0.5), 0.3)
        assert line_segment((0.5, tiny), 0.3) == ((-0.6, -6.0), (-0.6, 6.0))  # x1 = -0.6
    assert seg == line_segment((0.0, 0.5), 0.3) == ((6.0, -0.6), (-6.0, -0.6))
    (foot, tip, heading), (foot0, tip0, heading0) = head, arrow((0.0, 0.5), 0.3)
    assert foot == pytest.approx(foot0, abs=1e-300) and tip == pytest.approx(tip0, abs=1e-300)
    assert heading == pytest.approx(heading0, abs=1e-300)
    # off the square along the other axis: no line, as for a zero weight
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert line_segment((tiny, 0.5), 4.0) is None is line_segment((0.0, 0.5), 4.0)
