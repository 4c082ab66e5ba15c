"""Study-specific modules: the SUWI-Landkaart codebook and scoring, the published tables and
their verdicts, survey waves and the Toonkamer pilots. Between the generic core and ingest."""
