"""The one error type users see: bad input, located by file, row and column."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input data. The CLI prints it as one line and exits with code 2.

    `row` is the 1-based line number in the file as a user sees it in an editor or
    spreadsheet (the header is line 1); `column` is the column name as written in the file.
    """

    def __init__(
        self,
        file: Path | str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = Path(file)
        self.row = row
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):
        """Picklable (a forked worker sends it to the parent as it is)."""
        return (_input_error, (self.file, self.message, self.row, self.column))

    def __str__(self) -> str:
        where = [str(self.file)]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


def _input_error(file: Path, message: str, row: int | None, column: str | None) -> InputError:
    return InputError(file, message, row=row, column=column)
