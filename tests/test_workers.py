"""The forked workers behind --jobs: order kept, failures reported, no process left behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bailcheck import workers
from bailcheck.batch import can_fork, map_records
from bailcheck.workers import WorkerFailed, forked_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork")


def _paths(n: int) -> list[Path]:
    return [Path(f"r{i:05d}.yaml") for i in range(n)]


def _slow_odd_blocks(path: str) -> tuple[str, int]:  # workers hand on paths as strings
    name = os.path.basename(path)
    index = int(name[1:6])
    if (index // workers.BLOCK) % 3 == 0:  # some blocks take far longer, out of step
        time.sleep(0.002)
    return name, os.getpid()


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("n", [0, 1, workers.BLOCK, 40 * workers.BLOCK + 3])
def test_results_come_back_in_order_from_several_processes(jobs: int, n: int) -> None:
    paths = _paths(n)
    got = list(forked_map(iter(paths), _slow_odd_blocks, jobs))
    assert [name for name, _ in got] == [p.name for p in paths]
    if n > workers.BLOCK * jobs:
        assert len({pid for _, pid in got}) == jobs  # every worker took a share
        assert os.getpid() not in {pid for _, pid in got}


def test_one_process_and_several_give_the_same(tmp_path: Path) -> None:
    for i in range(50):
        (tmp_path / f"r{i:03d}.yaml").write_text("x")
    def work(path: Path | str) -> str:
        return os.path.basename(path)

    one = list(map_records([tmp_path], work, jobs=1))
    assert list(map_records([tmp_path], work, jobs=2)) == one
    assert one == sorted(one)


def _unpicklable(path: str) -> object:
    return lambda: path  # a result that cannot cross between processes: a bug


def test_a_result_that_cannot_cross_is_reported_not_hung() -> None:
    with pytest.raises(WorkerFailed, match=r"PicklingError|AttributeError"):
        list(forked_map(iter(_paths(40)), _unpicklable, 2))


def _dies(path: str) -> str:
    if path == "r00020.yaml":
        os._exit(9)
    return path


def test_a_worker_that_dies_is_reported_not_hung() -> None:
    with pytest.raises(WorkerFailed, match="ended unexpectedly"):
        list(forked_map(iter(_paths(100)), _dies, 2))
    _assert_no_children()


def test_stopping_early_leaves_no_worker_behind() -> None:
    results = forked_map(iter(_paths(10_000)), _slow_odd_blocks, 2)
    assert next(results)[0] == "r00000.yaml"
    results.close()  # as when the reader of our output goes away
    _assert_no_children()


def test_the_parent_holds_only_a_window_of_blocks() -> None:
    handed: list[int] = []
    def counted() -> object:
        for i, path in enumerate(_paths(100 * workers.BLOCK)):
            handed.append(i)
            yield path

    results = forked_map(counted(), _slow_odd_blocks, 2)
    next(results)
    time.sleep(0.3)  # the workers race ahead as far as they are allowed
    window = 2 * workers.AHEAD * 2 + 1
    assert len(handed) <= window * workers.BLOCK
    results.close()


def _assert_no_children() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
