# %% [markdown]
# # Verantwoording {#sec-verantwoording}
#
# Deze bijlage beschrijft hoe elk hoofdstuk rekent, geeft voor elk gepubliceerd getal dat het
# project als gegevens bevat het herberekende getal en een oordeel, en legt vast met welke
# invoer en code dit rapport is gemaakt. De aannames staan in @sec-aannames.

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
#
# - **De SUWI-Landkaart.** De antwoorden per Werkplein worden gescoord met de rekenregel die
#   de gepubliceerde gemiddelden reproduceert; een Werkplein valt met zijn gemiddelde score in
#   een van de vier scorebanden. De gemiddelden en percentages van AKO Tabel 1 en 2 volgen
#   uit de gepubliceerde aantallen per categorie; de aantallen per band vragen de antwoorden
#   per Werkplein.
# - **Ontwikkeling sinds 2008.** De gemiddelde score per tertaal (AKO Tabel 3) wordt met een
#   rechte lijn en een verzadigende kromme doorgetrokken; de intervallen zijn
#   voorspellingsintervallen of betrouwbaarheidsintervallen, zoals steeds bij de figuur staat.
# - **Arbeidsmarkt.** De standcijfers en de uitstroom naar werk zijn als gegevens
#   overgenomen; de afgeleide getallen (Mutatie-rij en -kolom, realisatiepercentages) worden
#   nagerekend, de uitstroom tot ultimo 2010 met kleinste kwadraten geprojecteerd, voor elk
#   mogelijk startpunt van de reeks.
# - **Interpretatieverschillen.** Zelfbeoordeling en oordeel van de inspectie per locatie en
#   mijlpaal: overeenstemming, over- en onderschatting, gewogen kappa en Krippendorffs alfa,
#   met intervallen uit het herbemonsteren van locaties en een exacte tekentoets.
# - **Klantenenquêtes.** Gemiddelden per principe en meting met intervallen die rekening
#   houden met het clusteren van respondenten binnen locaties; verschillen tussen metingen en
#   groepen met een toets; gepubliceerde percentages met Wilson-intervallen.
# - **Toonkamers.** Verschil in uitstroom tussen Toonkamer en controlegroep per locatie en
#   termijn met Newcombe-intervallen, per termijn samengenomen met Mantel–Haenszel;
#   uitstroomcurven met Kaplan–Meier uit de gegevens per klant.

# %% [markdown]
# ## Oordelen over gepubliceerde getallen
#
# Elk gepubliceerd getal dat het project als gegevens bevat, krijgt een van vier oordelen:
#
# - *gereproduceerd*: volgt uit andere gepubliceerde cijfers of uit echte gegevens;
# - *per constructie*: klopt omdat de synthetische gegevens zo zijn gemaakt; dat is geen bewijs;
# - *afwijkend*: klopt niet; de toelichting zegt waarom;
# - *niet te controleren*: het project heeft de gegevens niet om het na te rekenen.
#
# @tbl-oordelen telt de oordelen per hoofdstuk; daarna volgt per hoofdstuk elk getal.

# %%
#| label: tbl-oordelen
#| tbl-cap: "Gepubliceerde getallen per hoofdstuk en oordeel"
display.table(text.overview_display(v), data="verdicts")

# %%
#| output: asis
Markdown(text.completeness_note(v))

# %%
#| output: asis
display.tables(text.audit_parts(v))

# %% [markdown]
# ## Colofon {#sec-colofon}
#
# Dit rapport is gemaakt met `analysis run`. @tbl-invoer geeft de sha256 van elk
# invoerbestand; wie dezelfde bestanden, dezelfde code en dezelfde pakketversies gebruikt,
# krijgt byte voor byte hetzelfde rapport.

# %%
#| output: asis
Markdown(text.colophon_text(v))

# %%
#| label: tbl-invoer
#| tbl-cap: "Invoerbestanden met hun sha256"
display.table(text.inputs_display(v))

# %%
#| label: tbl-versies
#| tbl-cap: "Versies van Python en de belangrijkste pakketten"
display.table(text.versions_display(v))
