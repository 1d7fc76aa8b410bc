"""Export a reviewed analysis in any registered format; import a saved analysis."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ... import i18n
from ...analysis.result import Analysis
from ...errors import AnalysisError
from ..importer import import_analysis
from ..review import apply_review
from ..security import ANALYSIS_TYPES, safe_display_name, slug
from ..workbench import WB, Workbench, has_file, lang_of
from .documents import new_page

router = APIRouter()


@router.get("/analyses/{analysis_id}/export")
def export(request: Request, analysis_id: int, wb: WB, format: str = "markdown") -> Response:
    from ...render.base import RENDERERS, RenderOptions

    info, analysis = wb.reviewed(analysis_id)
    renderer = RENDERERS.create(format)
    doc = wb.document_model(info.document_id)
    result = apply_review(
        analysis, wb.store.decisions(analysis_id), wb.store.verdicts(analysis_id), doc
    )
    if result.document_text is None:
        result.document_text = wb.document_text(analysis_id)
    payload = renderer.render(result, RenderOptions(lang=lang_of(request)), doc)
    stem = info.title.rsplit(".", 1)[0] if "." in info.title[-6:] else info.title
    filename = f"{slug(stem)}-{info.framework_key}.{renderer.extension}"
    media = renderer.media_type
    if isinstance(payload, str):
        if "charset" not in media and media.startswith("text/"):
            media += "; charset=utf-8"
        body = payload.encode("utf-8")
    else:
        body = payload
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/import")
async def import_upload(request: Request, wb: WB) -> Response:
    """Import an analysis JSON (with its document text) for review."""
    form = await request.form()
    upload = form.get("analysis_file")
    if not has_file(upload):
        return new_page(wb, request, i18n.t("web.error_no_input", lang_of(request)), 422)
    data, _ext = await wb.read_upload(upload, ANALYSIS_TYPES)
    display = safe_display_name(upload.filename)
    no_text = i18n.t("web.error_no_text", lang_of(request))
    analysis_id = await wb.jobs.run(
        _import, wb, data, display, no_text, deadline=wb.limits.parse_deadline_s, what=display
    )
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)


def _import(wb: Workbench, data: bytes, display: str, no_text: str) -> int:
    """Read and store an uploaded analysis JSON (in a worker: it may be large)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnalysisError("not UTF-8 text", display) from None
    analysis = Analysis.from_json(text, display)
    if not analysis.document_text:
        raise AnalysisError(no_text, display)
    return import_analysis(wb.store, analysis)
