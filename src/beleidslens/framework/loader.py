"""Load frameworks from YAML with errors as ``file:line: field: message``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Hashable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import FrameworkError
from .schema import Framework

_BUILTIN_PACKAGE = "beleidslens.framework.builtin"


def builtin_frameworks() -> dict[str, str]:
    """Map of built-in framework id → YAML text."""
    out: dict[str, str] = {}
    for entry in sorted(resources.files(_BUILTIN_PACKAGE).iterdir(), key=lambda p: p.name):
        if entry.name.endswith((".yaml", ".yml")):
            out[entry.name.rsplit(".", 1)[0]] = entry.read_text(encoding="utf-8")
    return out


# Bounds that keep a small file from costing much: a framework is a few levels deep and a
# few hundred kB at most (the built-in ones: 4 levels, under 40 kB).
MAX_DEPTH = 50
MAX_FRAMEWORK_BYTES = 5_000_000


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records the line of every mapping key and sequence item, and keeps
    the cost of a document linear in its size: aliases (``*name``, the "billion laughs"
    expansion) are refused, as is nesting past :data:`MAX_DEPTH` and a key given twice."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases (*name) are not allowed in a framework file; write the value out",
                self.peek_event().start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    f"nested more than {MAX_DEPTH} levels deep",
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)  # type: ignore[arg-type, no-any-return]
        finally:
            self._depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    """The mapping (keys as YAML gives them: not always strings) plus its lines; a key
    given twice is an error at the second."""
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    lines: dict[Hashable, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in lines:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first given on line {lines[key]})",
                key_node.start_mark,
            )
        lines[key] = key_node.start_mark.line + 1
    mapping["__lines__"] = lines
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_lines(v) for k, v in data.items() if k not in ("__lines__", "__line__")}
    if isinstance(data, list):
        return [_strip_lines(v) for v in data]
    return data


def _line_of(data: Any, loc: tuple[int | str, ...]) -> int | None:
    """Best line for a pydantic error location within the line-annotated data."""
    line = data.get("__line__") if isinstance(data, dict) else None
    node = data
    for part in loc:
        if isinstance(node, dict):
            if isinstance(part, str) and part in node.get("__lines__", {}):
                line = node["__lines__"][part]
            node = node.get(part) if isinstance(part, str) else None
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            if isinstance(node, dict) and "__line__" in node:
                line = node["__line__"]
        else:
            break
    return line


def _field_name(data: Any, loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            ident = (
                node[part].get("id")
                if isinstance(node, list) and part < len(node) and isinstance(node[part], dict)
                else None
            )
            parts.append(f"[{ident or part}]")
            node = node[part] if isinstance(node, list) and part < len(node) else None
        else:
            parts.append(("." if parts else "") + part)
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(parts) or "(top)"


def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Parse and validate framework YAML. Raises :class:`FrameworkError` naming file and line."""
    if len(text) > MAX_FRAMEWORK_BYTES:
        raise FrameworkError(
            f"framework is over the size limit of {MAX_FRAMEWORK_BYTES // 1_000_000} MB", source
        )
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise FrameworkError(f"YAML syntax: {exc.problem or exc}", source, line) from None
    except yaml.YAMLError as exc:
        raise FrameworkError(f"YAML syntax: {exc}", source) from None
    except (ValueError, OverflowError, RecursionError) as exc:
        # e.g. an integer of more digits than Python converts, a timestamp out of range
        message = " ".join(str(exc).split())[:200]
        if "integer string conversion" in message:
            message = "an integer with more digits than can be read (over 4300)"
        raise FrameworkError(f"YAML value: {message}", source) from None
    if not isinstance(data, dict):
        raise FrameworkError("a framework file must be a YAML mapping with 'themes'", source, 1)
    try:
        return Framework.model_validate(_strip_lines(data))
    except ValidationError as exc:
        problems = [_problem(data, err, source) for err in exc.errors()]
        first = problems[0]
        more = len(problems) - 1
        msg = first.message
        if more:
            msg += f" (and {more} more problem{'s' if more > 1 else ''})"
        error = FrameworkError(msg, source, first.line)
        error.problems = problems
        raise error from None


def _problem(data: dict[str, Any], err: Any, source: str) -> FrameworkError:
    """One validation error as a ``file:line: field: message`` error of its own."""
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    msg = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
    return FrameworkError(f"{_field_name(data, loc)}: {msg}", source, _line_of(data, loc))


def load_framework(name_or_path: str | Path) -> Framework:
    """Load a built-in framework by id, or a YAML file by path."""
    name = str(name_or_path)
    builtins = builtin_frameworks()
    if name in builtins and not Path(name).is_file():
        return parse_framework(builtins[name], f"builtin:{name}")
    path = Path(name)
    if not path.exists():
        known = ", ".join(sorted(builtins))
        raise FrameworkError(
            f"no such framework file or built-in framework (built-in: {known})", name
        )
    if path.is_dir():
        raise FrameworkError("is a directory, expected a YAML file", name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FrameworkError(f"cannot read: {exc.strerror}", name) from None
    if size > MAX_FRAMEWORK_BYTES:
        raise FrameworkError(
            f"framework file is over the size limit of {MAX_FRAMEWORK_BYTES // 1_000_000} MB", name
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FrameworkError("not UTF-8 text", name) from None
    except OSError as exc:
        raise FrameworkError(f"cannot read: {exc.strerror}", name) from None
    return parse_framework(text, name)


def framework_digest(framework: Framework) -> str:
    """A short content hash, stored in analyses so results can be tied to a framework version."""
    data = framework.model_dump(by_alias=True)
    # ``codes`` came later: leaving empty ones out keeps the digests of earlier frameworks
    for theme in data["themes"]:
        if not theme["codes"]:
            del theme["codes"]
        for aspect in theme["aspects"]:
            if not aspect["codes"]:
                del aspect["codes"]
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(payload).hexdigest()[:16]
