# %% [markdown]
# # Interpretatieverschillen: zelfbeoordeling en oordeel van de inspectie {#sec-interpretatieverschillen}
#
# Vertelt de Landkaart de waarheid? De Werkpleinen vullen de Landkaart zelf in, zonder criteria voor de grens tussen 'in ontwikkeling' en 'gedeeltelijk gerealiseerd'. De Inspectie Werk en Inkomen (IWI) heeft in 2008 vijftien locaties zelf beoordeeld en haar beeld vergeleken met hun eigen antwoorden over de eerste meting (januari tot mei 2008). Zij vond interpretatieverschillen op alle mijlpalen, maar een totaalbeeld dat 'in hoofdlijnen' overeenkwam, en beschreef dat alleen in woorden (IWI-rapport 2008, hoofdstuk 3). Dit hoofdstuk maakt die vergelijking meetbaar en herhaalbaar voor elke steekproef en elk tertaal waarvoor inspectieoordelen zijn.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2008-T1"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.interpretatieverschillen import compute, plots, text, text_tables
from analysis.core import display

ins = compute.load(period, scoring_rule, root)

# %%
#| output: asis
Markdown(text.data_note(ins))

# %% [markdown]
# ## Steekproef en gegevens

# %%
#| output: asis
Markdown(text.sample_note(ins) + '\n' + text.design_note(ins))

# %% [markdown]
# ## Overeenstemming
#
# Elk paar bestaat uit het eigen antwoord van een Werkplein op een mijlpaal en het oordeel van de inspectie, beide in een van de vier categorieën van de Landkaart. Het *verschil* is zelfbeoordeling min inspectieoordeel: positief betekent dat het Werkplein zich hoger inschat. De *gewogen kappa* van Cohen meet de overeenstemming boven wat toeval zou geven (1 = volledig, 0 = niet beter dan toeval); de lineaire weging telt twee categorieën verschil dubbel, de kwadratische viermaal. De *alfa* van Krippendorff (ordinaal) meet hetzelfde vanuit de rangorde van de categorieën. De veertien mijlpalen van één Werkplein zijn niet onafhankelijk: wie zichzelf ruim inschat, doet dat vaak op meer mijlpalen. De 95 %-intervallen komen daarom uit het herhaald trekken van hele Werkpleinen (2.000 trekkingen met vaste startwaarde), niet uit formules die onafhankelijke paren veronderstellen.

# %%
#| output: asis
display.table(
    text_tables.agreement_display(ins),
    label="tbl-iv-overeenstemming",
    data="agreement",
    caption=text.caption(ins, "tbl-iv-overeenstemming"),
) if ins.available else None

# %%
#| output: asis
Markdown(text.agreement_sentence(ins))

# %% [markdown]
# @tbl-iv-kruistabel telt de paren per combinatie van categorieën. Op de diagonaal zijn Werkplein en inspectie het eens; boven de diagonaal schat het Werkplein zich lager in, eronder hoger.

# %%
#| output: asis
display.table(
    text_tables.confusion_display(ins),
    label="tbl-iv-kruistabel",
    data="confusion",
    caption=text.caption(ins, "tbl-iv-kruistabel"),
) if ins.available else None

# %% [markdown]
# ## Per mijlpaal
#
# Per mijlpaal zijn er zoveel paren als beoordeelde Werkpleinen. @tbl-iv-mijlpalen telt hoe vaak de zelfbeoordeling gelijk, hoger of lager is en het gemiddelde verschil in procentpunten; @fig-iv-mijlpalen zet de aandelen hoger en lager naast elkaar, gerangschikt naar het verschil tussen beide. De kolom opmerkingen telt de toelichtingen van de inspecteur; hun tekst staat niet in dit rapport.

# %%
#| output: asis
display.table(
    text_tables.milestone_display(ins),
    label="tbl-iv-mijlpalen",
    data="milestones",
    caption=text.caption(ins, "tbl-iv-mijlpalen"),
) if ins.available else None

# %%
#| output: asis
display.figure(
    plots.milestone_bars(ins),
    label="fig-iv-mijlpalen",
    data="milestones",
    caption=text.caption(ins, "fig-iv-mijlpalen"),
    alt=text.bars_alt(ins),
) if ins.available else None

# %%
#| output: asis
Markdown(text.milestone_sentence(ins))

# %% [markdown]
# ## Per Werkplein
#
# @fig-iv-verschillen toont voor elk beoordeeld Werkplein en elke mijlpaal het verschil in categorieën; Werkpleinen staan er alleen met hun code. @tbl-iv-werkpleinen vergelijkt de totaalscores: het gemiddelde over de mijlpalen, met de rekenregel van het rapport.

# %%
#| output: asis
display.figure(
    plots.difference_heatmap(ins),
    label="fig-iv-verschillen",
    caption=text.caption(ins, "fig-iv-verschillen"),
    alt=text.heatmap_alt(ins),
) if ins.available else None

# %%
#| output: asis
display.table(
    text_tables.location_display(ins),
    label="tbl-iv-werkpleinen",
    data="locations",
    caption=text.caption(ins, "tbl-iv-werkpleinen"),
) if ins.available else None

# %%
#| output: asis
Markdown(text.location_sentence(ins))

# %% [markdown]
# ## Gevoeligheid
#
# Hangen de conclusies af van keuzes in de berekening? @tbl-iv-gevoeligheid herhaalt de hoofdmaten met de andere rekenregel (het AKO rekent 0, 33, 66 en 100 %, het IWI-rapport 0, ⅓, ⅔ en 1 punt), met de grenzen tussen de banden van de totaalscore vijf procentpunt lager en hoger, en met willekeurige ruis op de zelfbeoordelingen. De laatste drie kolommen zeggen of de drie conclusies standhouden; bij de ruis het aandeel van de herhalingen waarin ze standhouden.

# %%
#| output: asis
display.table(
    text_tables.sensitivity_display(ins),
    label="tbl-iv-gevoeligheid",
    data="sensitivity",
    caption=text.caption(ins, "tbl-iv-gevoeligheid"),
) if ins.available else None

# %%
#| output: asis
Markdown(text.sensitivity_sentence(ins))

# %% [markdown]
# ## Wat betekent dit voor de Landkaart?

# %%
#| output: asis
Markdown(text.meaning(ins))

# %% [markdown]
# ## Gepubliceerde getallen
#
# Het IWI-rapport noemt maar enkele getallen over de steekproef en de verschillen. @tbl-iv-iwi-controle zet ze naast wat de gegevens geven, met het oordeel van de controle.

# %%
#| output: asis
display.table(
    text_tables.audit_display(ins),
    label="tbl-iv-iwi-controle",
    data="audit",
    caption=text.caption(ins, "tbl-iv-iwi-controle"),
)
