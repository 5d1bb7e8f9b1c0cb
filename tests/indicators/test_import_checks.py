"""The import's quick check of a good row gives what the full check gives, and every other row
still goes through the full check, with its words; the cycle collector is back on after."""

import gc

import pytest

from indicators import importing, reading

from .test_import import csv_bytes

HEADER = "indicator;period;group;value;status;note\n"
ROWS = (
    "brott-bostadsinbrott;2021;alla;100;slutlig;Påhittat exempelvärde",  # unchanged
    "brott-bostadsinbrott;2022;alla;95;Slutlig;",  # a change of status and note
    "tm-fortkorning;2021;alla;2,35;;",  # blank status: final
    "tm-fortkorning;2020;alla;1 234,5;preliminär;",  # out of the scale 0–6
    "tm-fortkorning;2019;alla;2.02;PRELIMINÄR;ny",  # a change
    "brott-skadegorelse;2014;alla;240;;tidig",  # a new year, made by the full check
    "brott-bostadsinbrott;2014;alla;170;;",  # the same new year, found by the quick check
    "brott-skadegorelse;2013;alla;241;;",  # another new year
    "brott-bostadsinbrott;2021;alla;101;;",  # repeats the first row
    "brott-bostadsinbrott;2021;ak9;100;;",  # a group the indicator is not broken down by
    "brott-bostadsinbrott;2021;ingen;100;;",  # no such group
    "okänd;2021;alla;1;;",  # no such indicator
    ";2021;alla;1;;",  # no indicator
    "brott-skadegorelse;2021;alla;188;kanske;",  # no such status
    "brott-skadegorelse;2020;alla;1,234;;",  # three decimals
    "fhe-tobak;2016;ak9;14,0;slutlig;" + "x" * 301,  # a note too long
    "fhe-tobak;2021;ak9;9,5;;",  # unchanged
    "fhe-tobak;2019;ak9;9,5;;",  # no such wave
    "tm-otrygghet;2021;alla;24,2;slutlig;'=1+1",  # an exported formula-like note
)


def preview(monkeypatch, quick):
    """The preview of ROWS, and the rows the quick check gave a line for."""
    rows = reading.read_file("a.csv", csv_bytes(*ROWS, header=HEADER)).rows
    good_line, passed = importing._good_line, []

    def spy(row, catalogue, numbers):
        line = good_line(row, catalogue, numbers) if quick else None
        if line is not None:
            passed.append(row["row"])
        return line

    monkeypatch.setattr(importing, "_good_line", spy)
    return importing.preview_rows(rows), passed


def described(result):
    def line(line):
        existing = line.existing.pk if line.existing else None
        period = (line.period.pk, line.period.source_id, line.period.label, line.period.kind)
        fields = (line.indicator.pk, period, line.group.pk, line.value, line.status, line.note)
        return (line.row, *fields, existing)

    return {
        "added": [line(each) for each in result.added],
        "changed": [line(each) for each in result.changed],
        "unchanged": [line(each) for each in result.unchanged],
        "problems": [str(problem) for problem in result.problems],
        "new periods": [(p.source_id, p.label, p.year) for p in result.new_periods],
        "fingerprint": result.fingerprint(),
    }


def test_the_quick_check_gives_what_the_full_check_gives(demo_values, monkeypatch):
    result, passed = preview(monkeypatch, quick=True)
    quick = described(result)
    assert passed == [2, 3, 4, 6, 8, 10, 18, 20]  # 10 repeats 2: a problem after the check
    full, passed = preview(monkeypatch, quick=False)
    assert passed == []
    assert described(full) == quick
    assert [row for row, *_ in quick["added"]] == [7, 8, 9]
    assert [row for row, *_ in quick["changed"]] == [3, 4, 6, 18, 20]
    assert [row for row, *_ in quick["unchanged"]] == [2]
    assert [(label, year) for _source, label, year in quick["new periods"]] == [
        ("2014", 2014),
        ("2013", 2013),
    ]
    assert [problem.split(":")[0] for problem in quick["problems"]] == [
        "Rad 5, kolumn value",
        "Rad 10",
        "Rad 11, kolumn group",
        "Rad 12, kolumn group",
        "Rad 13, kolumn indicator",
        "Rad 14, kolumn indicator",
        "Rad 15, kolumn status",
        "Rad 16, kolumn value",
        "Rad 17, kolumn note",
        "Rad 19, kolumn period",
    ]


@pytest.mark.parametrize("fails", [False, True])
def test_the_collector_is_back_on_after(fails):
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError) if fails else _nothing():
        with reading.collector_paused():
            assert not gc.isenabled()
            with reading.collector_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
            if fails:
                1 / 0  # noqa: B018
    assert gc.isenabled()


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
