"""Disclosure control for published tables: primary and secondary cell suppression.

Pure Python (no Django), like `lotse.legal`: the open statistics and their property-based
tests use it without a database.

A table is published with its row totals, column totals and grand total. Seen together they
form a grid one row and one column larger than the table ("the augmented grid"); every row and
every column of that grid is one linear equation an outsider knows: the inner cells add up to
the margin. A cell below the threshold (but not zero: an empty cell reveals no one) is
suppressed — that is primary suppression, margins included, since a row total of 2 is as
telling as a cell of 2.

Suppressing a cell is not enough when the equations give it back: a lone suppressed cell in a
row is its total minus the rest. The German statistical offices' rule is secondary suppression:
hide more cells until none of the hidden ones can be recomputed. Read the suppressed cells as
the edges of a bipartite graph between the grid's rows and columns. A hidden cell can be
recomputed exactly when it is a bridge of that graph (it lies on no cycle): moving values
around a cycle (+1, −1, +1, … — the signs close for every cycle of this grid) keeps every
equation true, so a cell on a cycle has at least two values consistent with what is published.
Every hidden cell is at least 1 (zeros are never hidden), so a shift by one in either direction
keeps all of them non-negative: the ambiguity holds over non-negative whole numbers too.

The algorithm puts each bridge on a cycle by hiding the cheapest rectangle through it (the
smallest sum of the cells it must add, zeros excluded); the rectangle through the row's and
column's totals and the grand total always exists, so it ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

SUPPRESSED_SIGN = "."  # the German statistical offices' sign for "kept secret"
DEFAULT_THRESHOLD = 3

Cell = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ProtectedTable:
    """The augmented grid: `values[i][j]` for i < rows and j < columns are the table's cells,
    column `columns` holds the row totals, row `rows` the column totals and the corner the grand
    total. `primary` failed the threshold; `secondary` were hidden to protect them."""

    values: tuple[tuple[int, ...], ...]
    primary: frozenset[Cell]
    secondary: frozenset[Cell]
    threshold: int

    @property
    def rows(self) -> int:
        return len(self.values) - 1

    @property
    def columns(self) -> int:
        return len(self.values[0]) - 1

    @property
    def suppressed(self) -> frozenset[Cell]:
        return self.primary | self.secondary

    def shown(self, row: int, column: int) -> int | str:
        """What is published in a cell: its number, or the sign for a suppressed one."""
        if (row, column) in self.suppressed:
            return SUPPRESSED_SIGN
        return self.values[row][column]

    def published(self) -> list[list[int | str]]:
        return [[self.shown(i, j) for j in range(self.columns + 1)] for i in range(self.rows + 1)]


def protect(table: Sequence[Sequence[int]], threshold: int = DEFAULT_THRESHOLD) -> ProtectedTable:
    """Suppress the cells of `table` (rows of non-negative counts, all of one length) that are
    below `threshold`, and as many more as keep each of them from being recomputed."""
    if threshold < 1:
        raise ValueError("The threshold must be at least 1.")
    if not table or not table[0]:
        raise ValueError("A table needs at least one row and one column.")
    width = len(table[0])
    if any(len(row) != width for row in table):
        raise ValueError("Every row of a table needs the same number of cells.")
    if any(value < 0 for row in table for value in row):
        raise ValueError("A table of counts holds no negative numbers.")

    grid = _augmented(table)
    primary = frozenset(
        (i, j) for i, row in enumerate(grid) for j, value in enumerate(row) if 0 < value < threshold
    )
    hidden = set(primary)
    while bridge := _first_bridge(hidden):
        hidden |= _cheapest_rectangle(grid, hidden, bridge)
    return ProtectedTable(
        values=tuple(tuple(row) for row in grid),
        primary=primary,
        secondary=frozenset(hidden - primary),
        threshold=threshold,
    )


def _augmented(table: Sequence[Sequence[int]]) -> list[list[int]]:
    rows = [[*row, sum(row)] for row in table]
    totals = [sum(column) for column in zip(*rows, strict=True)]
    return [*rows, totals]


def _first_bridge(hidden: set[Cell]) -> Cell | None:
    for cell in sorted(hidden):
        if not _on_cycle(hidden, cell):
            return cell
    return None


def _on_cycle(hidden: set[Cell], cell: Cell) -> bool:
    """Whether the row and column of `cell` stay connected through the other hidden cells."""
    start, goal = ("row", cell[0]), ("column", cell[1])
    seen = {start}
    frontier = [start]
    while frontier:
        kind, index = frontier.pop()
        for i, j in hidden:
            if (i, j) == cell:
                continue
            if kind == "row" and i == index:
                neighbour = ("column", j)
            elif kind == "column" and j == index:
                neighbour = ("row", i)
            else:
                continue
            if neighbour == goal:
                return True
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append(neighbour)
    return False


def _cheapest_rectangle(grid: list[list[int]], hidden: set[Cell], cell: Cell) -> set[Cell]:
    """The cells to hide so that `cell` lies on a rectangle of hidden cells: the one adding the
    smallest sum, then the fewest cells, then the first in reading order. Zeros are never
    hidden: a hidden zero could only grow, which tells an outsider which way the others move."""
    row, column = cell
    best: tuple[int, int, tuple[Cell, ...]] | None = None
    for other_row, other_column in product(range(len(grid)), range(len(grid[0]))):
        if other_row == row or other_column == column:
            continue
        corners = ((row, other_column), (other_row, column), (other_row, other_column))
        added = tuple(c for c in corners if c not in hidden)
        if any(grid[i][j] == 0 for i, j in added):
            continue
        candidate = (sum(grid[i][j] for i, j in added), len(added), added)
        if best is None or candidate < best:
            best = candidate
    if best is None:  # the margins' rectangle holds no zero when the cell is not zero
        raise AssertionError(f"no rectangle protects cell {cell}")
    return set(best[2])
