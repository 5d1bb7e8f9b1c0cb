"""What a round's answers add up to, per area and factor: how many of each level, the highest
and the typical one. Fewer than MIN_ANSWERS answers say nothing about a place and too much about
a person, so such a cell shows no level."""

from dataclasses import dataclass

from django.db.models import Count

from meetings.models import Level

from .models import Answer, CellTally

MIN_ANSWERS = 3
LEVELS = tuple(Level)


@dataclass(frozen=True)
class Tally:
    counts: tuple = (0, 0, 0, 0)  # answers per level, in the order of Level
    unknown: int = 0  # "vet ej"

    @property
    def answered(self):
        return sum(self.counts)

    @property
    def too_few(self):
        return self.answered < MIN_ANSWERS

    @property
    def highest(self):
        if self.too_few:
            return None
        return max(level for level, n in zip(LEVELS, self.counts, strict=True) if n)

    @property
    def typical(self):
        """The median level (the lower of the two middle ones when the count is even)."""
        if self.too_few:
            return None
        middle = (self.answered - 1) // 2
        for level, n in zip(LEVELS, self.counts, strict=True):
            if middle < n:
                return level
            middle -= n
        raise AssertionError("unreachable: the counts add up to `answered`")


def tally(levels):
    """A Tally of individual answers (a Level, or None for "vet ej")."""
    counts = [0] * len(LEVELS)
    unknown = 0
    for level in levels:
        if level is None:
            unknown += 1
        else:
            counts[level] += 1
    return Tally(tuple(counts), unknown)


def round_tallies(rounds):
    """{round id: {(area id, factor id): Tally}} for `rounds`: from the raw answers where they
    are still kept, from the stored tallies where they have been deleted. Two queries."""
    ids = [r.pk for r in rounds]
    counts = {}
    raw = (
        Answer.objects.filter(invitation__round__in=ids)
        .values_list("invitation__round", "area", "factor", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for round_id, area_id, factor_id, level, n in raw:
        cell = counts.setdefault(round_id, {}).setdefault((area_id, factor_id), [0] * 5)
        cell[4 if level is None else level] += n
    result = {
        round_id: {key: Tally(tuple(c[:4]), c[4]) for key, c in cells.items()}
        for round_id, cells in counts.items()
    }
    for t in CellTally.objects.filter(round__in=ids, round__purged_at__isnull=False):
        result.setdefault(t.round_id, {})[(t.area_id, t.factor_id)] = Tally(t.counts, t.unknown)
    return result


def store_tallies(round):
    """Write the round's CellTally rows from its raw answers, so its figures outlive them.
    Called before the answers are deleted (while `purged_at` is still empty)."""
    cells = round_tallies([round]).get(round.pk, {})
    CellTally.objects.filter(round=round).delete()
    CellTally.objects.bulk_create(
        CellTally(
            round=round,
            area_id=area_id,
            factor_id=factor_id,
            **dict(zip(("none", "low", "elevated", "high"), cell.counts, strict=True)),
            unknown=cell.unknown,
        )
        for (area_id, factor_id), cell in cells.items()
    )
