"""The study's defaults, in a module that imports no third-party package.

The command line reads them at start-up; a run with nothing changed then never loads pandas.
"""

from __future__ import annotations

from analysis.core.periods import Period

PUBLISHED_PERIOD = Period(2009, 3)  # the period of the AKO report (seed 003): the default run
DEFAULT_RULE = "ako-2009"  # the scoring rule that reproduces AKO Tabel 1 and 2
DEFAULT_SEED = 20091231  # of the synthetic Landkaart exports
