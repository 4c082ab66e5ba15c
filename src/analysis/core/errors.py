"""The one error type users see: bad input, located by file, row and column.

Input text in a message is quoted with `quote`: at most `QUOTE` characters of it, so that a
message never echoes a whole hostile cell, name or option. `InputError` shortens the column
and file name it prints the same way, and a message longer than `MAX_MESSAGE` characters.
"""

from __future__ import annotations

from pathlib import Path

QUOTE = 80  # characters of input text a message may quote
MAX_MESSAGE = 600  # characters of a message (the quoted parts included)


def shorten(text: object, limit: int = QUOTE) -> str:
    """`text` as a string of at most about `limit` characters (the rest elided and counted)."""
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(text):,} characters)".replace(",", ".")


def quote(text: object, limit: int = QUOTE) -> str:
    """Input text quoted for a message: `'abc'`; longer than `limit` characters it is cut:
    `'abcd…' (100.000 characters)`."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit - 1] + '…'!r} ({len(text):,} characters)".replace(",", ".")


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
        file = self.file
        if len(file.name) > QUOTE:  # a file name is input text too
            file = file.with_name(shorten(file.name))
        where = [str(file)]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {quote(self.column)}")
        return f"{', '.join(where)}: {shorten(self.message, MAX_MESSAGE)}"


def _input_error(file: Path, message: str, row: int | None, column: str | None) -> InputError:
    return InputError(file, message, row=row, column=column)
