"""An axis ends at a round number at or above the data, for every value a plan can give."""

import math

from econplan.desktop.charts import nice_ceiling
from hypothesis import given
from hypothesis import strategies as st


@given(st.floats(min_value=0.0, exclude_min=True, allow_infinity=False, allow_nan=False))
def test_the_ceiling_is_finite_and_at_or_above_the_value(value):
    ceiling = nice_ceiling(value)
    assert math.isfinite(ceiling)
    assert ceiling >= value * (1 - 1e-12)
    assert ceiling <= 10 * value or ceiling == value


def test_round_values_and_the_ends_of_the_float_range():
    assert nice_ceiling(7.3) == 8.0
    assert nice_ceiling(1_100) == 1_200
    assert nice_ceiling(5e-324) == 5e-324  # subnormal: no power of ten below it
    assert nice_ceiling(1.7e308) == 1.7e308  # the next step would overflow
    assert nice_ceiling(0) == nice_ceiling(-3) == nice_ceiling(math.inf) == 1.0


@given(st.floats(-30, 30, allow_nan=False), st.floats(0, 10, allow_nan=False),
       st.sampled_from([0.25, 0.5, 1.0]))
def test_a_snapped_range_holds_the_data_and_ends_on_steps(low, width, step):
    from econplan.desktop.charts import snapped_out

    high = low + width
    start, end = snapped_out(low, high, step)
    assert start <= low and end >= high
    assert end - start <= width + 2 * step
    for edge in (start, end):
        assert math.isclose(edge / step, round(edge / step), abs_tol=1e-9)
