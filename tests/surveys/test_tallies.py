"""A round's figures per cell: the typical and highest level, and no level from too few answers."""

from meetings.models import Level
from surveys.tallies import tally

N, L, E, H = Level.NONE, Level.LOW, Level.ELEVATED, Level.HIGH


def test_typical_is_the_median_and_highest_the_top_level():
    cell = tally([N, L, L, E, H, None])
    assert cell.counts == (1, 2, 1, 1)
    assert cell.unknown == 1
    assert cell.answered == 5
    assert cell.typical == L
    assert cell.highest == H


def test_an_even_count_takes_the_lower_middle_level():
    assert tally([L, L, H, H]).typical == L


def test_fewer_than_three_answers_show_no_level():
    cell = tally([H, H, None, None, None])
    assert cell.too_few
    assert cell.typical is None
    assert cell.highest is None


def test_three_answers_are_enough():
    cell = tally([E, E, N])
    assert not cell.too_few
    assert (cell.typical, cell.highest) == (E, E)
