"""Text and CSV forms of a :class:`~beleidslens.extract.model.MoneyReport` (JSON: ``to_json``).

Labels a reader sees are Dutch by default and English with ``lang="en"``.
"""

from __future__ import annotations

import csv
import io

from ..document.trace import Location
from ..i18n import add_labels, t
from ..render.csv import defuse
from .model import MoneyReport

add_labels(
    {
        "money_title": {"nl": "Bedragen, doelen en tabellen", "en": "Amounts, targets and tables"},
        "money_tables": {"nl": "tabellen", "en": "tables"},
        "money_unit": {"nl": "eenheid", "en": "unit"},
        "money_unknown_unit": {"nl": "eenheid onbekend", "en": "unit unknown"},
        "money_year": {"nl": "jaar", "en": "year"},
        "money_subject": {"nl": "onderwerp", "en": "subject"},
        "money_blanks_inferred": {
            "nl": "lege cellen geplaatst volgens regel",
            "en": "blank cells placed by rule",
        },
    }
)


def format_eur(value: float, lang: str = "nl") -> str:
    """``1500000000`` → ``€ 1.500.000.000`` (nl) or ``€1,500,000,000`` (en)."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    body = f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    if lang == "nl":
        body = body.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return f"{sign}€ {body}"
    return f"{sign}€{body}"


def _num(value: float | None, lang: str) -> str:
    if value is None:
        return "·"
    text = f"{value:g}" if value != int(value) else f"{int(value)}"
    return text.replace(".", ",") if lang == "nl" else text


def _where(loc: Location | None, lang: str) -> str:
    if loc is None:
        return ""
    parts = []
    if loc.page is not None:
        parts.append(f"{t('page', lang)} {loc.page}")
    if loc.section:
        parts.append(loc.section)
    return " · ".join(parts)


def render_text(report: MoneyReport, lang: str = "nl") -> str:
    out: list[str] = [
        f"{t('money_title', lang)}: {report.document.title or report.document.name}",
        "",
    ]
    out.append(f"## {t('amounts', lang).capitalize()} ({len(report.amounts)})")
    for a in report.amounts:
        value = format_eur(a.value_eur, lang)
        if a.high_eur is not None:
            value += f" – {format_eur(a.high_eur, lang)}"
        bits = [f"{a.text} = {value}"]
        if a.period:
            bits.append(f"{t('period', lang)}: {a.period} [{a.period_normalized}]")
        where = _where(a.location, lang)
        if where:
            bits.append(where)
        out.append("- " + " · ".join(bits))
        out.append(f"    {a.sentence}")
    out.append("")
    out.append(f"## {t('targets', lang).capitalize()} ({len(report.targets)})")
    for tg in report.targets:
        bits = [tg.text]
        if tg.subject:
            bits.append(f"{t('money_subject', lang)}: {tg.subject}")
        if tg.year:
            bits.append(f"{t('money_year', lang)}: {tg.year}")
        if tg.period:
            bits.append(f"{t('period', lang)}: {tg.period}")
        where = _where(tg.location, lang)
        if where:
            bits.append(where)
        out.append("- " + " · ".join(bits))
        out.append(f"    {tg.sentence}")
    out.append("")
    out.append(f"## {t('money_tables', lang).capitalize()} ({len(report.tables)})")
    for tb in report.tables:
        unit = f"{t('money_unit', lang)}: {tb.unit}" if tb.unit else t("money_unknown_unit", lang)
        head = f"### {tb.title} ({unit}"
        where = _where(tb.location, lang)
        out.append(head + (f"; {where})" if where else ")"))
        cols = (["Mton"] if tb.has_mton else []) + tb.columns
        out.append(f"    {tb.label_column or '-'} | " + " | ".join(cols))
        for r in tb.rows:
            cells = [_num(v, lang) for v in r.values]
            if tb.has_mton:
                mton = (
                    f"{_num(r.mton_low, lang)} - {_num(r.mton_high, lang)}"
                    if r.mton_low is not None
                    else "·"
                )
                cells.insert(0, mton)
            flag = " *" if r.blanks_inferred else ""
            out.append(f"    {r.label} | " + " | ".join(cells) + flag)
    if any(r.blanks_inferred for tb in report.tables for r in tb.rows):
        out.append("")
        out.append(f"* {t('money_blanks_inferred', lang)}")
    return "\n".join(out) + "\n"


_CSV_FIELDS = [
    "record",
    "text",
    "value",
    "value_eur",
    "low_eur",
    "high_eur",
    "unit",
    "period",
    "period_normalized",
    "subject",
    "year",
    "table",
    "column",
    "mton_low",
    "mton_high",
    "page",
    "section",
    "start",
    "end",
    "sentence",
]


def render_csv(report: MoneyReport) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()

    def loc(where: Location | None) -> dict[str, object]:
        if where is None:
            return {}
        return {
            "page": where.page,
            "section": where.section,
            "start": where.start,
            "end": where.end,
        }

    for a in report.amounts:
        row = {
            "record": "amount",
            "text": a.text,
            "value": a.value_eur,
            "value_eur": a.value_eur,
            "low_eur": a.low_eur,
            "high_eur": a.high_eur,
            "unit": a.unit,
            "period": a.period,
            "period_normalized": a.period_normalized,
            "sentence": a.sentence,
            **loc(a.location),
        }
        writer.writerow({k: defuse(v) for k, v in row.items()})
    for tg in report.targets:
        row = {
            "record": "target",
            "text": tg.text,
            "value": tg.value,
            "unit": tg.unit,
            "period": tg.period,
            "subject": tg.subject,
            "year": tg.year,
            "sentence": tg.sentence,
            **loc(tg.location),
        }
        writer.writerow({k: defuse(v) for k, v in row.items()})
    for tb in report.tables:
        for r in tb.rows:
            for i, col in enumerate(tb.columns):
                value = r.values[i] if i < len(r.values) else None
                eur = r.values_eur[i] if r.values_eur and i < len(r.values_eur) else None
                row = {
                    "record": "table_cell",
                    "text": r.label,
                    "value": value,
                    "value_eur": eur,
                    "unit": "%" if r.percent else tb.unit,
                    "table": tb.title,
                    "column": col,
                    "mton_low": r.mton_low,
                    "mton_high": r.mton_high,
                    **loc(r.location),
                }
                writer.writerow({k: defuse(v) for k, v in row.items()})
    return "\ufeff" + buf.getvalue()


def render_json(report: MoneyReport, lang: str = "nl") -> str:
    return report.to_json()


def render_csv_lang(report: MoneyReport, lang: str = "nl") -> str:
    """:func:`render_csv` as a registered money format (the CSV has no translated text)."""
    return render_csv(report)
