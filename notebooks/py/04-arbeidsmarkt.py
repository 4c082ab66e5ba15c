# %% [markdown]
# # Arbeidsmarkt: uitstroom en standcijfers {#sec-arbeidsmarkt}
#
# Het AKO beoordeelt de keten ook op harde resultaten: hoeveel werkzoekenden vonden werk, gemeten tegen de streefwaarden, en is de participatiedoelstelling van de ketenpartners (210.000 extra werkzoekenden aan het werk van ultimo 2006 tot ultimo 2010) nog binnen bereik? Dit hoofdstuk rekent de cijfers van §3.1 en §3.2 van de AKO-tertaalrapportage (3e tertaal 2009) na: de uitstroom tegen de streefwaarden, de standcijfers met de rij en kolom 'Mutatie t.o.v. ultimo 2006', de voortgang naar de doelstelling en de getallen in de tekst. Alle invoer staat als gegevens met bron in `data/raw/arbeidsmarkt/`; een nieuwe maand standcijfers is een extra blok regels, geen codewijziging.

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
#| label: tbl-uitstroom
#| tbl-cap: "Uitstroom tegen de streefwaarde (AKO §3.1; % berekend / gepubliceerd)"
display.table(text_tables.uitstroom_display(am))

# %%
#| output: asis
Markdown(text.uitstroom_note(am))

# %%
#| label: fig-uitstroom
#| fig-cap: "Realisatie per categorie (staaf) tegen de streefwaarde (blauwe streep)"
display.figure(plots.uitstroom_chart(am))

# %% [markdown]
# ## Standcijfers

# %%
#| output: asis
Markdown(text.standcijfers_intro(am))

# %%
#| label: tbl-standcijfers
#| tbl-cap: "Standcijfers (× 1.000), AKO §3.2 Tabel 1 (afgeleid: berekend / gepubliceerd)"
display.table(text_tables.standcijfers_display(am))

# %%
#| output: asis
Markdown(text.backtest_note(am, ("mutatie_column", "mutatie_row")))

# %% [markdown]
# ### Hoe is de rij 'Mutatie tov ultimo 2006' opgebouwd?

# %%
#| output: asis
Markdown(text.composition_intro(am))

# %%
#| label: tbl-samenstelling
#| tbl-cap: "Kandidaat-samenstellingen van de rij 'Mutatie tov ultimo 2006' (beste zes)"
display.table(text_tables.composition_display(am))

# %%
#| output: asis
Markdown(text.composition_note(am))

# %% [markdown]
# ## Voortgang naar de participatiedoelstelling
#
# De tekst verwijst voor de doelstelling van 210.000 naar Tabel 1; de rij 'Mutatie' is daarin de enige maat die bij 'extra aan het werk' past. Dit hoofdstuk meet de voortgang daarom met die rij. Het convenant noemt in de bron geen tussendoelen; als maatstaf dient een recht doelpad van 0 op ultimo 2006 naar 210.000 op ultimo 2010. @tbl-voortgang zet per peildatum de gerealiseerde afname naast dat pad en naast het deel van de looptijd dat voorbij is (aantallen in personen, afgerond op duizendtallen, omdat Tabel 1 in duizendtallen telt); @fig-standcijfers toont de reeksen en de voortgang.

# %%
#| label: tbl-voortgang
#| tbl-cap: "Afname van de vier bestanden t.o.v. ultimo 2006 tegen het lineaire doelpad"
display.table(text_tables.progress_display(am))

# %%
#| label: fig-standcijfers
#| fig-cap: "Standcijfers sinds ultimo 2006 (boven); voortgang, doelpad en trend (onder)"
display.figure(plots.standcijfers_chart(am))

# %% [markdown]
# ### Projectie naar ultimo 2010

# %%
#| output: asis
Markdown(text.projection_intro(am))

# %% [markdown]
# Het hoofdstuk legt een rechte lijn (kleinste kwadraten) door de peildata en verlengt die tot ultimo 2010, met een 95 %-voorspellingsinterval (t-verdeling met n − 2 vrijheidsgraden). Een lijn door alle peildata negeert de omslag door de economische crisis eind 2008, die de tekst zelf noemt; het hoofdstuk oordeelt daarom met de lijn vanaf de piek van de reeks, en laat de andere lijn ter vergelijking zien. Het benodigde tempo om het doel nog te halen hangt van geen enkel model af.

# %%
#| label: tbl-projectie
#| tbl-cap: "Lineaire trend van de afname, verlengd tot ultimo 2010 (personen)"
display.table(text_tables.projection_display(am))

# %%
#| output: asis
Markdown(text.projection_note(am))

# %% [markdown]
# ## Tekst en tabel vergeleken
#
# De tekst van §3.1–3.2 noemt getallen die uit de tabellen volgen. @tbl-arbeidsmarkt-beweringen zet ze naast elkaar, samen met twee optellingen binnen de tabellen zelf. Veranderingen hebben een teken: negatief is een daling sinds ultimo 2006.

# %%
#| label: tbl-arbeidsmarkt-beweringen
#| tbl-cap: "Getallen uit de tekst van §3.1–3.2 en sommen in de tabellen, nagerekend"
display.table(text_tables.claims_display(am))

# %%
#| output: asis
Markdown(text.claims_note(am))
