"""Each record's objects are freed as soon as the record is done.

A reference cycle in what a record leaves behind (its context, its node tree, its report) would
keep the whole record alive until the cyclic garbage collector happened to find it: more memory
in use, more collector work and colder caches on every record of a large batch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from tests.conftest import ROOT, TODAY

from bailcheck.batch import Rendered, compare_paths
from bailcheck.facts.registry import FACTS, Context
from bailcheck.record.validate import load_record
from bailcheck.render.base import Options, renderer

RECORDS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests/cases").glob("*.yaml"))


@contextmanager
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_checking_records_leaves_no_cyclic_garbage(builtin_policy) -> None:
    options = Options(meta={"version": "x", "policy_digest": "d", "policy_sources": 1,
                            "as_of": TODAY.isoformat()}, reader="solicitor", colour=False,
                      explain=False, only=None, fail_on="warn", rules=(), root=str(ROOT))
    for fmt in ("json", "text"):
        encode = renderer("check", fmt, options).encode
        with collector_off():
            outcomes = [outcome.worst for outcome, _text, _w in compare_paths(
                RECORDS, (builtin_policy,), TODAY, finish=Rendered(encode))]
            assert gc.collect() == 0, fmt  # nothing was left for the collector
        assert len(outcomes) == len(RECORDS)


def test_a_record_fact_is_computed_once_for_all_its_conditions(builtin_policy) -> None:
    record = load_record(ROOT / "examples" / "picket-line.yaml")
    assert len(record.conditions) >= 2
    ctx = Context(record, TODAY)
    first, second = (ctx.for_condition(c) for c in record.conditions[:2])
    calls: list[str] = []
    spec = FACTS["age"]
    original = spec.compute
    object.__setattr__(spec, "compute", lambda c: calls.append("age") or original(c))
    try:
        value = first["age"]
        assert second["age"] == value and ctx["age"] == value
        assert calls == ["age"]  # kept in the record's context, for every condition
    finally:
        object.__setattr__(spec, "compute", original)
    assert ctx.shared is ctx and first.shared is ctx


def test_a_condition_fact_is_kept_only_in_its_condition(builtin_policy) -> None:
    record = load_record(ROOT / "examples" / "picket-line.yaml")
    ctx = Context(record, TODAY)
    first, second = (ctx.for_condition(c) for c in record.conditions[:2])
    assert first["condition_type"] == record.conditions[0]["type"]
    assert "condition_type" not in ctx and "condition_type" not in second
    assert second["condition_type"] == record.conditions[1]["type"]


def test_a_record_is_freed_when_dropped() -> None:
    with collector_off():
        record = load_record(ROOT / "examples" / "domestic-precharge.yaml")
        Context(record, TODAY).for_condition(record.conditions[0])["age"]
        del record
        assert gc.collect() == 0
