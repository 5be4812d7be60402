"""Disclosure control: no suppressed cell can be recomputed from what is published.

The check is independent of the algorithm: exact Gaussian elimination over the published
equations (every row and column of the table adds up to its published total) decides whether
a hidden cell's value is fixed by them.
"""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.reporting.disclosure import SUPPRESSED_SIGN, protect


def _determined_cells(values: tuple[tuple[int, ...], ...], hidden: frozenset) -> set:
    """The hidden cells whose value the published equations fix (over the reals)."""
    rows, columns = len(values), len(values[0])
    unknowns = sorted(hidden)
    index = {cell: k for k, cell in enumerate(unknowns)}
    equations = []
    for line in [[(i, j) for j in range(columns)] for i in range(rows)] + [
        [(i, j) for i in range(rows)] for j in range(columns)
    ]:
        *inner, margin = line
        # inner cells minus the margin is zero; known values move to the right-hand side
        coefficients = [Fraction(0)] * len(unknowns)
        for cell, sign in [*((c, 1) for c in inner), (margin, -1)]:
            if cell in index:
                coefficients[index[cell]] += sign
        equations.append(coefficients)
    basis = _row_echelon(equations)
    determined = set()
    for cell, k in index.items():
        unit = [Fraction(int(n == k)) for n in range(len(unknowns))]
        if _rank(basis) == _rank([*basis, unit]):
            determined.add(cell)
    return determined


def _row_echelon(matrix: list[list[Fraction]]) -> list[list[Fraction]]:
    rows = [list(r) for r in matrix if any(r)]
    result = []
    column = 0
    width = len(rows[0]) if rows else 0
    while rows and column < width:
        pivot = next((r for r in rows if r[column] != 0), None)
        if pivot is None:
            column += 1
            continue
        rows.remove(pivot)
        rows = [
            [a - b * r[column] / pivot[column] for a, b in zip(r, pivot, strict=True)] for r in rows
        ]
        rows = [r for r in rows if any(r)]
        result.append(pivot)
        column += 1
    return result


def _rank(matrix: list[list[Fraction]]) -> int:
    return len(_row_echelon(matrix))


tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(
        st.lists(st.one_of(st.integers(0, 4), st.integers(0, 40)), min_size=width, max_size=width),
        min_size=1,
        max_size=5,
    )
)


@settings(max_examples=300, deadline=None)
@given(table=tables, threshold=st.integers(min_value=1, max_value=5))
def test_no_suppressed_cell_can_be_recomputed(table: list[list[int]], threshold: int) -> None:
    protected = protect(table, threshold)
    grid = protected.values
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if 0 < value < threshold:
                assert (i, j) in protected.primary
            if (i, j) in protected.suppressed:
                # a shift by one either way keeps every hidden cell non-negative
                assert value >= 1
    assert not _determined_cells(grid, protected.suppressed)


@settings(max_examples=100, deadline=None)
@given(table=tables)
def test_a_table_with_nothing_small_publishes_everything(table: list[list[int]]) -> None:
    big = [[value + 3 if value else 0 for value in row] for row in table]
    protected = protect(big)
    if all(total == 0 or total >= 3 for row in protected.values for total in row):
        assert not protected.suppressed


def test_a_lone_small_cell_takes_the_cheapest_rectangle_with_it() -> None:
    protected = protect([[2, 10, 7], [5, 30, 8], [9, 4, 6]])
    assert protected.primary == {(0, 0)}
    # 2 + 5 + 7 + 8 = the smallest sum of the cells that close a rectangle through (0, 0)
    assert protected.secondary == {(0, 2), (1, 0), (1, 2)}
    assert protected.published() == [
        [SUPPRESSED_SIGN, 10, SUPPRESSED_SIGN, 19],
        [SUPPRESSED_SIGN, 30, SUPPRESSED_SIGN, 43],
        [9, 4, 6, 19],
        [16, 44, 21, 81],
    ]


def test_zeros_are_published_and_never_hidden() -> None:
    protected = protect([[0, 1], [0, 9]])
    assert (0, 0) not in protected.suppressed
    assert (1, 0) not in protected.suppressed
    assert protected.shown(0, 1) == SUPPRESSED_SIGN


def test_a_small_total_is_suppressed_like_a_cell() -> None:
    protected = protect([[1, 1], [20, 30]])
    assert {(0, 0), (0, 1), (0, 2)} <= protected.primary


@pytest.mark.parametrize(
    ("table", "threshold", "message"),
    [
        ([], 3, "at least one row"),
        ([[1, 2], [3]], 3, "same number of cells"),
        ([[1, -2]], 3, "negative"),
        ([[1]], 0, "at least 1"),
    ],
)
def test_bad_tables_are_refused_with_a_reason(table, threshold, message) -> None:
    with pytest.raises(ValueError, match=message):
        protect(table, threshold)
