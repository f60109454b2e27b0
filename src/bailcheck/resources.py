"""Find the built-in policies and templates, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def builtin(name: str) -> Path:
    """The built-in `policies` or `templates` folder.

    In a wheel they are package data under bailcheck/_builtin; an editable install or a source
    checkout has them at the top of the repository instead.
    """
    # the package's own folder, as importlib.resources.files("bailcheck") gives it for an
    # installed package, without importing importlib.resources (and zipfile) on every start
    packaged = Path(__file__).parent / "_builtin" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bailcheck's built-in {name} folder is missing; reinstall bailcheck")
