"""The model file: a zip with a JSON header and the fitted scikit-learn objects.

``beleidslens-model.json`` names the format and its version, the scikit-learn version that
fitted the objects, the classes, the parameters, the calibration and the cross-validated
figures, and the SHA-256 of the payload. :func:`load` reads the header first and refuses, in
one line, a file of another format version or from another scikit-learn minor version (its
objects may silently compute something else), or a payload whose hash differs.

The payload is written with ``skops`` when it is installed (its loader lists every type a
file would build, and anything outside scikit-learn, NumPy and SciPy is refused), else with
``joblib``. **A joblib payload is code**: loading one runs whatever it holds, like any pickle.
Load only model files you made or trust — the header check guards against accidents, not
against an attacker.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import BeleidslensError
from ..fsutil import atomic_write
from .deps import have_skops, require_sklearn
from .features import RowFeatures
from .model import Coder
from .params import LearnParams

FORMAT = "beleidslens-coder"
FORMAT_VERSION = 1
HEADER = "beleidslens-model.json"
MAX_MODEL_BYTES = 1024 * 1024 * 1024
TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


class ModelFileError(BeleidslensError):
    exit_code = 5
    http_status = 422


def _minor(version: str) -> tuple[int, ...]:
    parts = []
    for p in version.split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def save(
    coder: Coder,
    path: Path,
    *,
    report: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> Path:
    """Write ``coder`` to ``path`` atomically."""
    require_sklearn("saving a model")
    import sklearn

    objects = {"features": coder.features.sklearn_objects(), "classifier": coder.classifier}
    buf = io.BytesIO()
    if have_skops():
        import skops.io as sio

        payload_kind, payload = "skops", sio.dumps(objects)
    else:
        import joblib

        joblib.dump(objects, buf, compress=3)
        payload_kind, payload = "joblib", buf.getvalue()
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"beleidslens {__version__}",
        "sklearn": sklearn.__version__,
        "payload": payload_kind,
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "classes": coder.classes,
        "params": coder.params.to_dict(),
        "smooth": coder.smooth,
        "temperature": coder.temperature,
        "cv": report or {},
        "meta": meta or {},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(HEADER, json.dumps(header, ensure_ascii=False, indent=2))
        zf.writestr(f"payload.{payload_kind}", payload)
    return atomic_write(path, out.getvalue())


def read_header(path: Path) -> dict[str, Any]:
    """The header of a model file, checked for format and version (no payload loaded)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ModelFileError(f"cannot read model: {exc.strerror or exc}", path) from None
    if size > MAX_MODEL_BYTES:
        raise ModelFileError("model file is larger than 1 GB", path)
    try:
        with zipfile.ZipFile(path) as zf:
            header = json.loads(zf.read(HEADER).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, json.JSONDecodeError, OSError):
        raise ModelFileError(
            "not a beleidslens model file (train one with 'beleidslens train')", path
        ) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ModelFileError("not a beleidslens model file", path)
    version = header.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelFileError(
            f"model file format version {version} is not supported (this beleidslens reads "
            f"version {FORMAT_VERSION}); retrain the model",
            path,
        )
    return header


def load(path: Path) -> tuple[Coder, dict[str, Any]]:
    """The coder in ``path`` and its header; see the module docstring for what is refused."""
    require_sklearn("loading a model")
    import sklearn

    header = read_header(path)
    saved = str(header.get("sklearn", "?"))
    if _minor(saved) != _minor(sklearn.__version__):
        raise ModelFileError(
            f"model was saved with scikit-learn {saved}, this is {sklearn.__version__}: "
            "retrain it, or install scikit-learn "
            f"{'.'.join(map(str, _minor(saved)))}.*",
            path,
        )
    kind = header.get("payload")
    if kind not in ("skops", "joblib"):
        raise ModelFileError(f"unknown payload kind {kind!r}", path)
    with zipfile.ZipFile(path) as zf:
        try:
            payload = zf.read(f"payload.{kind}")
        except KeyError:
            raise ModelFileError("model file has no payload", path) from None
    if hashlib.sha256(payload).hexdigest() != header.get("payload_sha256"):
        raise ModelFileError("model payload does not match its header (damaged file)", path)
    objects = _load_payload(kind, payload, path)
    try:
        params = LearnParams.from_dict(header.get("params") or {})
    except BeleidslensError as exc:
        raise ModelFileError(f"model file has a bad {exc}", path) from None
    features = RowFeatures.from_objects(params, objects["features"])
    coder = Coder(
        params,
        features,
        objects["classifier"],
        [str(c) for c in header["classes"]],
        float(header.get("smooth", 0.0)),
        float(header.get("temperature", 1.0)),
    )
    return coder, header


def _load_payload(kind: str, payload: bytes, path: Path) -> dict[str, Any]:
    if kind == "skops":
        if not have_skops():
            raise ModelFileError("model payload needs the package 'skops': pip install skops", path)
        import skops.io as sio

        untrusted = sio.get_untrusted_types(data=payload)
        bad = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
        if bad:
            raise ModelFileError(f"model payload holds untrusted types: {', '.join(bad[:5])}", path)
        objects = sio.loads(payload, trusted=untrusted)
    else:
        import joblib

        objects = joblib.load(io.BytesIO(payload))
    if not isinstance(objects, dict) or "classifier" not in objects:
        raise ModelFileError("model payload is not a beleidslens coder", path)
    return objects
