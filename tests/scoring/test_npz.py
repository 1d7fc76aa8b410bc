"""The models' .npz files are memory-mapped with exactly np.load's arrays and errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from beleidslens.nlp.concepts import DEFAULT_CONCEPTS_PATH
from beleidslens.nlp.npz import _mapped, load_arrays
from beleidslens.nlp.semantic import DEFAULT_MODEL_PATH


def _same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> None:
    assert a.keys() == b.keys()
    for k in a:
        assert a[k].dtype == b[k].dtype and a[k].shape == b[k].shape, k
        assert a[k].tobytes(order="A") == b[k].tobytes(order="A"), k


def _np_load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


@pytest.mark.parametrize("path", [DEFAULT_MODEL_PATH, DEFAULT_CONCEPTS_PATH])
def test_shipped_models_are_mapped_read_only(path: Path) -> None:
    mapped = _mapped(path)
    assert mapped is not None
    _same(mapped, _np_load(path))
    assert not any(a.flags.writeable for a in mapped.values())


def test_stored_npz_of_every_shape(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    arrays = {
        "f16": np.arange(12, dtype=np.float16).reshape(3, 4),
        "fortran": np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)),
        "text": np.array('{"a": 1}'),
        "empty": np.zeros((0, 5), dtype=np.int32),
        "bytes": np.frombuffer(b"a\nb", dtype=np.uint8),
    }
    np.savez(path, **arrays)
    mapped = _mapped(path)
    assert mapped is not None
    _same(mapped, _np_load(path))
    assert mapped["fortran"].flags.f_contiguous


def test_anything_else_goes_to_np_load(tmp_path: Path) -> None:
    compressed = tmp_path / "c.npz"
    np.savez_compressed(compressed, a=np.arange(5))
    assert _mapped(compressed) is None
    _same(load_arrays(compressed), _np_load(compressed))
    broken = tmp_path / "b.npz"
    np.savez(broken, a=np.arange(50, dtype=np.int64))
    data = bytearray(broken.read_bytes())
    with zipfile.ZipFile(broken) as zf:
        info = zf.infolist()[0]
    data[info.header_offset + 30 + len(info.filename) + 200] ^= 0xFF  # inside the array
    broken.write_bytes(bytes(data))
    with pytest.raises(zipfile.BadZipFile):  # the CRC, as np.load reports it
        load_arrays(broken)
    not_zip = tmp_path / "n.npz"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(ValueError):
        load_arrays(not_zip)
