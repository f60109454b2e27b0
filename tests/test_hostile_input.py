"""Records are untrusted: refuse hostile YAML quickly, with a position and no traceback."""

from __future__ import annotations

import time

import pytest
from tests.conftest import write

from bailcheck.errors import InputError
from bailcheck.record import source as yaml_source
from bailcheck.record.source import MAX_BYTES, MAX_DEPTH, parse

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]"
       for i in range(8)]) + "\n"


def refused(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse(text, "hostile.yaml")
    return str(info.value)


def test_alias_bomb_refused_in_under_a_second() -> None:
    start = time.perf_counter()
    message = refused(BOMB)
    assert time.perf_counter() - start < 1.0
    assert message.startswith("hostile.yaml:2:")
    assert "alias *a is not allowed" in message


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system",
                                 "!!python/object:builtins.dict", "!custom"])
def test_python_and_custom_tags_refused(tag: str) -> None:
    message = refused(f"bailcheck: 1\ncase: {tag} ['echo hi']\n")
    assert message.startswith("hostile.yaml:2:7:")
    assert f"tag `{tag}` is not allowed" in message  # as it was written


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 200_000])
def test_deep_nesting_refused_without_crashing(depth: int) -> None:
    # libyaml's own composer crashes the interpreter at 100,000 levels; we read its events
    # instead and stop at MAX_DEPTH (libyaml's parser itself stops at 1,000)
    message = refused("a: " + "[" * depth + "]" * depth)
    assert "nesting deeper than" in message or "exceeded maximum nesting depth" in message
    assert message.startswith("hostile.yaml:1:")


def test_oversize_file_refused(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (MAX_BYTES + 1))
    with pytest.raises(InputError) as info:
        yaml_source.load(path)
    assert "over the 1,000,000-byte limit" in str(info.value)


def test_binary_garbage_refused(tmp_path) -> None:
    path = tmp_path / "garbage.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError) as info:
        yaml_source.load(path)
    assert "binary, not YAML text" in str(info.value)


def test_non_utf8_reports_the_position(tmp_path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("bailcheck: 1\ncase:\n  reference: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        yaml_source.load(path)
    assert str(info.value).endswith("latin1.yaml:3:17: file is not valid UTF-8 text "
                                    "(save the file as UTF-8)")


@pytest.mark.parametrize(("text", "message"), [
    ("- a\n- b\n", "the document is a sequence, not a mapping"),
    ("", "file is empty"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    ("a: [1, 2\n", "YAML syntax error"),
    ("? [a, b]\n: c\n", "a key must be a plain word"),
])
def test_malformed_documents(text: str, message: str) -> None:
    assert message in refused(text)


def test_cli_reports_garbage_without_traceback(run, tmp_path) -> None:
    path = write(tmp_path, "x.yaml", "")
    path.write_bytes(b"\xfe\x00garbage")
    result = run("check", str(path))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{path}:1:2: file is binary, not YAML text (it holds a NUL byte here)" in result.stdout


def test_a_nul_is_placed_and_utf16_is_named(run, tmp_path) -> None:
    path = write(tmp_path, "nul.yaml", "")
    path.write_bytes(b"bailcheck: 1\ncase: {reference: X\x00}\n")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}:2:20: file is binary, not YAML text (it holds a NUL byte here)" in result.stdout
    path.write_bytes("bailcheck: 1\n".encode("utf-16"))  # with its byte-order mark
    result = run("check", str(path))
    assert result.exit_code == 2
    assert f"{path}:1:1: file is UTF-16 text, not UTF-8 (save the file as UTF-8)" in result.stdout
