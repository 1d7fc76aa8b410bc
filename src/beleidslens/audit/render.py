"""Audit report output: Markdown, JSON (``beleidslens.audit/1``) and self-contained HTML."""

from __future__ import annotations

from ..i18n import add_labels, t
from .locate import format_diff
from .report import AuditReport, BulletFinding, Where

add_labels(
    {
        "audit_title": {"nl": "Controle van een analyse", "en": "Audit of an analysis"},
        "audit_intro": {
            "nl": "Controle van {human} tegen de brontekst {document} (raamwerk {framework}).",
            "en": "Check of {human} against the source text {document} (framework {framework}).",
        },
        "audit_summary": {"nl": "Samenvatting", "en": "Summary"},
        "audit_bullets": {"nl": "bullets", "en": "bullets"},
        "audit_exact": {"nl": "letterlijk", "en": "exact"},
        "audit_composite": {
            "nl": "letterlijk (samengesteld uit {n} passages)",
            "en": "exact (composite of {n} passages)",
        },
        "audit_composite_short": {"nl": "samengesteld", "en": "composite"},
        "audit_altered": {"nl": "gewijzigd", "en": "altered"},
        "audit_not_found": {"nl": "niet gevonden", "en": "not found"},
        "audit_duplicates": {"nl": "dubbele bullets", "en": "duplicate bullets"},
        "audit_wrong_theme": {
            "nl": "mogelijk bij een ander thema",
            "en": "possibly under another theme",
        },
        "audit_niet_contradicted": {
            "nl": "NIET-claims die de tekst tegenspreekt",
            "en": "NOT claims the text contradicts",
        },
        "audit_left_out": {
            "nl": "sterke passages niet opgenomen",
            "en": "strong passages left out",
        },
        "audit_line": {"nl": "regel", "en": "line"},
        "audit_duplicate_of": {"nl": "ook op regel", "en": "also on line"},
        "audit_better_theme": {"nl": "past beter bij", "en": "fits better under"},
        "audit_engine_says": {"nl": "het systeem oordeelt", "en": "the engine finds"},
        "audit_contradicted": {"nl": "tegengesproken", "en": "contradicted"},
        "audit_doubtful": {"nl": "twijfelachtig", "en": "doubtful"},
        "audit_niet_doubtful": {
            "nl": "NIET-claims waar de tekst aan doet twijfelen",
            "en": "NOT claims the text casts doubt on",
        },
        "audit_unmatched_heading": {
            "nl": "kop niet herkend in het raamwerk",
            "en": "heading not found in the framework",
        },
        "audit_diff": {"nl": "verschil", "en": "difference"},
        "audit_skipped": {"nl": "overgeslagen controles", "en": "checks skipped"},
        "audit_segment": {"nl": "deel", "en": "part"},
        "audit_unknown_aspect": {"nl": "aspect niet herkend", "en": "aspect not recognised"},
        "audit_closest": {
            "nl": "dichtstbijzijnde passage, onder de drempel",
            "en": "closest passage, below the threshold",
        },
    }
)


def status_label(b: BulletFinding, lang: str) -> str:
    if b.status == "composite":
        return t("audit_composite", lang, n=b.passages)
    return t(f"audit_{b.status}", lang)


def where_label(w: Where | None, lang: str) -> str:
    if w is None:
        return ""
    parts = []
    if w.section:
        parts.append(w.section)
    if w.page is not None:
        parts.append(f"{t('page', lang)} {w.page}")
    return ", ".join(parts)


def _quote(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_markdown(report: AuditReport, lang: str = "nl") -> str:
    s = report.summary
    out = [f"# {t('audit_title', lang)}", ""]
    out.append(
        t(
            "audit_intro",
            lang,
            human=report.human,
            document=report.document,
            framework=report.framework,
        )
    )
    out += ["", f"## {t('audit_summary', lang)}", ""]
    out.append(
        f"- {s.bullets} {t('audit_bullets', lang)}: {s.exact} {t('audit_exact', lang)}, "
        f"{s.composite} {t('audit_composite_short', lang)}, {s.altered} {t('audit_altered', lang)}, "
        f"{s.not_found} {t('audit_not_found', lang)}"
    )
    out.append(f"- {t('audit_duplicates', lang)}: {s.duplicates}")
    out.append(f"- {t('audit_wrong_theme', lang)}: {s.wrong_theme}")
    out.append(f"- {t('audit_niet_contradicted', lang)}: {s.niet_contradicted} / {s.niet_claims}")
    out.append(f"- {t('audit_niet_doubtful', lang)}: {s.niet_doubtful} / {s.niet_claims}")
    out.append(f"- {t('audit_left_out', lang)}: {s.left_out}")
    if report.checks_skipped:
        out.append(f"- {t('audit_skipped', lang)}: {', '.join(report.checks_skipped)}")
    for ta in report.themes:
        out += ["", f"## {ta.heading}", ""]
        if ta.theme_id is None:
            out += [f"_{t('audit_unmatched_heading', lang)}_", ""]
        for i, b in enumerate(ta.bullets, start=1):
            where = where_label(b.where, lang)
            out.append(
                f"{i}. **{status_label(b, lang)}** ({t('audit_line', lang)} {b.line})"
                + (f" — {where}" if where else "")
            )
            out.append(f"   > {_quote(b.text)}")
            if b.status in ("altered", "not_found") or b.status == "composite":
                for k, seg in enumerate(b.segments, start=1):
                    if b.status == "composite" or seg.status != "exact":
                        label = t(f"audit_{seg.status}", lang)
                        w = where_label(seg.where, lang)
                        out.append(
                            f"   - {t('audit_segment', lang)} {k}: {label}"
                            + (f" ({w})" if w else "")
                        )
                        if seg.diff:
                            out.append(f"     {t('audit_diff', lang)}: {format_diff(seg.diff)}")
            if b.duplicate_of:
                lines = ", ".join(str(x) for x in b.duplicate_of)
                out.append(
                    f"   - {t('audit_duplicates', lang)}: {t('audit_duplicate_of', lang)} {lines}"
                )
            if b.better_theme is not None:
                out.append(
                    f"   - {t('audit_better_theme', lang)}: {b.better_theme.label} "
                    f"({t('score', lang)} {b.better_theme.score:.2f} vs {b.own_theme_score or 0:.2f})"
                )
        if ta.empty and not ta.bullets:
            out.append(t("nothing", lang))
        for n in ta.niet:
            out.append("")
            mark = (
                f" — **{t('audit_contradicted', lang)}**"
                if n.contradicted
                else (f" — **{t('audit_doubtful', lang)}**" if n.doubtful else "")
            )
            status = (
                t(n.engine_status, lang) if n.engine_status else t("audit_unknown_aspect", lang)
            )
            out.append(
                f"{t('not', lang)}: {n.text} ({t('audit_line', lang)} {n.line}; "
                f"{t('audit_engine_says', lang)}: {status}){mark}"
            )
            closest = n.engine_status == "not_addressed"
            for e in n.evidence:
                label = f"{t('audit_closest', lang)}; " if closest else ""
                out.append(
                    f"   > {_quote(e.text)} ({label}{where_label(e.where, lang)}; "
                    f"{t('score', lang)} {e.score:.2f})"
                )
        if ta.left_out:
            out += ["", f"**{t('audit_left_out', lang).capitalize()}:**", ""]
            for p in ta.left_out:
                out.append(
                    f"- {_quote(p.text)} ({where_label(p.where, lang)}; {t('score', lang)} {p.score:.2f})"
                )
    if report.duplicates:
        out += ["", f"## {t('audit_duplicates', lang).capitalize()}", ""]
        for d in report.duplicates:
            lines = ", ".join(str(x) for x in d.lines)
            out.append(f"- {t('audit_line', lang)} {lines}: {_quote(d.text, 160)}")
    return "\n".join(out) + "\n"


def render_html(report: AuditReport, lang: str = "nl") -> str:
    from ..render.html import environment

    env = environment()
    template = env.get_template("audit.html.j2")
    return template.render(
        r=report,
        lang=lang,
        status_label=status_label,
        where_label=where_label,
    )


def render_json(report: AuditReport, lang: str = "nl") -> str:
    return report.to_json()


def render_audit(report: AuditReport, fmt: str = "markdown", lang: str = "nl") -> str:
    """``report`` in the registered audit format ``fmt`` (``AUDIT_RENDERERS``)."""
    from ..render.base import AUDIT_RENDERERS, render_report

    payload: str = render_report(AUDIT_RENDERERS, report, fmt, lang)
    return payload
