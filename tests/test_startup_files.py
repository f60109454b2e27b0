"""Files are read with a buffer of their own size, not of the byte limit, and still never past
the limit whatever `stat` said (a file may grow or shrink between stat and read)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from bailcheck.errors import InputError
from bailcheck.files import _bounded, _read_regular, read_bytes

LIMIT = 64


@pytest.mark.parametrize("length", [0, 1, 10, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 50])
@pytest.mark.parametrize("told", [-1, 0, 5, LIMIT - 1, LIMIT, LIMIT + 1, 1000, "true"])
def test_whatever_the_size_stat_gave_the_same_bytes_or_the_same_refusal(
        tmp_path: Path, length: int, told: int | str) -> None:
    content = bytes(range(length))
    size = length if told == "true" else int(told)
    target = tmp_path / "r.yaml"
    target.write_bytes(content)
    fd = os.open(target, os.O_RDONLY)
    try:
        if length > LIMIT:
            with pytest.raises(InputError, match=f"over the {LIMIT:,}-byte limit"):
                _read_regular(fd, "x", LIMIT, size)
            assert os.lseek(fd, 0, os.SEEK_CUR) <= LIMIT + 1  # never read past the limit
        else:
            assert _read_regular(fd, "x", LIMIT, size) == content
    finally:
        os.close(fd)


def test_standard_input_is_refused_past_the_limit() -> None:
    assert _bounded(io.BytesIO(b"a" * LIMIT), "x", LIMIT) == b"a" * LIMIT
    with pytest.raises(InputError, match=f"over the {LIMIT:,}-byte limit"):
        _bounded(io.BytesIO(b"a" * (LIMIT + 1)), "x", LIMIT)


def test_a_file_is_read_whole(tmp_path: Path) -> None:
    target = tmp_path / "r.yaml"
    for length in (0, 1, 4096, 65537):
        target.write_bytes(b"a" * length)
        assert read_bytes(target) == b"a" * length
    target.write_bytes(b"a" * (LIMIT + 1))
    with pytest.raises(InputError):
        read_bytes(target, LIMIT)


def test_a_file_of_the_size_stat_gave_takes_one_read(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.yaml"
    target.write_bytes(b"a" * 40)
    reads: list[int] = []
    real = os.read

    def counting(fd: int, n: int) -> bytes:
        reads.append(n)
        return real(fd, n)

    monkeypatch.setattr(os, "read", counting)
    assert read_bytes(target, LIMIT) == b"a" * 40
    assert reads == [41]  # a short read is the end of a regular file: no second read for EOF
