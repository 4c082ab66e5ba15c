# %% [markdown]
# # Samenvatting {.unnumbered #sec-samenvatting}

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.samenvatting import compute, text, text_sources
from analysis.core import display

s = compute.load(period, scoring_rule, root)

# %%
#| output: asis
Markdown(text.status_note(s))

# %% [markdown]
# ## Kunnen de cijfers van het AKO worden vertrouwd? {.unnumbered}

# %%
#| output: asis
Markdown(text.answer(s) + "\n" + text.evidence(s))

# %% [markdown]
# ## Belangrijkste bevindingen {.unnumbered}

# %%
#| output: asis
Markdown(text.main_findings(s))

# %% [markdown]
# ## Het oordeel van de IWI {.unnumbered}

# %%
#| output: asis
Markdown(text.iwi_verdict())

# %% [markdown]
# ## Conclusie {.unnumbered}

# %%
#| output: asis
Markdown(text.conclusion(s))

# %% [markdown]
# # Bevindingen en punten voor wederhoor {.unnumbered #sec-bevindingen}
#
# ## Bevindingen per hoofdstuk {.unnumbered}

# %%
#| output: asis
Markdown(text.chapter_findings(s))

# %% [markdown]
# ## Tegenstrijdigheden in de bronnen {.unnumbered #sec-tegenstrijdigheden}
#
# De bronnen spreken zichzelf en elkaar op een aantal punten tegen. @tbl-tegenstrijdigheden
# zet ze op een rij, de zwaarstwegende eerst, met beide uitspraken letterlijk, wat eruit volgt
# en het oordeel over het getal waar ze over gaan.

# %%
#| label: tbl-tegenstrijdigheden
#| tbl-cap: "Tegenstrijdigheden in en tussen de bronnen"
display.table(
    text_sources.contradictions_display(s), data="contradictions", widths=text_sources.WIDTHS,
    small=True,
)

# %% [markdown]
# ## Punten voor wederhoor {.unnumbered #sec-wederhoor}
#
# Dit rapport legt zijn bevindingen voor aan wie ze betreffen. Op de volgende punten wordt om
# een reactie gevraagd; de nummers K01 … verwijzen naar @tbl-tegenstrijdigheden.

# %%
#| output: asis
Markdown(text_sources.wederhoor(s))
