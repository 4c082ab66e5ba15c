# %% [markdown]
# # Ontwikkeling in de tijd {#sec-trend}
#
# Het AKO volgt de invoering van integrale dienstverlening per tertaal: Tabel 3 van de
# tertaalrapportage (3e tertaal 2009, §3.4.1) geeft de gemiddelde Landkaart-score van
# april 2008 tot december 2009. Dit hoofdstuk herberekent die reeks uit de
# Landkaart-antwoorden van elk beschikbaar tertaal tot en met het rapporttertaal, kijkt
# per fase en per Werkplein hoe de scores veranderen en schat wanneer het gemiddelde
# 100 % zou bereiken als de ontwikkeling zo doorgaat.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.trend import compute, plots, text, text_tables
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
# gemiddelde naast de waarde in Tabel 3 van het AKO, met het aantal Werkpleinen en lege
# antwoorden.

# %%
#| label: tbl-tabel3
#| tbl-cap: "Gemiddelde score per tertaal: berekend en gepubliceerd (AKO Tabel 3)"
display.table(text_tables.tabel3_display(h))

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
#| label: fig-trend
#| fig-cap: "Gemiddelde score per tertaal, totaal en per fase (exacte gemiddelden)"
display.figure(plots.trend_lines(h))

# %%
#| label: tbl-fasen-trend
#| tbl-cap: "Gemiddelde score per fase en tertaal"
display.table(text_tables.phase_means_display(h))

# %% [markdown]
# ## Trend en projectie
#
# Hoe lang duurt het nog tot alle Werkpleinen klaar zijn? Twee eenvoudige modellen geven
# een antwoord. Een *rechte lijn* neemt aan dat het gemiddelde elk tertaal evenveel
# stijgt; zij loopt ooit door 100 % heen. Een *verzadigende curve* neemt aan dat elk
# tertaal een vast deel van de resterende afstand tot 100 % wordt overbrugd; die nadert
# 100 % alleen, dus daarvoor staat hier wanneer 95 % en 99 % worden bereikt. Een
# projectie wordt uitgedrukt als het eerste tertaal aan het eind waarvan de trend het
# doel heeft bereikt.

# %%
#| output: asis
Markdown(text.projection_sentence(h, figure_ref="@fig-projectie"))

# %%
#| label: fig-projectie
#| fig-cap: "Gemiddelde score, twee trends met 95%-band en de projecties (balk: 95%-interval)"
fig = plots.projection(h)  # None with one tertaal: nothing to show
display.figure(fig) if fig is not None else None

# %% [markdown]
# ## Verandering per Werkplein
#
# Een Werkplein gaat *vooruit* als zijn totaalscore (exact, niet afgekapt) hoger is dan
# in het tertaal waarmee wordt vergeleken, *achteruit* als die lager is en blijft
# *gelijk* als die precies gelijk is. @tbl-verandering-vorig vergelijkt elk tertaal met
# het tertaal ervoor, @tbl-verandering-eerste met het eerste beschikbare tertaal.

# %%
#| label: tbl-verandering-vorig
#| tbl-cap: "Aantal Werkpleinen dat vooruit- of achteruitging sinds het vorige tertaal"
display.table(text_tables.change_display(h, "previous"))

# %%
#| label: tbl-verandering-eerste
#| tbl-cap: "Aantal Werkpleinen dat vooruit- of achteruitging sinds het eerste tertaal"
display.table(text_tables.change_display(h, "first"))

# %%
#| output: asis
Markdown(text.change_sentence(h) + '\n' + text.progress_sentence(h))

# %% [markdown]
# De tekst van §3.4.1 noemt enkele veranderingen die met meer dan één tertaal na te
# rekenen zijn. @tbl-beweringen-trend zet ze naast de berekende waarden.

# %%
#| label: tbl-beweringen-trend
#| tbl-cap: "Beweringen over de ontwikkeling in §3.4.1, nagerekend"
display.table(text_tables.claims_display(h))

# %% [markdown]
# ## Verdeling van de totaalscores
#
# Een gemiddelde zegt niet alles: @fig-verdeling toont links de spreiding van de
# totaalscores per tertaal (doos: middelste helft, streep: mediaan, ruit: gemiddelde) en
# rechts het aandeel Werkpleinen per band van de Landkaart. @tbl-banden geeft de aantallen.

# %%
#| label: fig-verdeling
#| fig-cap: "Totaalscores van de Werkpleinen per tertaal en hun verdeling over de banden"
display.figure(plots.distribution(h))

# %%
#| label: tbl-banden
#| tbl-cap: "Aantal Werkpleinen per band van de totaalscore, per tertaal"
display.table(text_tables.band_display(h))

# %% [markdown]
# ## Achterblijvers
#
# @tbl-achterblijvers noemt de Werkpleinen die in het laatste tertaal het laagst scoren
# of sinds het eerste tertaal het minst zijn opgeschoten, met hun totaalscore per
# tertaal.

# %%
#| output: asis
Markdown(text.laggards_sentence(h))

# %%
#| label: tbl-achterblijvers
#| tbl-cap: "Werkpleinen met de laagste score of de minste voortgang (totaalscore in %)"
display.table(text_tables.laggards_display(h))
