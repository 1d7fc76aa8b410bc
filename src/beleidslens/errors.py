"""Domain exceptions.

The library raises these; the CLI turns them into one line on stderr and a non-zero exit
code, the web app into a status code and a page. Never a traceback for bad input.
"""

from __future__ import annotations

from pathlib import Path


class BeleidslensError(Exception):
    """Base class for every error a user can cause and fix.

    ``source`` names the file, URL or thing the problem is in; ``line`` is optional.
    ``str(error)`` is the one-line message shown to the user.
    """

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, source: str | Path | None = None, line: int | None = None):
        self.message = message
        self.source = str(source) if source is not None else None
        self.line = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ""
        if self.source:
            where = self.source
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return (where + self.message).replace("\n", " ")


class IngestError(BeleidslensError):
    """A document could not be read (bad file, bad format, unreachable URL, too large)."""

    exit_code = 3
    http_status = 422


class IngestWarning(UserWarning):
    """A document was read, but part of it was not (a PDF page that failed to load).

    ``str(warning)`` is one line naming the source and what was left out."""

    def __init__(self, message: str, source: str | Path | None = None):
        self.message = message
        self.source = str(source) if source is not None else None
        where = f"{self.source}: " if self.source else ""
        super().__init__((where + message).replace("\n", " "))


class FrameworkError(BeleidslensError):
    """A framework file is missing or invalid."""

    exit_code = 4
    http_status = 422
    #: every problem found, each its own one-line error (the message names the first)
    problems: list[FrameworkError]

    def __init__(self, message: str, source: str | Path | None = None, line: int | None = None):
        super().__init__(message, source, line)
        self.problems = [self]


class AnalysisError(BeleidslensError):
    """An analysis could not be computed or an analysis file is invalid."""

    exit_code = 5
    http_status = 422


class RenderError(BeleidslensError):
    """A report could not be rendered or written."""

    exit_code = 6
    http_status = 500


class UnknownNameError(BeleidslensError):
    """A name (backend, format, framework) that is not registered."""

    exit_code = 2
    http_status = 404


class AuditFindings(BeleidslensError):
    """`audit` found quotes that are not in the document (or altered), or NIET claims the
    document contradicts; the report is written first (`--report-only`: exit 0)."""

    exit_code = 8


class MissingDependencyError(BeleidslensError):
    """An optional extra is needed for this feature."""

    exit_code = 7
    http_status = 501

    @classmethod
    def for_extra(cls, feature: str, extra: str, module: str) -> MissingDependencyError:
        return cls(
            f"{feature} needs the optional package '{module}': "
            f"install it with: pip install 'beleidslens[{extra}]'"
        )
