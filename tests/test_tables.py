"""Reading CSV tables: each row comes with the physical line it starts on, and each row of
another width is reported on its line, whatever the line ends, blank lines and line
breaks inside quoted cells; the csv module is the reference."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from checker.schema import Column, TableSchema
from checker.tables import parse

SCHEMA = TableSchema("test", (Column("a", True), Column("b", True), Column("c", True)))
CELL = st.text(alphabet='ab ,"\n', max_size=6)
ROW = st.one_of(
    st.tuples(CELL, CELL, CELL).map(list),  # a row of the header's width
    st.just(None),  # an empty line
    st.just(["   "]),  # a line of spaces alone
    st.lists(CELL, min_size=1, max_size=5).filter(lambda row: len(row) != 3),  # another width
)


def _written(rows, ending):
    """The table's bytes, and per row its first physical line and whether it is blank."""
    buffer = io.StringIO()
    buffer.write("a,b,c" + ending)
    starts, blank, line = [], [], 2
    for row in rows:
        starts.append(line)
        if row is None:
            text = ending
        elif row == ["   "]:
            text = "   " + ending
        else:
            inner = io.StringIO()
            csv.writer(inner, lineterminator=ending).writerow(row)
            text = inner.getvalue()
        buffer.write(text)
        blank.append(not text.strip())
        line += text.count("\n") if ending.endswith("\n") else text.count("\r")
    return buffer.getvalue().encode("utf-8"), starts, blank


@given(st.lists(ROW, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_rows_come_with_their_lines_and_other_widths_are_reported(rows, ending):
    data, starts, blank = _written(rows, ending)
    parsed = parse(data, "t.csv", SCHEMA)
    # A blank line (empty, or spaces alone) is no row; every other line is a row, kept when
    # it has the header's width and reported on its first line when it has not.
    rows_kept = [(row, line) for row, line, empty in zip(rows, starts, blank) if not empty]
    kept = [(row, line) for row, line in rows_kept if len(row) == 3]
    other = [line for row, line in rows_kept if len(row) != 3]
    reported = sorted(problem.line for problem in parsed.problems if "fields where the header has 3" in problem.message)
    assert reported == other
    assert parsed.lines.tolist() == [line for _, line in kept]
    table = parsed.table
    assert table is not None or not kept
    if table is not None:
        cells = [list(values) for values in zip(*(table.column(name).to_pylist() for name in ("a", "b", "c")))]
        expected = [[cell.replace("\r\n", "\n") for cell in row] for row, _ in kept]
        assert [[cell.replace("\r\n", "\n") for cell in row] for row in cells] == expected
