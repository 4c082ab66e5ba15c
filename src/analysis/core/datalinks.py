"""The marker by which a table or figure in a notebook names its chapter's tidy table.

``display.table(df, data="phases")`` ends the table's Markdown with the HTML comment
``<!-- tidy-data: phases -->`` (invisible in Jupyter and in the PDF). The renderer
(`analysis.render.downloads`) reads the chapter from the notebook's name
(``NN-<chapter>.ipynb``) and, in the HTML report, turns the marker into a link that
downloads ``reports/<period>/tables/<chapter>-phases.csv``, embedded in the page.
"""

from __future__ import annotations

import re

_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # a tidy table's name (kebab-case, as core.tables)
MARKER = re.compile(rf"<!-- tidy-data: (?P<name>{_NAME}) -->")


def marker(name: str) -> str:
    """The marker naming the chapter's tidy table `name` ('phases', 'rule-fit')."""
    if not re.fullmatch(_NAME, name):
        raise ValueError(f"a tidy table's name is kebab-case ('rule-fit'), not {name!r}")
    return f"<!-- tidy-data: {name} -->"
