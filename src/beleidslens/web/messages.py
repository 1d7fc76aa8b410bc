"""Error messages as the workbench's reader sees them: Dutch from the catalogue, not English.

Errors keep their English one-line message (logs, the CLI, the Python API); the workbench
shows each known message in the reader's language through :mod:`beleidslens.i18n`, matched
by its pattern, with the message's variable parts (a host, a size, a name) carried over.
An unknown message is shown as it is.
"""

from __future__ import annotations

import re

from .. import i18n
from ..errors import BeleidslensError

_MESSAGES: dict[str, tuple[str, dict[str, str]]] = {
    # key: (pattern of the English message, {"nl": ..., "en": ...})
    "web.err.no_theme": (r"no such theme", {"nl": "onbekend thema", "en": "no such theme"}),
    "web.err.no_passage": (
        r"no such passage in this theme",
        {"nl": "deze passage staat niet bij dit thema", "en": "no such passage in this theme"},
    ),
    "web.err.no_aspect": (r"no such aspect", {"nl": "onbekend aspect", "en": "no such aspect"}),
    "web.err.no_item": (
        r"no such (?P<what>analysis|document|run|framework)",
        {"nl": "niet gevonden ({what})", "en": "no such {what}"},
    ),
    "web.err.trim_needs": (
        r"trim needs start and end",
        {"nl": "inkorten vraagt een begin en een eind", "en": "trim needs start and end"},
    ),
    "web.err.trim_outside": (
        r"the sentence is not inside the passage",
        {
            "nl": "de zin ligt niet binnen de passage",
            "en": "the sentence is not inside the passage",
        },
    ),
    "web.err.action": (
        r"unknown action (?P<action>.*)",
        {"nl": "onbekende handeling {action}", "en": "unknown action {action}"},
    ),
    "web.err.no_result": (
        r"the analysis has no finished result yet",
        {
            "nl": "de analyse heeft nog geen afgerond resultaat",
            "en": "the analysis has no finished result yet",
        },
    ),
    "web.err.only_http": (
        r"only http\(s\) web addresses are accepted",
        {
            "nl": "alleen http(s)-webadressen worden aangenomen",
            "en": "only http(s) web addresses are accepted",
        },
    ),
    "web.err.file_type": (
        r"file type (?P<found>\S+) not accepted; allowed: (?P<allowed>.+)",
        {
            "nl": "bestandstype {found} niet toegestaan; toegestaan: {allowed}",
            "en": "file type {found} not accepted; allowed: {allowed}",
        },
    ),
    "web.err.not_utf8": (
        r"not UTF-8 text",
        {"nl": "geen UTF-8-tekst", "en": "not UTF-8 text"},
    ),
    "web.err.no_builtin": (
        r"no such built-in framework \(built-in: (?P<names>.+)\)",
        {
            "nl": "onbekend ingebouwd raamwerk (ingebouwd: {names})",
            "en": "no such built-in framework (built-in: {names})",
        },
    ),
    "web.err.host": (
        r"unknown host; .*",
        {
            "nl": "onbekende host; open de werkbank op het adres dat bij het starten is getoond",
            "en": "unknown host; open the workbench at the address it printed",
        },
    ),
    "web.err.origin": (
        r"request from another (?:site|origin) refused",
        {
            "nl": "verzoek van een andere site geweigerd",
            "en": "request from another site refused",
        },
    ),
    "web.err.busy": (
        r"the workbench is busy.*",
        {
            "nl": "de werkbank is bezig met ander werk; probeer het zo opnieuw",
            "en": "the workbench is busy with other work; try again shortly",
        },
    ),
    "web.err.timeout": (
        r"no result within (?P<seconds>[0-9.]+) s.*",
        {
            "nl": "geen resultaat binnen {seconds} s; gestopt",
            "en": "no result within {seconds} s; stopped",
        },
    ),
    "web.err.fetch_timeout": (
        r"no complete answer within (?P<seconds>[0-9.]+) s.*",
        {
            "nl": "geen volledig antwoord binnen {seconds} s",
            "en": "no complete answer within {seconds} s",
        },
    ),
    "web.err.private_url": (
        r"refused: (?P<host>\S+) is a (?P<kind>[a-z -]+) address \((?P<ip>[^)]+)\).*",
        {
            "nl": "geweigerd: {host} is een niet-openbaar adres ({kind}, {ip}); de werkbank "
            "haalt alleen openbare adressen op",
            "en": "refused: {host} is a {kind} address ({ip}); only public addresses are "
            "fetched here",
        },
    ),
    "web.err.worker": (
        r"the worker stopped without an answer.*",
        {
            "nl": "het verwerken stopte zonder antwoord (te weinig geheugen?)",
            "en": "the worker stopped without an answer (out of memory?)",
        },
    ),
    "web.err.memory": (
        r"needs more memory than allowed",
        {"nl": "vraagt meer geheugen dan toegestaan", "en": "needs more memory than allowed"},
    ),
    "web.err.no_document_text": (
        r"the analysis does not contain the document text",
        {
            "nl": "de analyse bevat de documenttekst niet",
            "en": "the analysis does not contain the document text",
        },
    ),
    "web.err.csrf": (
        r"missing or wrong CSRF token",
        {"nl": "CSRF-token ontbreekt of klopt niet", "en": "missing or wrong CSRF token"},
    ),
    "web.err.too_large": (
        r"(?P<what>file|request) too large \(at most (?P<size>[^)]+)\)",
        {"nl": "te groot (hoogstens {size})", "en": "{what} too large (at most {size})"},
    ),
    "web.err.framework_too_large": (
        r"framework text too large",
        {"nl": "raamwerktekst te groot", "en": "framework text too large"},
    ),
    "web.err.run_deadline": (
        r"the analysis took longer than (?P<seconds>[0-9.]+) s and was stopped",
        {
            "nl": "de analyse duurde langer dan {seconds} s en is gestopt",
            "en": "the analysis took longer than {seconds} s and was stopped",
        },
    ),
}

i18n.add_labels({key: texts for key, (_pattern, texts) in _MESSAGES.items()})
_COMPILED = [(re.compile(f"^(?:{pattern})$"), key) for key, (pattern, _) in _MESSAGES.items()]


def message_in(text: str, lang: str) -> str | None:
    """``text`` (an English message) in ``lang``, or None when the catalogue lacks it."""
    for pattern, key in _COMPILED:
        m = pattern.match(text)
        if m:
            return i18n.t(key, lang, **m.groupdict())
    return None


def localized(exc: BeleidslensError, lang: str) -> str:
    """The one-line message of ``exc`` in ``lang`` (where it names a file, with its name)."""
    text = message_in(exc.message, lang)
    if text is None:
        return exc.one_line()
    where = exc.source or ""
    if where and exc.line is not None:
        where += f":{exc.line}"
    return (f"{where}: {text}" if where else text).replace("\n", " ")


def line_in(line: str, lang: str) -> str:
    """A stored one-line error (``source: message``) with its message in ``lang``."""
    whole = message_in(line, lang)
    if whole is not None:
        return whole
    pos = line.find(": ")
    while pos >= 0:
        text = message_in(line[pos + 2 :], lang)
        if text is not None:
            return f"{line[:pos]}: {text}"
        pos = line.find(": ", pos + 2)
    return line
