"""Analyses: run progress, re-running (with another backend), editing the framework."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import FrameworkError
from ...framework.schema import Framework
from ..backends import backend_from_form
from ..workbench import WB, Workbench
from .documents import parse_in_worker

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
    await run_in_threadpool(wb.store.analysis, analysis_id)
    form = await request.form()
    choice = backend_from_form(form) if form.get("backend") else None
    await run_in_threadpool(_rerun, wb, analysis_id, choice)
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)


def _rerun(wb: Workbench, analysis_id: int, choice: tuple[str, dict[str, str]] | None) -> None:
    if choice is not None:
        wb.store.set_backend(analysis_id, *choice)
    run = wb.store.latest_run(analysis_id)
    if run is None or run.status != "running":
        wb.runner.start(analysis_id)


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
async def save_framework(
    request: Request,
    analysis_id: int,
    wb: WB,
    framework_yaml: str = Form(..., max_length=2_000_000),
) -> Response:
    info = await run_in_threadpool(wb.store.analysis, analysis_id)
    try:
        framework = await parse_in_worker(wb, framework_yaml, "framework.yaml")
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
    await run_in_threadpool(_replace_framework, wb, analysis_id, framework, framework_yaml)
    return RedirectResponse(f"/analyses/{analysis_id}", status_code=303)


def _replace_framework(wb: Workbench, analysis_id: int, framework: Framework, text: str) -> None:
    fw_id = wb.store.add_framework(
        key=framework.id, name=framework.name, yaml_text=text, origin="upload"
    )
    wb.store.set_framework(analysis_id, fw_id)
    wb.runner.start(analysis_id)
