# %% [markdown]
# # Arbeidsmarkt: uitstroom en standcijfers {#sec-arbeidsmarkt}
#
# Het AKO beoordeelt de keten ook op harde resultaten: hoeveel werkzoekenden vonden werk, gemeten tegen de streefwaarden, en is de participatiedoelstelling van de ketenpartners (extra werkzoekenden aan het werk van ultimo 2006 tot ultimo 2010) nog binnen bereik? Dit hoofdstuk rekent de cijfers van §3.1 en §3.2 van de AKO-tertaalrapportage (3e tertaal 2009) na: de uitstroom tegen de streefwaarden, de standcijfers met de rij en kolom 'Mutatie t.o.v. ultimo 2006', de voortgang naar de doelstelling en de getallen in de tekst.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.arbeidsmarkt import compute, plots, text, text_tables
from analysis.core import display

am = compute.load(period, root)

# %%
#| output: asis
Markdown(text.coverage_note(am))

# %% [markdown]
# ## Uitstroom naar werk
#
# @tbl-uitstroom zet de realisatie naast de streefwaarde, voor de uitstroom naar werk en voor preventie en frictie in de WW. Preventie telt ingeschreven werkzoekenden die het werk hervatten vóór de eerste WW-dag; frictie is kortdurende werkloosheid (drie maanden of korter). Het percentage is de realisatie gedeeld door de streefwaarde, afgerond op één decimaal. @fig-uitstroom laat hetzelfde zien als staven.

# %%
#| output: asis
display.table(
    text_tables.uitstroom_display(am),
    label="tbl-uitstroom",
    data="outflow",
    caption=text.caption("tbl-uitstroom"),
)

# %%
#| output: asis
Markdown(text.uitstroom_note(am))

# %%
#| output: asis
display.figure(
    plots.uitstroom_chart(am),
    label="fig-uitstroom",
    data="outflow",
    caption=text.caption("fig-uitstroom"),
    alt=text.alt(am, "fig-uitstroom"),
)

# %% [markdown]
# ## Standcijfers

# %%
#| output: asis
Markdown(text.standcijfers_intro(am))

# %%
#| output: asis
display.table(
    text_tables.standcijfers_display(am),
    label="tbl-standcijfers",
    data="stocks",
    caption=text.caption("tbl-standcijfers"),
)

# %%
#| output: asis
Markdown(text.backtest_note(am, ("mutatie_column", "mutatie_row")))

# %% [markdown]
# ### Hoe is de rij 'Mutatie tov ultimo 2006' opgebouwd?

# %%
#| output: asis
Markdown(text.composition_intro(am))

# %%
#| output: asis
display.table(
    text_tables.composition_display(am),
    label="tbl-samenstelling",
    data="composition-fit",
    caption=text.caption("tbl-samenstelling"),
)

# %%
#| output: asis
Markdown(text.composition_note(am))

# %% [markdown]
# ## Voortgang naar de participatiedoelstelling
#
# De tekst verwijst voor de participatiedoelstelling naar de standcijfertabel; de rij 'Mutatie' is daarin de enige maat die bij 'extra aan het werk' past. Dit hoofdstuk meet de voortgang daarom met die rij, en houdt in gedachten dat zij bestanden optelt en geen personen telt. Het convenant noemt in de bron geen tussendoelen; als maatstaf dient een recht doelpad van 0 op ultimo 2006 naar de doelstelling op ultimo 2010. @tbl-voortgang zet per peildatum de afname naast dat pad en naast het deel van de looptijd dat voorbij is, in duizendtallen zoals de bron; @fig-standcijfers toont de reeksen en de voortgang.

# %%
#| output: asis
display.table(
    text_tables.progress_display(am),
    label="tbl-voortgang",
    data="progress",
    caption=text.caption("tbl-voortgang"),
)

# %%
#| output: asis
display.figure(
    plots.standcijfers_chart(am),
    label="fig-standcijfers",
    data="stocks",
    caption=text.caption("fig-standcijfers"),
    alt=text.alt(am, "fig-standcijfers"),
)

# %% [markdown]
# ### Projectie naar ultimo 2010

# %%
#| output: asis
Markdown(text.projection_intro(am))

# %%
#| output: asis
display.table(
    text_tables.projection_display(am),
    label="tbl-projectie",
    data="projections",
    caption=text.caption("tbl-projectie"),
)

# %%
#| output: asis
Markdown(text.projection_note(am))

# %% [markdown]
# ## Tekst en tabel vergeleken
#
# De tekst van §3.1–3.2 noemt getallen die uit de tabellen volgen. @tbl-arbeidsmarkt-beweringen zet ze naast elkaar, samen met twee optellingen binnen de tabellen zelf en het oordeel van de tekst over de doelstelling, dat een modeluitkomst vraagt. Veranderingen hebben overal in dit rapport een teken: negatief is een daling sinds ultimo 2006.

# %%
#| output: asis
display.table(
    text_tables.claims_display(am),
    label="tbl-arbeidsmarkt-beweringen",
    data="claims",
    caption=text.caption("tbl-arbeidsmarkt-beweringen"),
)

# %%
#| output: asis
Markdown(text.claims_note(am))
