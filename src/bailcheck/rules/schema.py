"""The rule-file format, declared once: what a rule, the settings and a layer's `disable:` may
hold. The loader (policy.py) validates every rule file against it with the record validator, so
a rule file's errors read like a record's: file:line:column, what is wrong, how to fix it."""

from __future__ import annotations

import re
from typing import Any

from bailcheck.findings import RECORD_VERDICTS
from bailcheck.record.schema import Field, enum, flag, list_of, mapping, text, words

STEPS = words("power purpose necessity proportionality enforceability record")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

RULE = mapping({
    "id": text("kebab-case identifier, unique in the policy", required=True),
    "title": text("one line saying what the rule checks", required=True),
    "step": enum(STEPS, "the decision-model step the rule belongs to", required=True),
    "applies_to": list_of(text(), "condition types, `any`, or `record` for a record-level rule",
                          required=True),
    "when": Field("raw", "the condition over facts under which the rule fires", required=True),
    "verdict": enum(RECORD_VERDICTS,
                    "the verdict the rule gives", required=True),
    "message": text("why, in plain English; {fact} inserts a fact's value", required=True),
    "citations": list_of(text(), "the law or guidance relied on", required=True),
    "alternative": text("a less restrictive alternative, or what to do instead"),
    "defence": text("the finding as a ground in a solicitor's representations (defence voice; "
                    "{fact} inserts a fact's value)"),
    "custody": text("the finding as the decision-maker's note must answer it (the officer's or "
                    "court's voice; {fact} inserts a fact's value)"),
    "verify": flag("rests on a point of law not yet verified; output says \"verify\""),
    "effective": mapping({
        "from": Field("date", "first date the rule applies"),
        "to": Field("date", "last date the rule applies"),
        "basis": enum(("arrest", "decision"), "which date decides: the arrest or the decision"),
    }, "when the rule is in force"),
    "override": flag("replaces a rule of the same id from an earlier policy layer"),
    "review_by": Field("date", "date by which the policy team should review the rule"),
    "examples": list_of(mapping({
        "name": text("short name of the example", required=True),
        "fires": flag("whether the rule must fire"),
        "record": Field("raw", "record fragment laid over the base example record"),
        "condition": Field("raw", "the condition under test (becomes condition c1)"),
    }), "examples: a case where the rule fires and a close case where it must not"),
})

SETTINGS = mapping({
    "review_days_before": list_of(Field("count"), "internal review points, in days before each "
                                  "deadline (bail-period end, first court date)"),
}, "policy settings; a later layer's value replaces an earlier one")

DEFAULT_SETTINGS: dict[str, Any] = {"review_days_before": [14, 7]}

RULE_FILE = mapping({
    "settings": SETTINGS,
    "rules": list_of(RULE, "the rules in this file"),
    "disable": list_of(mapping({
        "id": text("the rule to disable", required=True),
        "reason": text("why the force disables it", required=True),
        "review_by": Field("date", "when to reconsider"),
    }), "rules from earlier layers to switch off"),
})
