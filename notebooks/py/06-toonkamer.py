# %% [markdown]
# # Toonkamers: pilot tegen controlegroep {#sec-toonkamer}
#
# Het projectplan 'Samen voor de klant' van de regio Haarlem (mei 2008) onderbouwt de invoering van integrale dienstverlening met de Toonkamerpilots: 'Over alle Toonkamers gemeten is de uitstroom uit de WW ... gemiddeld 7% hoger dan in de controlegroep.' Het plan zet zelf als doel dat de uitstroom naar regulier werk '15% hoger' ligt dan in het reguliere proces. Dit hoofdstuk rekent de tabellen van Bijlage 1 na: hoe groot is het verschil per locatie en termijn, met welke onzekerheid, wat meet die 7 % precies, en wat betekent de 15 %?

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.toonkamer import compute, plots, text, text_findings, text_tables
from analysis.core import display

tk = compute.load(period, root)

# %%
#| output: asis
Markdown(text.data_note(tk))

# %% [markdown]
# ## Hoe de tabellen te lezen

# %%
#| output: asis
Markdown(text.counts_note(tk))

# %% [markdown]
# ## Verschil per locatie en termijn
#
# @tbl-toonkamer-verschillen zet per locatie en termijn de uitstroom uit de WW van de Toonkamer naast die van de controlegroep, zoals gedrukt (percentage en, tussen haken, het aantal klanten). Het verschil is berekend uit de aantallen vertrekkers; het 95 %-interval is dat van Newcombe voor het verschil van twee proporties (uit de twee Wilson-intervallen), dat ook bij kleine groepen en percentages dicht bij 0 of 100 zijn dekking houdt. @fig-toonkamer-verschillen laat hetzelfde zien, met per termijn de gepoolde schatting van de volgende paragraaf.

# %%
#| label: tbl-toonkamer-verschillen
#| tbl-cap: "Uitstroom uit de WW: Toonkamer tegen controlegroep, verschil en 95 %-interval"
display.table(text_tables.differences_display(tk), data="differences")

# %%
#| output: asis
Markdown(text.differences_note(tk))

# %%
#| output: asis
display.figure(
    plots.forest(tk),
    label="fig-toonkamer-verschillen",
    data="differences",
    caption=text_tables.forest_caption(tk),
    alt=text_tables.forest_alt(tk),
)

# %% [markdown]
# ## Samengenomen per termijn

# %%
#| output: asis
display.table(
    text_tables.pooled_display(tk),
    label="tbl-toonkamer-gepoold",
    data="pooled",
    caption=text_tables.POOLED_CAPTION,
)

# %%
#| output: asis
Markdown(text_findings.pooled_note(tk))

# %% [markdown]
# ## 'Gemiddeld 7 % hoger'

# %%
#| output: asis
Markdown(text_findings.claim_note(tk))

# %%
#| label: tbl-toonkamer-zeven
#| tbl-cap: "Manieren om 'gemiddeld 7 % hoger' te lezen, nagerekend uit de tabellen"
display.table(text_tables.readings_display(tk), data="claim-7")

# %% [markdown]
# ## Het doel: '15 % hoger'

# %%
#| output: asis
Markdown(text_findings.target_note(tk))

# %%
#| output: asis
display.table(
    text_tables.target_display(tk),
    label="tbl-toonkamer-doel",
    data="target-15",
    caption=text_tables.TARGET_CAPTION,
)

# %% [markdown]
# ## Uitstroom uit de WWB

# %%
#| label: tbl-toonkamer-wwb
#| tbl-cap: "Uitstroom uit de WWB (alleen Toonkamerklanten) met 95 %-interval (Wilson)"
display.table(text_tables.wwb_display(tk), data="wwb")

# %%
#| output: asis
Markdown(text.wwb_note(tk))

# %% [markdown]
# ## Klanttevredenheid

# %%
#| label: tbl-toonkamer-klanten
#| tbl-cap: "Scores per klantprincipe en het aandeel Toonkamerklanten in 'Alle klanten'"
display.table(text_tables.survey_display(tk), data="survey-share")

# %%
#| output: asis
Markdown(text.survey_note(tk))

# %% [markdown]
# ## Gegevens per klant

# %%
#| output: asis
Markdown(text.clients_note(tk))

# %%
#| output: asis
(
    display.table(
        text_tables.recomputed_display(tk),
        label="tbl-toonkamer-herberekend",
        data="recomputed",
        caption=text_tables.recomputed_caption(tk),
    )
    if tk.clients is not None
    else Markdown("")
)

# %%
#| output: asis
Markdown(text.km_note(tk))

# %%
#| output: asis
(
    display.table(
        text_tables.km_display(tk),
        label="tbl-toonkamer-km",
        data="km",
        caption=text_tables.km_table_caption(tk),
    )
    if tk.clients is not None
    else Markdown("")
)

# %%
#| output: asis
(
    display.figure(
        plots.outflow_curves(tk),
        label="fig-toonkamer-curven",
        data="km",
        caption=text_tables.km_caption(tk),
        alt=text_tables.km_alt(tk),
    )
    if tk.clients is not None
    else Markdown("")
)

# %% [markdown]
# ## Conclusie

# %%
#| output: asis
Markdown(text_findings.conclusion(tk))

# %% [markdown]
# ## Verantwoording

# %%
#| output: asis
Markdown(text.audit_note(tk))

# %%
#| label: tbl-toonkamer-audit
#| tbl-cap: "Aantal gepubliceerde waarden per tabel en oordeel"
display.table(text_tables.audit_display(tk), data="audit")
