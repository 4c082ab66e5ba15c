"""One A4 factsheet per Werkplein: `analysis factsheets --period P [--location ID]`.

Not a report chapter: one pass over a period's validated Landkaart answers (the same inputs
and the same `study.scoring` rules as the report) fills one Typst template per location.

- `compute`: the numbers of one sheet (the location's own answers and scores, national
  aggregates only: nothing of any other single location); no Dutch, no drawing;
- `inspection`: the period's inspection judgements (`ingest.inspectie`), when
  `data/raw/inspectie/<period>/` holds a file; only judgements, never remarks;
- `text`: every Dutch word on a sheet and in the index, as JSON-ready values;
- `write`: the Typst compile per sheet (one compiler, fonts loaded once), `index.html`, and
  the all-or-nothing write of `reports/<period>/factsheets/`.

The figures (answer strip, score histogram, phase bars, path) are drawn natively by the
template `templates/factsheet.typ`, which gets all data and words as one JSON string: input
text reaches the PDF as text, never as markup.
"""
