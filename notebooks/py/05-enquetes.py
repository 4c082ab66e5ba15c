# %% [markdown]
# # Enquêtes: klantgerichtheid en werkgeversgerichtheid {#sec-enquetes}
#
# Een deel van wat de rapporten over de Werkpleinen concluderen, rust op enquêtes: werkzoekenden beoordelen twee keer per jaar de dienstverlening op vijf klantprincipes (bereikbaarheid en toegankelijkheid, persoonlijke aandacht, maatwerk, tijdigheid en duidelijkheid) en in totaal, werkgevers één keer per jaar. In de AKO-tertaalrapportage (§3.3) zijn dat een paar afgeronde getallen in een tekst. Dit hoofdstuk laat zien hoe ze uit de antwoorden per respondent na te rekenen zijn, met onzekerheidsmarges die rekening houden met verschillen tussen locaties, en geeft elk gepubliceerd enquêtecijfer een oordeel. Het neemt ook de enquête uit de verkennende studie van de IWI (2007) mee.

# %% tags=["parameters"]
# Parameters: papermill overschrijft deze waarden bij een run van de pipeline.
period = "2009-T3"
scoring_rule = "ako-2009"
root = None

# %%
from IPython.display import Markdown

from analysis.chapters.enquetes import compute, plots, text, text_findings, text_tables
from analysis.core import display

en = compute.load(period, root)

# %%
#| output: asis
Markdown(text.data_note(en))

# %% [markdown]
# ## Klantgerichtheid per klantprincipe
#
# @fig-klantprincipes en @tbl-klantprincipes geven per meting het gemiddelde oordeel per klantprincipe en voor de totale dienstverlening, met een 95 %-interval. Het gemiddelde telt alleen de respondenten die de vraag beantwoordden.

# %%
#| output: asis
display.figure(
    plots.principles_chart(en),
    label="fig-klantprincipes",
    data="means",
    caption=text.principles_caption(en),
    alt=text.principles_alt(en),
)

# %%
#| output: asis
display.table(
    text_tables.means_display(en),
    label="tbl-klantprincipes",
    data="means",
    caption=text.means_caption(en),
)

# %%
#| output: asis
Markdown(text.means_note(en))

# %% [markdown]
# ### 'Stijging 0,04%'

# %%
#| output: asis
Markdown(text_findings.change_note(en))

# %%
#| output: asis
display.table(
    text_tables.differences_display(en),
    label="tbl-verschillen",
    data="wave-differences",
    caption=text_findings.differences_caption(en),
)

# %%
#| output: asis
Markdown(text_findings.differences_note(en))

# %% [markdown]
# ## Vaste contactpersoon, uitkering en snelheid van betalen
#
# Het AKO schrijft dat personen met een vaste contactpersoon positiever zijn over de totale dienstverlening, dat werkzoekenden met een WW-uitkering positiever zijn dan anderen, en dat het oordeel positiever is naarmate de eerste betaling van de uitkering sneller komt. @fig-subgroepen en @fig-betaling laten zien hoe dat na te rekenen is.

# %%
#| output: asis
display.figure(
    plots.subgroups_chart(en),
    label="fig-subgroepen",
    data="subgroups",
    caption=text_findings.subgroups_caption(en),
    alt=text_findings.subgroups_alt(en),
)

# %%
#| output: asis
Markdown(text_findings.subgroup_note(en))

# %%
#| output: asis
display.figure(
    plots.payment_chart(en),
    label="fig-betaling",
    data="payment-bands",
    caption=text_findings.payment_caption(en),
    alt=text_findings.payment_alt(en),
)

# %%
#| output: asis
Markdown(text_findings.payment_note(en))

# %% [markdown]
# ## Resultaten per locatie

# %%
#| output: asis
display.figure(
    plots.locations_chart(en),
    label="fig-locaties",
    data="locations",
    caption=text_findings.locations_caption(en),
    alt=text_findings.locations_alt(en),
)

# %%
#| output: asis
Markdown(text_findings.locations_note(en))

# %% [markdown]
# ## Respons

# %%
#| output: asis
display.table(
    text_tables.response_display(en),
    label="tbl-respons",
    data="response",
    caption=text.response_caption(en),
)

# %%
#| output: asis
Markdown(text.response_note(en))

# %% [markdown]
# ## Werkgeversgerichtheid

# %%
#| output: asis
Markdown(text.employer_note(en))

# %%
#| label: tbl-werkgevers
#| tbl-cap: "Werkgeversgerichtheid 2009 zoals gepubliceerd (AKO §3.3.2, 'Werkgevers keten')"
display.table(text_tables.employer_display(en))

# %% [markdown]
# ## De IWI-enquête van 2007

# %%
#| output: asis
Markdown(text.iwi_note(en))

# %%
#| output: asis
display.table(
    text_tables.iwi_display(en),
    label="tbl-iwi-2007",
    data="iwi-2007",
    caption=text_tables.IWI_CAPTION,
)

# %% [markdown]
# ## Gepubliceerd en herberekend

# %%
#| output: asis
Markdown(text.audit_intro(en))

# %%
#| output: asis
display.table(
    text_tables.audit_display(en),
    label="tbl-enquetes-audit",
    data="audit",
    caption=text.audit_caption(en),
)
