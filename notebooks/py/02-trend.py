# %% [markdown]
# # Ontwikkeling in de tijd {#sec-trend}
#
# Het AKO volgt de invoering van integrale dienstverlening per tertaal: Tabel 3 van de
# tertaalrapportage (3e tertaal 2009, §3.4.1) geeft de gemiddelde Landkaart-score van
# april 2008 tot december 2009. Dit hoofdstuk zet die reeks naast de gemiddelden die uit
# de Landkaart-antwoorden van elk beschikbaar tertaal volgen, kijkt per fase en per
# Werkplein hoe de scores veranderen en schat met twee trends wanneer het gemiddelde
# 100 % zou bereiken als de ontwikkeling zo doorgaat.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.trend import compute, plots, text, text_projection, text_tables
from analysis.core import display

h = compute.load(period, scoring_rule, root)

# %%
#| output: asis
Markdown(text.data_note(h) + text.single_period_note(h))

# %% [markdown]
# ## Gemiddelde score per tertaal
#
# De gemiddelde score van een tertaal is het gemiddelde van de totaalscores van de
# Werkpleinen; de totaalscore van een Werkplein is het gemiddelde over zijn beantwoorde
# mijlpalen. Lege antwoorden tellen als 'onbekend' en blijven buiten elk gemiddelde.
# @tbl-tabel3 zet per tertaal het exacte en het volgens de rekenregel afgekapte
# gemiddelde naast de waarde in Tabel 3 van het AKO, met het aantal Werkpleinen, de lege
# antwoorden en het oordeel over elke gepubliceerde waarde.

# %%
#| output: asis
display.table(
    text_tables.tabel3_display(h),
    label="tbl-tabel3",
    data="tabel-3-backtest",
    caption=text.caption(h, "tbl-tabel3"),
)

# %%
#| output: asis
Markdown(text.tabel3_sentence(h))

# %% [markdown]
# ## Per fase
#
# @fig-trend volgt het gemiddelde en de zes fasen door de tijd; de rode kruisjes zijn
# de gepubliceerde waarden uit Tabel 3. @tbl-fasen-trend geeft de gemiddelden per fase
# in hele procenten, in de volgorde van de fasen op de Landkaart.

# %%
#| output: asis
display.figure(
    plots.trend_lines(h),
    label="fig-trend",
    data="means",
    caption=text.caption(h, "fig-trend"),
    alt=text.alt(h, "fig-trend"),
)

# %%
#| output: asis
display.table(
    text_tables.phase_means_display(h),
    label="tbl-fasen-trend",
    data="means",
    caption=text.caption(h, "tbl-fasen-trend"),
)

# %% [markdown]
# ## Trend en projectie
#
# Hoe lang duurt het nog tot alle Werkpleinen klaar zijn? Twee eenvoudige modellen geven
# een antwoord. Een *rechte lijn* neemt aan dat het gemiddelde elk tertaal evenveel
# stijgt. Een *verzadigende curve* neemt aan dat elk tertaal een vast deel van de
# resterende afstand tot 100 % wordt overbrugd.

# %%
#| output: asis
Markdown(text_projection.method_text(h))

# %%
#| output: asis
Markdown(
    text_projection.projection_sentence(h, figure_ref="@fig-projectie", table_ref="@tbl-projecties")
)

# %%
#| output: asis
fig = plots.projection(h)  # None without two tertalen of real data: nothing to show
display.figure(
    fig,
    label="fig-projectie",
    data="real-series",
    caption=text_projection.caption(h),
    alt=text_projection.alt(h),
) if fig is not None else None

# %%
#| output: asis
table = text_tables.projections_display(h)
display.table(
    table,
    label="tbl-projecties",
    data="crossings",
    caption=text_projection.table_caption(h),
) if len(table) else None

# %% [markdown]
# ### Projecties en beleidsdata

# %%
#| output: asis
Markdown(text_projection.policy_sentence(h))

# %% [markdown]
# ## Verandering per Werkplein
#
# Een Werkplein gaat *vooruit* als zijn totaalscore (exact, niet afgekapt) hoger is dan
# in het tertaal waarmee wordt vergeleken, *achteruit* als die lager is en blijft
# *gelijk* als die precies gelijk is. @tbl-verandering-vorig vergelijkt elk tertaal met
# het tertaal ervoor, @tbl-verandering-eerste met het eerste beschikbare tertaal.

# %%
#| output: asis
display.table(
    text_tables.change_display(h, "previous"),
    label="tbl-verandering-vorig",
    data="changes",
    caption=text.caption(h, "tbl-verandering-vorig"),
)

# %%
#| output: asis
display.table(
    text_tables.change_display(h, "first"),
    label="tbl-verandering-eerste",
    data="changes",
    caption=text.caption(h, "tbl-verandering-eerste"),
)

# %%
#| output: asis
Markdown(text.change_sentence(h) + "\n" + text.progress_sentence(h))

# %% [markdown]
# De tekst van §3.4.1 noemt enkele veranderingen die met meer dan één tertaal na te
# rekenen zijn. @tbl-beweringen-trend zet ze naast de berekende waarden, met het oordeel
# over elke bewering.

# %%
#| output: asis
display.table(
    text_tables.claims_display(h),
    label="tbl-beweringen-trend",
    data="claims",
    caption=text.caption(h, "tbl-beweringen-trend"),
)

# %% [markdown]
# ## Verdeling van de totaalscores
#
# Een gemiddelde zegt niet alles: @fig-verdeling toont links de spreiding van de
# totaalscores per tertaal (doos: middelste helft, streep: mediaan, ruit: gemiddelde) en
# rechts het aandeel Werkpleinen per band van de Landkaart. @tbl-banden geeft de aantallen.

# %%
#| output: asis
display.figure(
    plots.distribution(h),
    label="fig-verdeling",
    data="bands",
    caption=text.caption(h, "fig-verdeling"),
    alt=text.alt(h, "fig-verdeling"),
)

# %%
#| output: asis
display.table(
    text_tables.band_display(h),
    label="tbl-banden",
    data="bands",
    caption=text.caption(h, "tbl-banden"),
)

# %% [markdown]
# ## Achterblijvers

# %%
#| output: asis
Markdown(text.laggards_sentence(h))

# %%
#| output: asis
display.table(
    text_tables.laggards_display(h),
    label="tbl-achterblijvers",
    data="laggards",
    caption=text.caption(h, "tbl-achterblijvers"),
)
