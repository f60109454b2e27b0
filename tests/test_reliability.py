"""Reliability: special files, output paths, signals, hostile values, terminal escapes."""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import RECORDS, TODAY, deny_reading

from bailcheck.cli.handler import write
from bailcheck.errors import InputError, OutputError
from bailcheck.files import read_bytes, write_file

PICKET = RECORDS / "picket-line.yaml"


def bailcheck(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
              env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "bailcheck", *args], capture_output=True,
                          input=stdin, cwd=cwd, timeout=timeout,
                          env={**os.environ, "NO_COLOR": "1", **(env or {})})


# -- reading

def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file \\(a named pipe\\)"):
        read_bytes(fifo)
    result = bailcheck("check", str(fifo), "--as-of", TODAY.isoformat(), timeout=20)
    assert result.returncode == 2
    assert b"not a regular file (a named pipe)" in result.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_refused(tmp_path: Path) -> None:
    device = tmp_path / "zero.yaml"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # like /dev/zero, in a temp dir
    with pytest.raises(InputError, match="a device"):
        read_bytes(device)
    link = tmp_path / "policy"
    link.mkdir()
    (link / "rules.yaml").symlink_to(device)
    result = bailcheck("policy", "validate", str(link), timeout=20)
    assert result.returncode == 2 and b"a device" in result.stderr


def test_standard_input_is_read_with_the_same_bound() -> None:
    big = b"a: " + b"x" * 1_100_000 + b"\n"
    result = bailcheck("check", "-", "--format", "json", stdin=big, timeout=20)
    assert result.returncode == 2
    record = json.loads(result.stdout)["records"][0]
    assert record["path"] == "<stdin>" and "over the 1,000,000-byte limit" in record["error"][
        "message"]
    ok = bailcheck("check", "-", "--format", "json", "--as-of", TODAY.isoformat(),
                   stdin=PICKET.read_bytes())
    assert ok.returncode == 1
    assert json.loads(ok.stdout)["records"][0]["path"] == "<stdin>"


def test_an_unreadable_file_is_one_records_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = bailcheck("check", str(missing), str(PICKET), "--format", "json",
                       "--as-of", TODAY.isoformat())
    assert result.returncode == 2
    records = json.loads(result.stdout)["records"]
    assert [r.get("reference") for r in records] == [None, "LTL31-07"]
    assert "cannot read file" in records[0]["error"]["message"]



def _locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A record the process may not read, as a mode-000 file is to anyone but root (the
    tests may run as root, who can read everything)."""
    locked = tmp_path / "locked.yaml"
    locked.write_bytes(PICKET.read_bytes())
    deny_reading(monkeypatch, locked, opening=True)
    return locked


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["regress"],
                                     ["report", "--format", "json"]])
def test_a_file_it_may_not_read_is_that_records_error(run, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       command: list[str]) -> None:
    locked = _locked(tmp_path, monkeypatch)
    result = run(*command, "--as-of", TODAY.isoformat(), str(locked), str(PICKET))
    assert result.exit_code == 2, result.output
    assert "Invalid value" not in result.output  # not a usage error for the whole command
    if command[0] == "check":
        records = json.loads(result.stdout)["records"]
        assert [r.get("reference") for r in records] == [None, "LTL31-07"]
        assert "cannot read file: Permission denied" in records[0]["error"]["message"]
        assert records[1]["conditions"]  # the readable record is checked in full
    elif command[0] == "regress":
        assert f"{locked}:1:1: cannot read file: Permission denied" in result.stdout
        assert "1 passed, 1 failed" in result.stdout  # the other record's own expectations
    else:
        report = json.loads(result.stdout)
        assert [r["path"] for r in report["unreadable"]["rows"]] == [str(locked)]
        headline = report["headline"]
        assert (headline["unreadable"], headline["checked"], headline["conditions"]) == (1, 1, 3)


@pytest.mark.parametrize("command", [["draft", "--for", "custody"], ["reminders"], ["redact"]])
def test_a_single_record_it_may_not_read_says_where(run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     command: list[str]) -> None:
    locked = _locked(tmp_path, monkeypatch)
    dated = [] if command == ["redact"] else ["--as-of", TODAY.isoformat()]
    result = run(*command, *dated, str(locked))
    assert result.exit_code == 2
    assert f"{locked}:1:1: cannot read file: Permission denied" in result.output


# -- writing

def test_the_writer_never_replaces_a_device_or_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    for force in (False, True):
        with pytest.raises(OutputError, match="a named pipe"):
            write_file(fifo, b"draft", force)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(OutputError, match="a folder"):
        write_file(tmp_path, b"draft", True)


def test_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_file(tmp_path / "a.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode) == 0o644


def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    import errno

    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_file(tmp_path / "note.txt", b"draft")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = bailcheck("draft", str(PICKET), "--for", "custody", "-o",
                           str(folder / "note.txt"), "--as-of", TODAY.isoformat())
    finally:
        folder.chmod(0o700)
    if os.geteuid() == 0:  # root may write anyway; the write then succeeds
        assert result.returncode in (0, 2)
    else:
        assert result.returncode == 2 and b"cannot write in this folder" in result.stderr
        assert result.stdout == b""


def test_dash_writes_to_standard_output(tmp_path: Path) -> None:
    result = bailcheck("draft", str(PICKET), "--for", "custody", "-o", "-",
                       "--as-of", TODAY.isoformat(), cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip()
    assert not (tmp_path / "-").exists()


def test_a_killed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from bailcheck.files import write_file\n"
        "real = os.replace\n"
        "def stop(*a):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "os.replace = stop\n"
        "try:\n"
        "    write_file(Path(sys.argv[1]), b'draft' * 1000)\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "x.docx")],
                            capture_output=True, timeout=30)
    assert result.returncode == 130
    assert list(tmp_path.iterdir()) == []


# -- signals

def test_sigint_with_two_jobs_is_one_line_and_exit_130(tmp_path: Path) -> None:
    for i in range(3000):
        (tmp_path / f"r{i:04d}.yaml").write_bytes(PICKET.read_bytes())
    proc = subprocess.Popen([sys.executable, "-m", "bailcheck", "check", str(tmp_path),
                             "--jobs", "2", "--format", "json", "--as-of", TODAY.isoformat()],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(1)  # the first results have come back: the workers are at work
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert err.decode().strip().count("\n") == 0  # one line


def test_a_closed_pipe_exits_quietly() -> None:
    # more output than a pipe holds (about 15 KB a record), so that the reader's going away is
    # always met, however the two processes are scheduled
    records = " ".join([str(PICKET)] * 12)
    script = (f"{sys.executable} -m bailcheck check {records} "
              f"--as-of {TODAY.isoformat()} | head -c 10 >/dev/null; "
              "exit ${PIPESTATUS[0]}")
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 141
    assert result.stderr == b""


def test_the_program_ends_with_its_whole_output_and_exit_code(tmp_path: Path) -> None:
    # `python -m bailcheck check` ends the process without the interpreter's teardown: what it
    # wrote must all be there, and its exit code be the command's
    for i in range(300):
        (tmp_path / f"r{i:03d}.yaml").write_bytes(PICKET.read_bytes())
    result = bailcheck("check", str(tmp_path), "--format", "json", "--as-of", TODAY.isoformat())
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert len(document["records"]) == 300
    assert document["summary"]["records"] == 300
    assert result.stderr == b""
    clean = tmp_path / "clean.yaml"
    clean.write_bytes(PICKET.read_bytes())
    quiet = bailcheck("check", str(clean), "--fail-on", "unlawful", "--as-of", TODAY.isoformat())
    assert quiet.returncode == 0
    assert quiet.stdout.rstrip().endswith(b"no record has a finding at 'unlawful'.")


def test_main_still_raises_systemexit_for_callers_that_go_on(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from bailcheck.cli.app import main

    monkeypatch.setattr(sys, "argv", ["bailcheck", "check", str(PICKET), "--as-of",
                                      TODAY.isoformat()])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert "disproportionate" in capsys.readouterr().out


def _unflushable(error: type[Exception]) -> io.StringIO:
    class Unflushable(io.StringIO):
        def flush(self) -> None:
            raise error

    return Unflushable()


def test_a_closed_stream_at_the_end_goes_the_ordinary_way(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bailcheck.cli import app

    monkeypatch.setattr(sys, "stdout", _unflushable(ValueError))
    with pytest.raises(SystemExit) as exited:
        app.leave(1)
    assert exited.value.code == 1


def test_a_reader_gone_at_the_end_is_exit_141_without_a_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bailcheck.cli import app

    ended: list[int] = []
    monkeypatch.setattr(os, "_exit", ended.append)
    monkeypatch.setattr(sys, "stdout", _unflushable(BrokenPipeError))
    app.leave(1)
    assert ended == [141]
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", _unflushable(BrokenPipeError))  # nowhere to say it
    app.leave(1)
    assert ended == [141, 1]


def test_only_the_writing_is_reported_as_cannot_write(tmp_path: Path,
                                                      capsysbinary: pytest.CaptureFixture[bytes]
                                                      ) -> None:
    from bailcheck.files import open_atomic

    for target in (Path("-"), tmp_path / "out.csv"):
        with pytest.raises(FileNotFoundError), open_atomic(target):
            (tmp_path / "missing" / "x").read_bytes()  # the work's own error, not the writer's
    assert list(tmp_path.iterdir()) == []  # and no temporary file is left behind
    with open_atomic(Path("-")) as out:
        out.write(b"written through\n")
    assert capsysbinary.readouterr().out == b"written through\n"


def test_an_error_outside_any_stream_is_not_called_a_full_output(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bailcheck.cli import app

    def completion(only: str | None) -> object:
        raise FileNotFoundError(2, "No such file or directory", "/home/x/.bashrc")

    monkeypatch.setattr(app, "build", completion)
    monkeypatch.setattr(sys, "argv", ["bailcheck", "--install-completion", "bash"])
    with pytest.raises(FileNotFoundError):
        app.main()


def test_bytes_keep_to_the_text_path_where_newlines_are_translated(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from bailcheck.cli import handler

    monkeypatch.setattr(handler, "_RAW", [None, None])
    monkeypatch.setattr(os, "linesep", "\r\n")
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\r\n")
    assert handler._raw(stream) is None


def test_a_closed_standard_error_keeps_messages_out_of_the_output(tmp_path: Path) -> None:
    script = (f"{sys.executable} -m bailcheck check --format json {PICKET} "
              f"{tmp_path / 'missing.yaml'} --as-of {TODAY.isoformat()} 2>&-")
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 2
    document = json.loads(result.stdout)  # whole, with nothing of stderr's in it
    assert [r["path"].endswith("missing.yaml") for r in document["records"]] == [False, True]


def test_a_broken_standard_error_does_not_cut_the_output_short(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    with out.open("wb") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "bailcheck", "check", "--format", "json",
                                 str(PICKET), str(tmp_path / "missing.yaml"), "--as-of",
                                 TODAY.isoformat()], stdout=handle, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        proc.stderr.close()  # the reader of stderr goes away at once
        assert proc.wait(timeout=60) == 2
    assert len(json.loads(out.read_bytes())["records"]) == 2


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["check", "--format", "json"], ["check"], ["report"], ["draft", "--for", "solicitor"],
    ["policy", "facts"], ["--help"], ["--version"]])
def test_output_that_cannot_be_written_is_one_line_and_exit_2(args: list[str]) -> None:
    # a full disk behind standard output is the user's setting to change, not a bug
    words = [*args, str(PICKET), "--as-of", TODAY.isoformat()] if args[0] in (
        "check", "report", "draft") else args
    with FULL.open("wb") as full:
        result = subprocess.run([sys.executable, "-m", "bailcheck", *words], stdout=full,
                                stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == (
        "standard output: cannot write: No space left on device; the output is incomplete "
        "(send it to a file, or to somewhere that can take it)\n")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_closed_standard_output_is_one_line_and_exit_2(fmt: str) -> None:
    script = (f"{sys.executable} -m bailcheck check {PICKET} --format {fmt} "
              f"--as-of {TODAY.isoformat()} >&-")
    result = subprocess.run(["bash", "-c", script], capture_output=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.decode().startswith("standard output: cannot write: it is closed")
    assert result.stderr.count(b"\n") == 1


# -- hostile values and escapes

def _record(**swap: str) -> str:
    text = PICKET.read_text()
    for old, new in swap.items():
        text = text.replace(old, new)
    return text


def test_a_pasted_narrative_is_not_echoed_whole(tmp_path: Path) -> None:
    narrative = "He said " + "and then " * 25_000
    path = tmp_path / "r.yaml"
    path.write_text(_record(**{"mode_of_trial: summary": f'mode_of_trial: "{narrative}"'}))
    result = bailcheck("check", str(path), "--format", "json")
    assert result.returncode == 2
    message = json.loads(result.stdout)["records"][0]["error"]["message"]
    assert len(message) < 200 and "characters)" in message
    assert len(result.stderr) < 400


def test_terminal_escapes_are_shown_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(_record(**{
        "text: Not to take part in any trade union activity.":
            'text: "Not to \\e]0;OWNED\\a\\e[2J picket \\u202e here."',
        "stage: post_charge": 'stage: "\\e[2J"'}))
    result = bailcheck("check", str(path))
    assert b"\x1b" not in result.stdout + result.stderr
    assert b"\xe2\x80\xae" not in result.stdout + result.stderr  # U+202E
    assert b"\\x1b" in result.stdout
    path.write_text(_record(**{
        "text: Not to take part in any trade union activity.":
            'text: "Not to \\e]0;OWNED\\a\\e[2J picket \\u202e here."'}))
    result = bailcheck("check", str(path), "--as-of", TODAY.isoformat(), "--explain")
    assert b"\x1b" not in result.stdout and b"<U+202E>" in result.stdout


def test_a_file_name_that_is_not_utf8_keeps_json_valid(tmp_path: Path) -> None:
    name = os.fsencode(str(tmp_path)) + b"/bad\xff\xfe.yaml"
    with open(name, "wb") as handle:
        handle.write(PICKET.read_bytes())
    result = bailcheck("check", str(tmp_path), "--format", "json", "--as-of", TODAY.isoformat())
    result.stdout.decode("utf-8")  # valid UTF-8
    assert "bad\\xff\\xfe.yaml" in json.loads(result.stdout)["records"][0]["path"]


def test_text_reports_work_under_the_c_locale() -> None:
    result = bailcheck("check", str(PICKET), "--as-of", TODAY.isoformat(),
                       env={"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""})
    assert result.returncode == 1, result.stderr
    assert b"DISPROPORTIONATE -- fails necessity" in result.stdout


@pytest.mark.parametrize(("encoding", "errors", "text", "expected"), [
    ("utf-8", "strict", "Art 10 – s.5A ‘reasons’\n", "Art 10 – s.5A ‘reasons’\n"),
    ("ascii", "strict", "Art 10 – s.5A ‘reasons’ £5\n", "Art 10 - s.5A 'reasons' GBP 5\n"),
    ("utf-8", "strict", "a \udcff b\n", "a \\udcff b\n"),
    ("ascii", "surrogateescape", "§ 7 – é\n", "s. 7 - \\xe9\n"),
])
def test_output_text_is_written_once_in_a_form_the_stream_can_hold(
        encoding: str, errors: str, text: str, expected: str) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="")
    write(text, stream)
    write("next\n", stream)
    stream.flush()
    assert raw.getvalue().decode(encoding) == expected + "next\n"


def test_encoded_pieces_go_to_a_utf8_stream_in_order_with_its_text() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogateescape", newline="")
    write("[", stream)  # waits in the text layer: the bytes must not overtake it
    write("a–b".encode(), stream)
    write(b",", stream)
    write("c\n", stream)
    write("d’".encode(), stream)
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "[a–b,c\nd’"


def test_encoded_pieces_for_a_stream_in_another_encoding_are_written_as_its_text() -> None:
    def written(piece: str | bytes) -> bytes:
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="latin-1", errors="strict", newline="")
        write(piece, stream)
        stream.flush()
        return raw.getvalue()

    text = "s.3(6)(a)–(ca) £5"
    assert written(text.encode()) == written(text) == b"s.3(6)(a)-(ca) GBP 5"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("reference: LTL31-07", "reference: ~", "`reference` is required in case but has no value"),
    ("stage: post_charge", "stage:", "`stage` is required in the record but has no value"),
    ("made_at: 2017-03-06T18:40", "made_at: 0001-01-01T00:30+01:00", "between 1900 and 2100"),
    ("previous_convictions: 0", "previous_convictions: " + "9" * 5000, "0 to 10,000"),
    ("arrested_at: 2017-03-06T07:55", "arrested_at: 9999-12-30T10:00", "between 1900 and 2100"),
    ("age: 44", "age: 0777", "must not start with 0"),
    ("age: 44", "age: !!int 44", None),
])
def test_values_are_checked_when_read(tmp_path: Path, old: str, new: str,
                                      message: str | None) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(_record(**{old: new}))
    result = bailcheck("check", str(path), str(PICKET), "--format", "json",
                       "--as-of", TODAY.isoformat())
    records = json.loads(result.stdout)["records"]
    assert len(records) == 2 and records[1]["reference"] == "LTL31-07"
    if message is None:
        assert "error" not in records[0]
    else:
        assert result.returncode == 2
        assert message in records[0]["error"]["message"]


def test_folders_are_walked_in_the_order_of_sorting_every_path(tmp_path: Path) -> None:
    from bailcheck.batch import find_records

    for name in ("b.yaml", "a/z.yml", "a.yaml", "a/b/c.yaml", "a-b/x.yaml", "A.yaml", "a0.yaml",
                 "c/d/e/f.yaml", "notes.txt", "a/b.yaml", "D.YAML", "e.Yml", "f.yaml.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    expected = sorted(p for p in tmp_path.rglob("*") if p.suffix.lower() in (".yaml", ".yml"))
    assert {"D.YAML", "e.Yml"} <= {p.name for p in expected}
    assert [Path(p) for p in find_records([tmp_path])] == expected


def test_odd_files_in_a_folder_are_reported_and_a_linked_loop_is_walked_once(
        tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "good.yaml").write_bytes(PICKET.read_bytes())
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (folder / "l1.yaml").symlink_to(folder / "l2.yaml")
    (folder / "l2.yaml").symlink_to(folder / "l1.yaml")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "again").symlink_to(folder)  # a folder linked inside itself
    result = bailcheck("check", str(folder), "--format", "json", "--as-of", TODAY.isoformat(),
                       timeout=30)
    assert result.returncode == 2, result.stderr
    records = {Path(r["path"]).name: r for r in json.loads(result.stdout)["records"]}
    assert sorted(records) == ["dangling.yaml", "good.yaml", "l1.yaml", "l2.yaml", "pipe.yaml"]
    assert [c["verdict"] for c in records["good.yaml"]["conditions"]] == ["disproportionate"] * 3
    assert b"not a regular file (a named pipe)" in result.stderr
    assert b"dangling.yaml:1:1: cannot read file" in result.stderr


def test_a_folders_names_come_back_from_their_joined_form_as_they_were() -> None:
    from bailcheck.batch import _split

    for names in ([], ["a.yaml"], ["a.yaml", "b c.yml", "é.yaml", "x\udcff.yaml", "z" * 300]):
        assert list(_split("\0".join(names))) == names


def test_a_large_folder_is_walked_in_order_without_its_names_as_a_list(tmp_path: Path) -> None:
    from bailcheck.batch import find_records

    names = [f"r{i:05d}.yaml" for i in range(0, 3000, 7)] + ["sub"]
    for name in names[:-1]:
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text("x")
    expected = sorted(p for p in tmp_path.rglob("*.yaml"))
    assert [Path(p) for p in find_records([tmp_path])] == expected


def test_a_streamed_file_appears_only_when_all_went_well(tmp_path: Path) -> None:
    from bailcheck.files import open_atomic

    target = tmp_path / "rows.csv"
    with pytest.raises(RuntimeError), open_atomic(target) as handle:
        handle.write(b"a,b\r\n")
        raise RuntimeError("the run failed half way")
    assert list(tmp_path.iterdir()) == []
    with open_atomic(target) as handle:
        handle.write(b"a,b\r\n")
    assert target.read_bytes() == b"a,b\r\n"
    empty = tmp_path / "none"
    empty.mkdir()
    result = bailcheck("report", str(empty), "--csv", str(tmp_path / "c.csv"), "-o",
                       str(tmp_path / "r.json"), "--format", "json")
    assert result.returncode == 2 and not (tmp_path / "c.csv").exists()
