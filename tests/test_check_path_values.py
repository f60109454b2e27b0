"""The values on `check`'s path (the bail clock, the rules, the record's nodes and fields) behave
as the dataclasses they replaced: equal by value, hashable where they were, immutable where they
were frozen, readable in a repr and picklable; and `check` imports neither dataclasses nor
calendar."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bailcheck.clocks.ladders import months_end
from bailcheck.clocks.results import BailClock, Extension, Step
from bailcheck.engine import FactTrace, RuleTrace
from bailcheck.record.node import SCALAR, Node
from bailcheck.record.readers import NUMBER, WHOLE
from bailcheck.record.schema import Field
from bailcheck.rules.matcher import Group, Leaf
from bailcheck.rules.policy import Policy, load_policy

ROOT = Path(__file__).resolve().parents[1]


def test_frozen_values_compare_hash_and_refuse_changes_as_frozen_dataclasses_did() -> None:
    step = Step("s.47ZD", "inspector", 6, date(2023, 4, 10), False, "b")
    assert step == Step("s.47ZD", "inspector", 6, date(2023, 4, 10), False, "b", (), False)
    assert step != Step("s.47ZD", "inspector", 9, date(2023, 4, 10), False, "b")
    assert hash(step) == hash(Step("s.47ZD", "inspector", 6, date(2023, 4, 10), False, "b"))
    assert step != ("s.47ZD", "inspector", 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.rank = "superintendent"
    with pytest.raises(AttributeError):
        del step.rank
    clock = BailClock("none", "n", "no_limit", None, None, verify=("v",))
    assert clock.steps == () and clock.verify == ("v",) and not clock.end_verify
    assert repr(Extension(None, "inspector", 6, "s.47ZD", True, None)) == (
        "Extension(at=None, by_rank='inspector', to_months=6, section='s.47ZD', effective=True, "
        "problem=None)")


def test_values_survive_pickling() -> None:
    trace = RuleTrace("r", "unlawful", True, True,
                      (FactTrace("f", "a fact", "f is true", "true", True, (("k", 3, "v"),)),),
                      "message")
    leaf = Leaf("curfew_hours", "ge", 16, 2, 3)
    values = [trace, leaf, Group("not", (leaf,)), Field("count", "n", high=9),
              BailClock("none", "n", "no_limit", None, None)]
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
    copy = pickle.loads(pickle.dumps(leaf))
    assert copy.test({"curfew_hours": 17}) and not copy.test({"curfew_hours": 15})


def test_nodes_are_compared_by_value_and_unhashable_as_before() -> None:
    one = Node(SCALAR, "x", 1, 2, plain=True, path="p")
    assert one == Node(SCALAR, "x", 1, 2, True, "p", None)
    assert one != Node(SCALAR, "x", 1, 3, plain=True, path="p")
    one.path = "q"  # a node is filled in as its tree is built
    assert one.path == "q"
    with pytest.raises(TypeError):
        hash(one)
    assert repr(Node(SCALAR, "x", 1, 2)) == (
        "Node(kind='scalar', value='x', line=1, column=2, plain=False, path='', tag=None)")


def test_fields_default_as_the_dataclass_did() -> None:
    field = Field("mapping")
    assert field.fields == {} and field.fields is not Field("mapping").fields
    assert (field.high, field.whole, field.item, field.personal) == (10_000, False, None, "")


def test_a_pickled_policy_equals_the_loaded_one_and_rebuilds_what_it_caches() -> None:
    policy = load_policy([ROOT / "policies"], examples=False)
    assert policy.record_rules and policy.plan is not None
    copy = pickle.loads(pickle.dumps(policy))
    assert isinstance(copy, Policy) and copy == policy
    assert "record_rules" not in copy.__dict__ and "plan" not in copy.__dict__
    rule = policy.rules[0]
    assert (copy.rules[0].gate, copy.rules[0].rest) == (rule.gate, rule.rest)


def test_months_end_without_calendar_agrees_with_calendar() -> None:
    import calendar
    from datetime import timedelta

    def reference(start: date, months: int) -> tuple[date, bool]:
        index = start.year * 12 + start.month - 1 + months
        year, month = index // 12, index % 12 + 1
        last = calendar.monthrange(year, month)[1]
        if start.day <= last:
            return date(year, month, start.day) - timedelta(days=1), False
        return date(year, month, last), True

    starts = [date(2023, 1, 1) + timedelta(days=n) for n in range(0, 800, 3)]
    for start in [*starts, date(2023, 8, 31), date(2023, 11, 30), date(9997, 12, 31)]:
        for months in (1, 3, 6, 9, 12, 18, 24):
            assert months_end(start, months) == reference(start, months), (start, months)
    assert months_end(date(2023, 11, 30), 3) == (date(2024, 2, 29), True)  # no 30 February


def test_lazily_compiled_patterns_match_as_the_compiled_ones() -> None:
    assert WHOLE.match("12") and not WHOLE.match("1.5") and not WHOLE.match("x")
    assert NUMBER.match("1.5") and not NUMBER.match("1.") and NUMBER.match("7")


def test_check_imports_neither_dataclasses_nor_calendar(tmp_path: Path) -> None:
    code = ("import json, os, sys\nsys.argv = ['bailcheck', *sys.argv[1:]]\n"
            "from bailcheck.cli.app import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "with open(os.environ['OUT'], 'w') as out:\n    json.dump(sorted(sys.modules), out)\n")
    out = tmp_path / "modules.json"
    done = subprocess.run([sys.executable, "-c", code, "check", "--format", "json",
                           "--as-of", "2026-11-28", str(ROOT / "examples" / "picket-line.yaml")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
                          env={**os.environ, "OUT": str(out)})
    assert out.exists(), done.stderr
    modules = set(json.loads(out.read_text(encoding="utf-8")))
    assert "bailcheck.engine" in modules
    assert {"dataclasses", "calendar", "encodings.utf_8_sig"} & modules == set()
