# %% [markdown]
# # De SUWI-Landkaart {#sec-landkaart}
#
# Op de SUWI-Landkaart geeft elk Werkplein zelf aan hoe ver het is met de invoering van
# integrale dienstverlening. Het instrument kent zes fasen met samen veertien mijlpalen; per
# mijlpaal kiest de locatie een van vier antwoorden, elk met een eigen kleur
# (IWI 2008, Bijlage 1). Dit hoofdstuk herberekent met die antwoorden de scoreverdeling per
# fase en per mijlpaal uit de AKO-tertaalrapportage (3e tertaal 2009, §3.4.1, Tabel 1 en 2).

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.landkaart import compute, plots, text
from analysis.core import display

lk = compute.load(period, scoring_rule, root)

# %%
#| output: asis
Markdown(text.data_note(lk))

# %% [markdown]
# ## Fasen, mijlpalen en antwoordcategorieën
#
# @tbl-mijlpalen geeft de fasen en mijlpalen, @tbl-categorieen de vier antwoordcategorieën.
# De AKO-tabellen noemen de mijlpalen in een andere volgorde dan hun nummers; de nummers hier
# volgen Bijlage 1 van het IWI-rapport.

# %%
#| label: tbl-mijlpalen
#| tbl-cap: "Fasen en mijlpalen van de SUWI-Landkaart (IWI 2008, Bijlage 1)"
display.table(text.codebook_table(lk.codebook))

# %%
#| label: tbl-categorieen
#| tbl-cap: "Antwoordcategorieën, kleuren, scorebanden en punten"
display.table(text.categories_table(lk.codebook))

# %% [markdown]
# ## Welke rekenregel gebruikte het AKO?
#
# Volgens de documentatie levert een mijlpaal 0, ⅓, ⅔ of 1 punt op. De gemiddelde scores in
# Tabel 2 van het AKO volgen die regel niet precies. @tbl-regels zet een aantal kandidaat-regels
# naast elkaar: hoeveel van de gepubliceerde gemiddelden reproduceert elke regel? Omdat de
# aantallen per categorie vastliggen, hangen de gemiddelden per mijlpaal alleen af van de regel,
# niet van de verdeling over de Werkpleinen.

# %%
#| label: tbl-regels
#| tbl-cap: "Kandidaat-rekenregels: aantal gereproduceerde gemiddelden uit Tabel 1 en 2"
fit = compute.rule_fit(lk)
display.table(text.rule_fit_display(fit))

# %%
#| output: asis
Markdown(text.rule_note(lk, fit))

# %% [markdown]
# ## Scoreverdeling per fase
#
# De score van een Werkplein op een fase is het gemiddelde van zijn mijlpalen in die fase; die
# score valt in een van de vier banden. De totaalrij doet hetzelfde over alle veertien
# mijlpalen. @tbl-fasen zet de berekende waarden naast Tabel 1 van het AKO.

# %%
#| label: tbl-fasen
#| tbl-cap: "Scoreverdeling per fase (voor 2009-T3: berekend / gepubliceerd in AKO Tabel 1)"
display.table(text.distribution_display(lk, "tabel-1"))

# %%
#| output: asis
Markdown(text.backtest_note(lk, "tabel-1"))

# %% [markdown]
# ## Scoreverdeling per mijlpaal
#
# @tbl-mijlpaalverdeling volgt de volgorde van Tabel 2 van het AKO; @fig-mijlpalen laat dezelfde
# verdeling zien in de kleuren van de Landkaart.

# %%
#| label: tbl-mijlpaalverdeling
#| tbl-cap: "Scoreverdeling per mijlpaal (voor 2009-T3: berekend / gepubliceerd in AKO Tabel 2)"
display.table(text.distribution_display(lk, "tabel-2"))

# %%
#| output: asis
Markdown(text.backtest_note(lk, "tabel-2"))

# %%
#| label: fig-mijlpalen
#| fig-cap: "Aandeel Werkpleinen per antwoordcategorie, per mijlpaal (volgorde van AKO Tabel 2)"
display.figure(plots.milestone_bars(lk.answers, lk.codebook))

# %% [markdown]
# ## Werkpleinen
#
# @fig-totaalscore toont hoe de totaalscores van de Werkpleinen verdeeld zijn, @fig-heatmap
# het antwoord van elk Werkplein op elke mijlpaal. De Werkpleinen staan daar gesorteerd op hun
# totaalscore; witte lijnen scheiden de fasen.

# %%
#| label: fig-totaalscore
#| fig-cap: "Verdeling van de totaalscore per Werkplein, gekleurd naar band"
display.figure(plots.score_histogram(lk.answers, lk.codebook, lk.rule))

# %%
#| label: fig-heatmap
#| fig-cap: "Antwoord per Werkplein en mijlpaal"
display.figure(plots.location_heatmap(lk.answers, lk.codebook, lk.rule))

# %% [markdown]
# ## Beweringen in de tekst
#
# De tekst van §3.4.1 noemt nog enkele getallen die uit dezelfde gegevens volgen.
# @tbl-beweringen rekent ze na.

# %%
#| label: tbl-beweringen
#| tbl-cap: "Getallen uit de tekst van §3.4.1, nagerekend"
display.table(text.claims_display(lk))
