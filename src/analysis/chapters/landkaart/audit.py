"""What each published Landkaart figure of AKO §3.4.1 proves: the chapter's reproduction audit.

A figure is *reproduced* only when it follows from other published figures with no reading
chosen to make it fit: the number of Werkpleinen per row, each share from its count. The
means follow from the Tabel 2 counts too, but only with the scoring rule that was picked
because it gives them: *past na keuze*, and so is every figure that rests on a chosen reading
of the text (which two milestones, what 'nog inhoud geven' means). Banded counts and text
claims that the period's answers must produce are *by construction* when those answers are
synthetic. Every row states the rule of its comparison. Reasons are Dutch (the report shows
them).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from analysis.chapters.landkaart.checks import (
    CLAIM_BOUNDS,
    CLAIMS,
    TABLES,
    claims_check,
    count_between,
    distribution,
)
from analysis.chapters.landkaart.model import Landkaart, answers_from_counts
from analysis.core.formatting import and_nl, number
from analysis.core.memo import once
from analysis.core.values import missing
from analysis.study import published, scoring, verdicts
from analysis.study.verdicts import Choice

SOURCE = "AKO 3e tertaal 2009 (bron 003)"
# Readings of 'mijlpalen (13 - ontschotte en enkelvoudige kanalen - en 14 ...)'.
READINGS = {"naam (11 en 14)": published.EXCLUDED_IN_CLAIM, "nummer (13 en 14)": ("M13", "M14")}
CHOSEN_READING = "naam (11 en 14)"
# Readings of '[Werkpleinen] die de portefeuille verdeling nog inhoud moesten geven' as the
# answers on milestone 8 that count (category codes).
PORTFOLIO_READINGS = {"'niet'": (0,), "'niet' of 'in ontwikkeling'": (0, 1),
                      "alles behalve 'volledig'": (0, 1, 2)}  # fmt: skip
# Claims of the conclusions (§4.1) and of the numbering, checked against the published tables.
TEXT_CLAIMS = (
    "conclusion_excl_m13_m14_locations",
    "excluded_milestone_number_channels",
    "lagging_locations",
)
CHANNELS = "Ontschotte en enkelvoudige kanalen"  # the milestone §3.4.1 numbers 13

RULE_SUM = "som van de gepubliceerde aantallen van elke rij; exact gelijk"
RULE_SHARE = (
    "aantal gedeeld door het aantal Werkpleinen, in hele procenten (half naar boven); exact gelijk"  # noqa: E501
)
RULE_COUNT = "aantal Werkpleinen per klasse uit de antwoorden per Werkplein; exact gelijk"
RULE_PORTFOLIO = "aantal Werkpleinen met dit antwoord bij mijlpaal 8 in Tabel 2; exact gelijk"
RULE_NUMBER = "nummer van de mijlpaal met deze naam in Bijlage 1 van IWI 2008; exact gelijk"


@once
def audit(lk: Landkaart) -> pd.DataFrame:
    """Every published figure of AKO Tabel 1, Tabel 2 and the chapter's claims (§3.4.1, §4.1)
    with its verdict class (`analysis.study.verdicts`). Figures that need the answers of the
    published period are 'niet te controleren' in any other period."""
    rows = []
    for name in TABLES:
        own = scoring.to_tidy(distribution(lk, name)) if lk.has_published else _no_values()
        rows += table_rows(lk, name, own)
    claims = claims_check(lk)
    if not lk.has_published:
        claims = claims.assign(computed=None)
    rows += claim_rows(lk, claims)
    rows += text_claim_rows(lk)
    return verdicts.audit_frame(rows)


def claim_keys(lk: Landkaart) -> dict[str, str]:
    """The audit key of each claim this chapter checks -> the claim's id."""
    file = f"{published.AKO_2009_T3}-claims"
    pub = verdicts.with_lines(published.load_table(file, lk.paths))
    ids = set(CLAIMS) | set(TEXT_CLAIMS)
    return {
        verdicts.published_key(file, line): claim
        for claim, line in zip(pub["claim"], pub["line"], strict=True)
        if claim in ids
    }


def _no_values() -> pd.DataFrame:
    return pd.DataFrame(columns=["row", "row_label", "statistic", "category", "value"])


@once
def means_by_rule(lk: Landkaart) -> dict[str, pd.Series]:
    """Per candidate scoring rule: Tabel 1 and 2 as the published counts give them (tidy
    values by file, row, statistic and category)."""
    counts = published.milestone_counts(lk.codebook, lk.paths)
    rebuilt = replace(lk, answers=answers_from_counts(counts))
    out = {}
    for rule in scoring.RULES.values():
        frames = []
        for name in TABLES:
            tidy = scoring.to_tidy(distribution(replace(rebuilt, rule=rule), name))
            frames.append(tidy.assign(file=name))
        out[rule.name] = pd.concat(frames).set_index(["file", "row", "statistic", "category"])[
            "value"
        ]
    return out


@once
def exclusion_means(lk: Landkaart) -> pd.DataFrame:
    """The §3.4.1 mean 'without two milestones' under both readings and every scoring rule:
    exact, and as each rule rounds (`pct`), from the published Tabel 2 counts."""
    counts = published.milestone_counts(lk.codebook, lk.paths)
    rows = []
    for reading, left_out in READINGS.items():
        kept = [m for m in lk.codebook.milestone_codes if m not in left_out]
        for rule in scoring.RULES.values():
            mean = scoring.mean_from_counts(counts.loc[kept], rule)
            rows.append(
                {"reading": reading, "left_out": left_out, "rule": rule.name,
                 "exact_pct": float(mean * 100), "pct": rule.pct(mean)}
            )  # fmt: skip
    return pd.DataFrame(rows)


def exclusion_readings(lk: Landkaart) -> pd.DataFrame:
    """`exclusion_means` for the found and the documented rule (the chapter's table)."""
    means = exclusion_means(lk)
    return means[means["rule"].isin([scoring.DEFAULT_RULE, "gedocumenteerd"])].reset_index(
        drop=True
    )


def exclusion_choice(lk: Landkaart, published_pct: int) -> Choice:
    """The reading and rule behind the 76 %: chosen among every reading x rule."""
    means = exclusion_means(lk)
    return Choice(
        f"de lezing 'mijlpalen 11 en 14' (naar de naam) en de rekenregel "
        f"'{lk.rule.description_nl}'",
        candidates=len(means),
        matching=int((means["pct"] == published_pct).sum()),
        of="combinaties van lezing en rekenregel",
    )


def table_rows(lk: Landkaart, name: str, computed: pd.DataFrame) -> list[dict]:
    """Audit rows of AKO Tabel 1 or 2 (`name` 'tabel-1' / 'tabel-2').

    `computed` is the tidy table (`scoring.to_tidy`) from the period's answers. The number of
    Werkpleinen and the shares follow from the published counts alone; the means from those
    counts with the chosen rule; banded counts only from the answers.
    """
    file = f"{published.AKO_2009_T3}-{name}"
    pub = verdicts.with_lines(published.load_table(file, lk.paths)).dropna(subset=["value"])
    own = computed.set_index(["row", "statistic", "category"])["value"]
    by_rule = means_by_rule(lk)
    n_total = _row_totals(pub)
    rows = []
    for r in pub.itertuples():
        key = (r.row, r.statistic, r.category)
        item = f"{_row_name(lk, r)}: {_statistic_nl(r.statistic, r.category)}"
        source = f"{SOURCE}, §3.4.1, {r.source_table}"
        args: dict = {"choice": None, "synthetic": False}
        if r.statistic == "n_locations":
            value, rule, basis = (
                n_total,
                RULE_SUM,
                "de som van de gepubliceerde aantallen per mijlpaal",
            )
        elif r.statistic == "mean_pct":
            value = by_rule[lk.rule.name].get((name, *key))
            hits = sum(values.get((name, *key)) == r.value for values in by_rule.values())
            args["choice"] = scoring.rule_choice(lk.rule, hits)
            rule, basis = scoring.mean_rule_nl(lk.rule), "de gepubliceerde aantallen van Tabel 2"
        elif r.statistic == "pct":
            row_counts = pub[(pub["row"] == r.row) & (pub["statistic"] == "count")]
            count = row_counts.loc[row_counts["category"] == r.category, "value"]
            n = int(row_counts["value"].sum())
            value = scoring.pct_half_up(int(count.iloc[0]), n) if len(count) else None
            rule, basis = RULE_SHARE, "het gepubliceerde aantal in dezelfde rij"
        else:
            value, rule, basis = own.get(key), RULE_COUNT, "de antwoorden van de periode"
            args["synthetic"] = lk.synthetic
        rows.append(_row(file, r.line, source, item, r.value, value, rule, basis, **args))
    return rows


def claim_rows(lk: Landkaart, claims: pd.DataFrame) -> list[dict]:
    """Audit rows of the §3.4.1 claims this chapter checks (`claims` from `claims_check`)."""
    file = f"{published.AKO_2009_T3}-claims"
    pub = verdicts.with_lines(published.load_table(file, lk.paths)).set_index("claim")
    counts = published.milestone_counts(lk.codebook, lk.paths)
    own = claims.set_index("claim")["computed"]
    source = f"{SOURCE}, §3.4.1, tekst"
    rows = []
    for claim in CLAIMS:
        r = pub.loc[claim]
        item = f"tekst §3.4.1: {r['quote']}"
        args = (file, r["line"], source, item, r["value"])
        if claim == "excl_m11_m14_mean_pct":
            chosen = exclusion_means(lk).query(
                "reading == @CHOSEN_READING and rule == @lk.rule.name"
            )
            rows.append(_row(*args, int(chosen["pct"].iloc[0]), scoring.mean_rule_nl(lk.rule),
                             "de gepubliceerde aantallen van Tabel 2",
                             choice=exclusion_choice(lk, int(r["value"]))))  # fmt: skip
        elif claim == "nearly_complete_locations":
            rows.append(_row(*args, None, None, "", reason=_nearly_reason(lk)))
        elif claim == "without_portfolio_division_2009_T3":
            found = {k: int(counts.loc[scoring.PORTFOLIO_MILESTONE, list(c)].sum())
                     for k, c in PORTFOLIO_READINGS.items()}  # fmt: skip
            choice = Choice("'nog inhoud geven' gelezen als het antwoord 'niet' bij mijlpaal 8",
                            len(found), sum(v == r["value"] for v in found.values()))  # fmt: skip
            rows.append(_row(*args, found["'niet'"], RULE_PORTFOLIO,
                             "het gepubliceerde aantal 'niet' bij mijlpaal 8 in Tabel 2",
                             choice=choice))  # fmt: skip
        else:  # counts of Werkpleinen without two milestones: only from the answers
            rows.append(_row(*args, own[claim], RULE_COUNT, "de antwoorden van de periode",
                             synthetic=lk.synthetic, choice=_counts_choice(lk, claim)))  # fmt: skip
    return rows


def text_claim_rows(lk: Landkaart) -> list[dict]:
    """The claims of the conclusions (§4.1) and the milestone number §3.4.1 gives."""
    file = f"{published.AKO_2009_T3}-claims"
    pub = verdicts.with_lines(published.load_table(file, lk.paths)).set_index("claim")
    t1 = published.load_table(f"{published.AKO_2009_T3}-tabel-1", lk.paths)
    total = t1[(t1["row"] == 1) & (t1["statistic"] == "count")].set_index("category")["value"]
    names = lk.codebook.milestones.reset_index().set_index("short_name_nl")
    rows = []
    for claim in TEXT_CLAIMS:
        r = pub.loc[claim]
        source = f"{SOURCE}, {r['section']}, tekst"
        args = (file, r["line"], source, f"tekst {r['section']}: {r['quote']}", r["value"])
        if claim == "excluded_milestone_number_channels":
            number_ = int(names.loc[CHANNELS, "milestone"])
            rows.append(_row(*args, number_, RULE_NUMBER, "Bijlage 1 van IWI 2008"))
        elif claim == "conclusion_excl_m13_m14_locations":
            rows.append(_row(*args, None, None, "", reason=(
                "de conclusie laat mijlpaal 13 (ketenbrede werkplekken en applicaties) weg, "
                "§3.4.1 mijlpaal 11 (ontschotte en enkelvoudige kanalen); het aantal Werkpleinen "
                "is alleen na te gaan met de antwoorden per Werkplein, en die zijn niet openbaar"
            )))  # fmt: skip
        else:
            low = [f"{number(total[c])} in de klasse '{c}'" for c in ("niet", "in ontwikkeling")]
            rows.append(_row(*args, None, None, "", reason=(
                "'achterblijven' is niet omschreven; Tabel 1 telt " + and_nl(low) + ", en "
                "welke Werkpleinen bedoeld zijn, is zonder de scores per Werkplein niet na te gaan"
            )))  # fmt: skip
    return rows


def _counts_choice(lk: Landkaart, claim: str) -> Choice | None:
    """With real answers, the 55 / 41 rest on the chosen reading and rule: how many of every
    reading x rule give the published count. None without answers to count."""
    if lk.synthetic or not lk.has_published:
        return None  # synthetic: by construction; other periods: nothing to compare
    published_value = claims_check(lk).set_index("claim").loc[claim, "published"]
    hits = 0
    for left_out in READINGS.values():
        kept = [m for m in lk.codebook.milestone_codes if m not in left_out]
        for rule in scoring.RULES.values():
            scores = scoring.location_scores(lk.answers, rule, kept)
            hits += count_between(scores, rule, *CLAIM_BOUNDS[claim]) == published_value
    return Choice(
        f"de lezing 'mijlpalen 11 en 14' en de rekenregel '{lk.rule.description_nl}'",
        len(READINGS) * len(scoring.RULES), hits, of="combinaties van lezing en rekenregel",
    )  # fmt: skip


def _nearly_reason(lk: Landkaart) -> str:
    t1 = published.load_table(f"{published.AKO_2009_T3}-tabel-1", lk.paths)
    green = t1.query("row == 1 and statistic == 'count' and category == 'volledig'")["value"]
    return (
        f"'nagenoeg afgerond' is niet omschreven; Tabel 1 en 2 tellen {number(green.iloc[0])} "
        "Werkpleinen met 100 %, en een ruimere lezing is alleen na te gaan met de scores per "
        "Werkplein, die niet openbaar zijn"
    )


def _row(
    file: str, line: int, source: str, item: str, published_value: object, value: object,
    rule: str | None, basis: str, *, synthetic: bool = False, choice: Choice | None = None,
    reason: str | None = None,
) -> dict:  # fmt: skip
    """One audit row: the verdict from the comparison, the reason from the verdict."""
    equal = None if missing(value) else float(value) == float(published_value)  # type: ignore[arg-type]
    verdict = verdicts.verdict(equal, by_construction=synthetic, choice=choice)
    if reason is None:
        reason = {
            verdicts.REPRODUCED: f"volgt uit {basis}",
            verdicts.AFTER_CHOICE: f"volgt uit {basis}",
            verdicts.BY_DEFINITION: f"volgt uit {basis}",
            verdicts.BY_CONSTRUCTION: (
                "de synthetische antwoorden zijn gemaakt om dit getal op te leveren; geen bewijs"
            ),
            verdicts.DEVIATING: f"berekend: {number(value)}, uit {basis}",  # type: ignore[arg-type]
            verdicts.UNCHECKABLE: "alleen na te rekenen met de antwoorden van het 3e tertaal 2009",
        }[verdict]
    return verdicts.row(
        verdicts.published_key(file, line), source, item, published_value,
        None if missing(value) else value, verdict, rule, reason, choice=choice,
    )  # fmt: skip


def _row_totals(pub: pd.DataFrame) -> int | None:
    """The number of locations that every row's published counts add up to (None if rows differ)."""
    sums = pub[pub["statistic"] == "count"].groupby("row")["value"].sum()
    return int(sums.iloc[0]) if sums.nunique() == 1 else None


def _row_name(lk: Landkaart, r) -> str:
    """A published row's name: the codebook's (IWI 2008, Bijlage 1) for a milestone or phase,
    so that the sources' OCR damage ('marktbeveiligingsplan') is not shown; else as printed."""
    if not missing(r.milestone) and str(r.milestone).strip():
        return str(lk.codebook.milestones.loc[int(float(r.milestone)), "short_name_nl"])
    if not missing(r.phase) and str(r.phase).strip():
        return str(lk.codebook.phases.loc[int(float(r.phase)), "name_nl"])
    return str(r.row_label)


def _statistic_nl(statistic: str, category: str) -> str:
    return {
        "n_locations": "aantal Werkpleinen",
        "mean_pct": "gemiddelde score (%)",
        "count": f"aantal '{category}'",
        "pct": f"aandeel '{category}' (%)",
    }[statistic]
