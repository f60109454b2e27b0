"""Writing files the user asked for: never over an existing file unless forced, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bailcheck.errors import UsageError


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    """Write via a temporary file in the same folder and rename, so a crash leaves nothing."""
    if path.exists() and not force:
        raise UsageError(f"{path}: already exists; use --force to replace it")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
