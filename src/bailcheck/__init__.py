"""bailcheck: check proposed bail conditions in England and Wales."""

__version__ = "0.2.0"
