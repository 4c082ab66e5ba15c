"""Quarto cell options: the `#| key: value` lines (YAML) at the top of a code cell."""

from __future__ import annotations

from typing import Any

import yaml

OPTION_PREFIX = "#|"


def cell_options(source: str) -> dict[str, Any]:
    """The options of a code cell, read as Quarto reads them (leading `#|` lines as YAML).

    Raises ValueError when the option lines are not a YAML mapping.
    """
    lines = []
    for line in source.splitlines():
        if not line.startswith(OPTION_PREFIX):
            break
        lines.append(line[len(OPTION_PREFIX) :].removeprefix(" "))
    if not lines:
        return {}
    try:
        options = yaml.safe_load("\n".join(lines))
    except yaml.YAMLError as err:
        raise ValueError(f"cell options are not valid YAML: {err}") from err
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise ValueError(f"cell options must be 'key: value' lines, not {options!r}")
    return options
