"""Record validation: every problem reported together, at file:line:column, with a hint."""

from __future__ import annotations

import textwrap
from datetime import datetime

import pytest

from bailcheck.errors import RecordError
from bailcheck.record.source import parse
from bailcheck.record.validate import validate

GOOD = """\
bailcheck: 1
case:
  reference: T1
stage: post_charge
decision:
  made_at: 2017-03-06T18:40
person:
  age: 30
  previous_convictions: 0
offences:
  - description: Theft
    mode_of_trial: either_way
    imprisonable: true
conditions:
  - type: curfew
    text: Curfew.
    address: 1 Example Road
    from: 19:00
    to: "07:00"
"""


def problems(text: str) -> list[str]:
    with pytest.raises(RecordError) as info:
        validate(parse(textwrap.dedent(text), "r.yaml"))
    return str(info.value).splitlines()


def test_good_record_normalises_values() -> None:
    record = validate(parse(GOOD, "r.yaml"))
    curfew = record.conditions[0]
    assert (curfew["from"], curfew["to"]) == (19 * 60, 7 * 60)  # unquoted 19:00 is not 1140 s
    assert record.data["decision"]["made_at"] == datetime(2017, 3, 6, 18, 40)
    assert curfew["id"] == "c1"
    assert record.mark("conditions", 0, "from") == (18, 11)


def test_offset_date_time_is_read_as_london_local_time() -> None:
    record = validate(parse(GOOD.replace("2017-03-06T18:40", "2017-07-06T18:40+00:00"), "r"))
    assert record.data["decision"]["made_at"] == datetime(2017, 7, 6, 19, 40)


def test_unknown_key_suggests_the_nearest() -> None:
    text = GOOD.replace("previous_convictions", "previous_convicions")
    assert problems(text) == [
        "r.yaml:8:3: `previous_convictions` is required in person (number of previous convictions)",
        ("r.yaml:9:3: unknown key `previous_convicions` in `person` "
        "(did you mean `previous_convictions`?)"),
    ]

    # a mis-indented line of narrative becomes a key: it is quoted as any bad value is, cut
    said = "Ms Example of 1 Example Road said she was threatened on the night " * 3
    (message,) = problems(GOOD.replace("  previous_convictions: 0\n",
                                       f"  previous_convictions: 0\n  {said.strip()}: yes\n"))
    assert message.startswith("r.yaml:10:3: unknown key `Ms Example of 1 Example Road said")
    assert f"({len(said.strip())} characters)" in message and said.strip() not in message


def test_several_problems_reported_together_in_order() -> None:
    text = (GOOD.replace("stage: post_charge", "stage: postcharge")
            .replace("age: 30", 'age: "thirty"').replace('to: "07:00"', "to: 25:00"))
    assert problems(text) == [
        "r.yaml:4:8: `postcharge` is not a valid stage (did you mean `post_charge`?)",
        ("r.yaml:8:8: age must be a whole number, 0 to 130, not `thirty` "
        "(write digits only, unquoted)"),
        'r.yaml:19:9: to must be a time of day HH:MM, not `25:00` (for example "19:00")',
    ]


def test_field_of_another_condition_type_names_its_owner() -> None:
    text = GOOD + "    radius_m: 50\n"
    assert problems(text) == [
        ("r.yaml:20:5: `radius_m` does not belong to a `curfew` condition (it is a field of "
        "exclusion; a curfew takes `address`, `from`, `to`, `days` of its own)")]


@pytest.mark.parametrize(("change", "expected"), [
    (("made_at: 2017-03-06T18:40", "made_at: 2017-03-06T18:40\n  by_role: [custody_officer]"),
     ("r.yaml:7:12: `by_role` must be a single value, not a list (write one value after the "
     "colon)")),
    (("decision:\n  made_at: 2017-03-06T18:40", "decision: 2017-03-06"),
     ("r.yaml:5:11: `decision` must be a mapping of keys, not `2017-03-06` (write its keys on "
     "the lines below it, indented, as `key: value`)")),
    (("    to: \"07:00\"\n", "    to: \"07:00\"\n    purpose: [surender]\n"),
     "r.yaml:20:15: `surender` is not a valid purpose (did you mean `surrender`?)"),
    (("conditions:\n  - type: curfew", ("expect:\n  conditions: {c1: fine}\nconditions:\n"
      "  - type: curfew")),
     "r.yaml:15:20: `fine` is not a valid verdict for `c1` (allowed: unlawful"),
    ((("conditions:\n  - type: curfew\n    text: Curfew.\n    address: 1 Example Road\n"
      "    from: 19:00\n    to: \"07:00\"\n"), "conditions:\n  - Curfew at home.\n"),
     "r.yaml:15:5: each condition must be a mapping with `type` and `text` (write it as"),
])
def test_a_wrong_shape_says_how_to_write_it(change: tuple[str, str], expected: str) -> None:
    assert problems(GOOD.replace(*change))[0].startswith(expected)


def test_a_tagged_string_is_told_to_lose_its_tag() -> None:
    text = GOOD.replace("imprisonable: true", "imprisonable: !!str true")
    assert problems(text) == [("r.yaml:13:19: imprisonable must be true or false, not `true` "
                              "(write true or false without quotes or a !!str tag)")]


@pytest.mark.parametrize(("change", "expected"), [
    (("  age: 30\n", ""), "r.yaml:8:3: person needs `age` or `date_of_birth`"),
    (("imprisonable: true", "imprisonable: maybe"),
     "r.yaml:13:19: imprisonable must be true or false, not `maybe`"),
    (("made_at: 2017-03-06T18:40", "made_at: 6 March"),
     "r.yaml:6:12: made_at must be a date or date-time between 1900 and 2100, not `6 March`"),
    (("bailcheck: 1", "bailcheck: 2"), "r.yaml:1:12: `2` is not a valid bailcheck"),
])
def test_type_and_cross_field_errors(change: tuple[str, str], expected: str) -> None:
    assert problems(GOOD.replace(*change))[0].startswith(expected)


def test_conditions_must_be_a_list() -> None:
    text = GOOD.split("conditions:", maxsplit=1)[0] + "conditions: none\n"
    assert problems(text) == [("r.yaml:14:13: `conditions` must be a list, not `none` "
                              "(write items on lines starting with `- `, or as [a, b])")]


def test_duplicate_condition_ids_and_unknown_expected_id() -> None:
    text = GOOD + "    id: a\n  - id: a\n    type: doorstep\n    text: Door.\n"
    assert problems(text) == [("r.yaml:21:5: condition id `a` is used twice, by conditions 1 and "
                              "2 (a condition without an `id` takes c1, c2… by its place in the "
                              "list) (give each its own id)")]
    # the second condition has no id and takes c2 by its place: the message says so
    text = GOOD + "    id: c2\n  - type: doorstep\n    text: Door.\n"
    assert problems(text)[0].startswith("r.yaml:21:5: condition id `c2` is used twice, by "
                                        "conditions 1 and 2 (a condition without an `id` takes")
    text = GOOD + "expect:\n  conditions:\n    c2: ok\n"
    assert problems(text) == [("r.yaml:21:3: expect names condition `c2`, which the record does "
                              "not have (allowed: `c1`)")]
    # ids are record text: each is quoted and cut, and only ten are listed
    many = GOOD.replace("conditions:\n", "conditions:\n" + "".join(
        f"  - {{id: k{i}-{'x' * 90}, type: doorstep, text: Door.}}\n" for i in range(12)))
    (message,) = problems(many + "expect:\n  conditions:\n    zz: ok\n")
    assert message.count("characters)") == 9 and message.endswith("and 3 more)")  # + c13
    assert len(message) < 1400


def test_missing_required_section() -> None:
    text = GOOD.replace("stage: post_charge\n", "")
    assert problems(text)[0] == ("r.yaml:1:1: `stage` is required in the record "
                                 "(street, pre_charge, post_charge or court bail)")


def test_a_person_born_after_the_decision_is_a_record_error() -> None:
    text = GOOD.replace("  age: 30\n", "  date_of_birth: 2017-03-07\n")
    assert problems(text) == [("r.yaml:8:18: `date_of_birth` (2017-03-07) is after the decision "
                               "(2017-03-06) (check the date of birth and `decision.made_at`)")]
    born_that_day = GOOD.replace("  age: 30\n", "  date_of_birth: 2017-03-06\n")
    assert validate(parse(born_that_day, "r.yaml")).data["person"]["date_of_birth"].day == 6
