"""Frameworks: themes with aspects (remedies), loaded from validated YAML."""

from .loader import builtin_frameworks, load_framework, parse_framework
from .schema import Aspect, Framework, Theme

__all__ = [
    "Aspect",
    "Framework",
    "Theme",
    "builtin_frameworks",
    "load_framework",
    "parse_framework",
]
