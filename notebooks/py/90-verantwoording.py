# %% [markdown]
# # Verantwoording {#sec-verantwoording}
#
# Deze bijlage beschrijft hoe elk hoofdstuk rekent, telt de oordelen over de gepubliceerde
# getallen en de regels waarmee ze zijn vergeleken, en legt vast met welke invoer en code dit
# rapport is gemaakt. De aannames staan in [Aannames en kanttekeningen](#sec-aannames).

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.verantwoording import compute, text
from analysis.core import display

v = compute.load(period, scoring_rule, root)

# %% [markdown]
# ## Werkwijze

# %%
#| output: asis
Markdown(text.methods(v))

# %% [markdown]
# ## Oordelen over gepubliceerde getallen
#
# Elk gepubliceerd getal dat de hoofdstukken nagaan, krijgt één van zes oordelen
# (@tbl-uitkomsten). Vijf zijn uitkomsten van een vergelijking; *niet te controleren* is voor
# een getal waarmee niets te vergelijken was. Alleen *gereproduceerd* telt als bewijs; een
# overeenkomst en een afwijking van dezelfde vergelijking worden gelijk behandeld.

# %%
#| label: tbl-uitkomsten
#| tbl-cap: "De zes oordelen en hun aantal in dit rapport"
display.table(text.outcomes_display(v), data="outcomes")

# %% [markdown]
# @tbl-oordelen telt de oordelen per hoofdstuk.

# %%
#| label: tbl-oordelen
#| tbl-cap: "Gepubliceerde getallen per hoofdstuk en oordeel"
display.table(text.overview_display(v), data="verdicts", widths=(30, *[10] * 7))

# %%
#| output: asis
Markdown(text.completeness_note(v))

# %% [markdown]
# ### Regels van de vergelijking
#
# Elke vergelijking heeft een vaste regel: hoe het getal wordt berekend, hoe het wordt
# afgerond en welke afwijking nog als gelijk telt. @tbl-vergelijkingsregels geeft elke regel met het aantal
# getallen waarvoor hij geldt en hun oordelen; *exact gelijk* betekent zonder marge, *exact
# gelijk na afronding* dat het berekende getal, afgerond zoals de bron afrondt, gelijk is aan
# het gedrukte.

# %%
#| label: tbl-vergelijkingsregels
#| tbl-cap: "Regels van de vergelijking, met het aantal getallen en hun oordelen"
display.table(text.rules_display(v), data="rules", widths=(62, 10, 28), small=True)

# %% [markdown]
# ### Oordelen per getal

# %%
#| output: asis
Markdown(text.annex_note(v))

# %% [markdown]
# ## Colofon {#sec-colofon}
#
# Dit rapport is gemaakt met `analysis run --period <periode>` (papermill, pandoc en Typst) uit
# de invoerbestanden van @tbl-invoer; @tbl-bronbestanden noemt de tekstbestanden van de
# bronnen waarmee het project rekent (in `../shared/seeds/`). Wie dezelfde bestanden, dezelfde
# code en dezelfde pakketversies gebruikt, krijgt byte voor byte hetzelfde rapport.

# %%
#| output: asis
Markdown(text.colophon_text(v))

# %%
#| label: tbl-bronbestanden
#| tbl-cap: "Bronnen en de tekstbestanden waaruit het project ze leest"
display.table(text.sources_display())

# %%
#| label: tbl-invoer
#| tbl-cap: "Invoerbestanden met hun sha256"
display.table(text.inputs_display(v), small=True)

# %%
#| output: asis
Markdown(text.versions_text(v))
