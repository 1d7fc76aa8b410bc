"""Reading the shipped models' ``.npz`` files without copying them.

``np.load`` reads every member of an ``.npz`` through :mod:`zipfile`: it copies the bytes
and checks their CRC, about 30 ms for the 15 MB semantic model. The models are written with
stored (uncompressed) members (``semantic_train.save``), so each array lies as it is inside
the file: :func:`load_arrays` maps the file once, checks each member's CRC as zipfile
does, and gives every member as a read-only view of its bytes. The values are the same;
anything else (a compressed or unusual member, a CRC that does not match, not a zip file
at all) goes to ``np.load``, with its errors.
"""

from __future__ import annotations

import io
import mmap
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length
_LOCAL_SIGNATURE = b"PK\x03\x04"
_NPY_HEADER_MAX = 65_536


def load_arrays(path: Path | str) -> dict[str, np.ndarray]:
    """``{name: array}`` of the ``.npz`` at ``path`` (as ``np.load(path)`` gives them)."""
    mapped = _mapped(Path(path))
    if mapped is not None:
        return mapped
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def _mapped(path: Path) -> dict[str, np.ndarray] | None:
    try:
        with open(path, "rb") as fh:
            if fh.read(4) != _LOCAL_SIGNATURE:
                return None
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
            buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, zipfile.BadZipFile):
        return None
    out: dict[str, np.ndarray] = {}
    for info in infos:
        array = _member(buf, info)
        if array is None:
            return None
        out[info.filename.removesuffix(".npy")] = array
    return out


def _member(buf: mmap.mmap, info: zipfile.ZipInfo) -> np.ndarray | None:
    """A stored ``.npy`` member as a view of ``buf``; None when it is anything else."""
    if (
        info.compress_type != zipfile.ZIP_STORED
        or info.flag_bits & 0x1  # encrypted
        or not info.filename.endswith(".npy")
    ):
        return None
    at = info.header_offset
    head = buf[at : at + _LOCAL_HEADER.size]
    if len(head) < _LOCAL_HEADER.size:
        return None
    signature, name_len, extra_len = _LOCAL_HEADER.unpack(head)
    if signature != _LOCAL_SIGNATURE:
        return None
    start = at + _LOCAL_HEADER.size + name_len + extra_len
    end = start + info.file_size
    if end > len(buf) or zlib.crc32(memoryview(buf)[start:end]) != info.CRC:
        return None  # np.load says what is wrong
    fp = io.BytesIO(buf[start : min(end, start + _NPY_HEADER_MAX)])
    try:
        version = npy_format.read_magic(fp)
        if version == (1, 0):
            shape, fortran, dtype = npy_format.read_array_header_1_0(fp)
        elif version == (2, 0):
            shape, fortran, dtype = npy_format.read_array_header_2_0(fp)
        else:
            return None
    except ValueError:
        return None
    count = int(np.prod(shape, dtype=np.int64))
    offset = start + fp.tell()
    if dtype.hasobject or offset + count * dtype.itemsize != end:
        return None
    flat = np.frombuffer(buf, dtype=dtype, count=count, offset=offset)
    return flat.reshape(shape, order="F" if fortran else "C")
