"""beleidslens: analyse policy documents against a framework of themes, traceably."""

__version__ = "0.1.0"
