# %% [markdown]
# # De SUWI-Landkaart {#sec-landkaart}
#
# Op de SUWI-Landkaart geeft elk Werkplein zelf aan hoe ver het is met de invoering van
# integrale dienstverlening. Het instrument kent zes fasen met samen veertien mijlpalen; per
# mijlpaal kiest de locatie een van vier antwoorden, elk met een eigen kleur
# (IWI 2008, Bijlage 1). Dit hoofdstuk herberekent met die antwoorden de scoreverdeling per
# fase en per mijlpaal uit de AKO-tertaalrapportage (3e tertaal 2009, §3.4.1, Tabel 1 en 2).
#
# De Landkaart is een **zelfbeoordeling**: elk Werkplein kiest zijn eigen antwoorden. Volgens
# de IWI kwam haar beeld van de voortgang van de bezochte locaties 'op hoofdlijnen' overeen met
# dat op de Landkaart, maar waren er op alle mijlpalen interpretatieverschillen (IWI 2008,
# hoofdstuk 3 en 5). Ook exact herberekende cijfers zijn dus zo betrouwbaar als die
# zelfbeoordeling.

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
display.table(text.rule_fit_display(fit, lk.synthetic), data="rule-fit")

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
#| output: asis
display.table(
    text.distribution_display(lk, "tabel-1"),
    label="tbl-fasen",
    data="phases",
    caption=text.caption(
        lk, "Scoreverdeling per fase (voor 2009-T3: berekend / gepubliceerd in AKO Tabel 1)"
    ),
)

# %%
#| output: asis
Markdown(text.backtest_note(lk, "tabel-1"))

# %% [markdown]
# ## Scoreverdeling per mijlpaal
#
# @tbl-mijlpaalverdeling volgt de volgorde van Tabel 2 van het AKO; @fig-mijlpalen laat dezelfde
# verdeling zien in de kleuren van de Landkaart.

# %%
#| output: asis
display.table(
    text.distribution_display(lk, "tabel-2"),
    label="tbl-mijlpaalverdeling",
    data="milestones",
    caption=text.caption(
        lk, "Scoreverdeling per mijlpaal (voor 2009-T3: berekend / gepubliceerd in AKO Tabel 2)"
    ),
)

# %%
#| output: asis
Markdown(text.backtest_note(lk, "tabel-2"))

# %%
#| output: asis
answers, synthetic = lk.milestone_answers
display.figure(
    plots.milestone_bars(answers, lk.codebook),
    label="fig-mijlpalen",
    data="milestones",
    caption=text.caption(
        lk,
        "Aandeel Werkpleinen per antwoordcategorie, per mijlpaal (volgorde van AKO Tabel 2)",
        synthetic=synthetic,
    ),
    alt="Gestapelde staven per mijlpaal met het aandeel Werkpleinen in elke antwoordcategorie",
)

# %% [markdown]
# ## Welke twee mijlpalen laat §3.4.1 weg?
#
# @tbl-lezingen rekent het gemiddelde 'zonder twee mijlpalen' uit de gepubliceerde aantallen
# van Tabel 2 na, voor beide lezingen van de tekst en voor twee rekenregels.

# %%
#| label: tbl-lezingen
#| tbl-cap: "Gemiddelde score zonder twee mijlpalen, uit de gepubliceerde aantallen van Tabel 2"
display.table(text.readings_display(lk))

# %%
#| output: asis
Markdown(text.readings_note(lk))

# %% [markdown]
# ## Beweringen in de tekst
#
# De tekst van §3.4.1 en de conclusies van het rapport (§4.1) noemen nog enkele getallen die
# uit dezelfde gegevens volgen. @tbl-beweringen rekent ze na en geeft per getal het oordeel:
# *gereproduceerd* (volgt uit gepubliceerde cijfers of echte gegevens), *per constructie*
# (klopt omdat de synthetische gegevens zo gemaakt zijn), *past na keuze* (klopt met een lezing
# of rekenregel die is gekozen omdat ze het getal geeft), *per definitie* (volgt uit een
# definitie en klopt bij elke lezing), *afwijkend* of *niet te controleren*.

# %%
#| output: asis
display.table(
    text.claims_display(lk),
    label="tbl-beweringen",
    data="claims",
    widths=(30, 7, 8, 12, 43),
    small=True,
    caption=text.caption(lk, "Getallen uit de tekst (§3.4.1 en §4.1), nagerekend, met oordeel"),
)

# %% [markdown]
# ## Werkpleinen
#
# @fig-totaalscore toont hoe de totaalscores van de Werkpleinen verdeeld zijn, @fig-heatmap
# het antwoord van elk Werkplein op elke mijlpaal. De Werkpleinen staan daar gesorteerd op hun
# totaalscore; witte lijnen scheiden de fasen. Beide figuren hebben de antwoorden per Werkplein
# nodig; zijn die synthetisch, dan tonen ze hoe het instrument werkt, niet hoe het met
# afzonderlijke Werkpleinen staat.

# %%
#| output: asis
display.figure(
    plots.score_histogram(lk.answers, lk.codebook, lk.rule),
    label="fig-totaalscore",
    caption=text.caption(lk, "Verdeling van de totaalscore per Werkplein, gekleurd naar band"),
    alt="Staafdiagram van het aantal Werkpleinen per totaalscore van 0 tot 100 procent",
)

# %%
#| output: asis
display.figure(
    plots.location_heatmap(lk.answers, lk.codebook, lk.rule),
    label="fig-heatmap",
    caption=text.caption(lk, "Antwoord per Werkplein en mijlpaal"),
    alt="Raster van Werkpleinen en mijlpalen, elk vak in de kleur van het antwoord",
)
