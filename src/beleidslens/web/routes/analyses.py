"""Analyses: run progress, re-running (with another backend), editing the framework."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...errors import FrameworkError
from ...framework.loader import parse_framework
from ..backends import backend_from_form
from ..workbench import WB

router = APIRouter()


@router.get("/analyses/{analysis_id}/progress", response_class=HTMLResponse)
def run_progress(request: Request, analysis_id: int, wb: WB) -> HTMLResponse:
    run = wb.store.latest_run(analysis_id)
    response = wb.page(request, "_progress.html", {"run": run, "analysis_id": analysis_id})
    if run is None or run.status != "running":
        response.headers["HX-Refresh"] = "true"
    return response


@router.post("/analyses/{analysis_id}/rerun")
async def rerun(request: Request, analysis_id: int, wb: WB) -> Response:
    """Run the analysis again; a form with ``backend`` changes the backend and its options
    first (without it, the stored ones are kept)."""
    wb.store.analysis(analysis_id)
    form = await request.form()
    if form.get("backend"):
        backend, backend_options = backend_from_form(form)
        wb.store.set_backend(analysis_id, backend, backend_options)
    run = wb.store.latest_run(analysis_id)
    if run is None or run.status != "running":
        wb.runner.start(analysis_id)
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)


@router.get("/analyses/{analysis_id}/framework", response_class=HTMLResponse)
def edit_framework(request: Request, analysis_id: int, wb: WB) -> HTMLResponse:
    info = wb.store.analysis(analysis_id)
    fw = wb.store.framework(info.framework_id)
    return wb.page(
        request,
        "edit_framework.html",
        {"info": info, "yaml_text": fw["yaml"], "error": None, "yaml_lines": []},
    )


@router.post("/analyses/{analysis_id}/framework", response_class=HTMLResponse)
def save_framework(
    request: Request,
    analysis_id: int,
    wb: WB,
    framework_yaml: str = Form(..., max_length=2_000_000),
) -> Response:
    info = wb.store.analysis(analysis_id)
    try:
        framework = parse_framework(framework_yaml, "framework.yaml")
    except FrameworkError as exc:
        return wb.page(
            request,
            "edit_framework.html",
            {
                "info": info,
                "yaml_text": framework_yaml,
                "error": exc,
                "yaml_lines": framework_yaml.splitlines(),
            },
            status_code=422,
        )
    fw_id = wb.store.add_framework(
        key=framework.id, name=framework.name, yaml_text=framework_yaml, origin="upload"
    )
    wb.store.set_framework(analysis_id, fw_id)
    wb.runner.start(analysis_id)
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)
