# %% [markdown]
# # Samenvatting en conclusies {.unnumbered #sec-samenvatting}
#
# Dit rapport rekent de openbare cijfers na over de invoering van integrale dienstverlening
# op de Werkpleinen (zie [Bronnen](#sec-bronnen)). Deze samenvatting zet op een rij wat de
# bronnen beweren, wat daarvan na te rekenen is en wat niet, en hoe zeker de uitkomsten zijn.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.samenvatting import compute, text

s = compute.load(period, scoring_rule, root)

# %%
#| output: asis
Markdown(text.status_callout(s))

# %% [markdown]
# ## Wat de bronnen beweren {.unnumbered}
#
# Het AKO meldt over het 3e tertaal 2009 dat de Werkpleinen gemiddeld 73 % van de invoering
# van integrale dienstverlening hebben bereikt, dat 120 van de 125 Werkpleinen in 2009
# vooruitgingen en dat de ambitie is dat eind 2009 op alle Werkpleinen integrale
# dienstverlening wordt geboden (AKO 2009, §2.1 en §3.4.1). Het rapport geeft daarnaast
# standcijfers en de uitstroom naar werk tegen de doelen (§3.1–3.2). De IWI beoordeelde in
# 2008 de Landkaart zelf als bron en vond haar 'op hoofdlijnen' bruikbaar, met
# interpretatieverschillen bij alle mijlpalen (IWI 2008, hoofdstuk 3).

# %% [markdown]
# ## Wat na te rekenen is {.unnumbered}

# %%
#| output: asis
Markdown(text.reproduction(s))

# %% [markdown]
# ## Bevindingen per hoofdstuk {.unnumbered}

# %%
#| output: asis
Markdown(text.chapter_findings(s))

# %% [markdown]
# ## Betrouwbaarheid {.unnumbered}

# %%
#| output: asis
Markdown(text.caveats(s))

# %% [markdown]
# ## Conclusies {.unnumbered}

# %%
#| output: asis
Markdown(text.conclusions(s))
