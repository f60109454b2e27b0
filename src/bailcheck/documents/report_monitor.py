"""The report's aggregates, kept as record summaries stream past: counters and bounded lists.

Memory stays flat however many records there are: counts by verdict, type, month, rule and
decision-maker unit; recurring wordings keyed by their normalised text (at most WORDING_CAP
distinct, the rarest dropped when the cap is reached, which the report states); the worst
ROW_LIMIT records and the REVIEW_LIMIT dates nearest to --as-of, with totals. `as_record` gives
the one JSON-ready document every output format is rendered from.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bailcheck.documents.report import REVIEW_DAYS, RecordSummary
from bailcheck.documents.report_funnel import LIMITS, binomial_counts
from bailcheck.findings import CONDITION_VERDICTS, Tally, Verdict
from bailcheck.rules.policy import Policy

ROW_LIMIT = 250  # per-record rows kept: the worst first
REVIEW_LIMIT = 150  # dates kept in each of "due soon" and "overdue"
UNREADABLE_LIMIT = 200
WORDING_CAP = 20_000  # distinct normalised wordings kept while streaming
WORDINGS_SHOWN = 30
SET_CAP = 1_000  # distinct officers or stations counted per wording ("1000+" beyond)
UNIT_CAP = 20_000  # distinct units per dimension; later new units go to "(others)"
UNITS_SHOWN = 30  # units listed beside a funnel plot, besides those outside the limits
FLAGGED = frozenset({"disproportionate", "unlawful"})  # what the funnel plots count
UNITS = (("force", "Force (case.force)"), ("station", "Station (decision.station)"),
         ("officer", "Decision-maker (decision.by)"))
NOT_RECORDED = "(not recorded)"
OTHERS = "(others, over the cap)"


@dataclass
class _Wording:
    example: str
    type: str
    rights: tuple[str, ...]
    records: int = 0
    conditions: int = 0
    officers: set[str] = field(default_factory=set)
    stations: set[str] = field(default_factory=set)
    verdicts: Counter[str] = field(default_factory=Counter)


class Monitor:
    def __init__(self, policy: Policy, today: date, since: date | None = None,
                 until: date | None = None) -> None:
        self.policy, self.today, self.since, self.until = policy, today, since, until
        self.tally = Tally(Verdict.UNENFORCEABLE)
        self.seq = 0
        self.outside_period = 0
        self.first = self.last = ""
        self.by_type: Counter[tuple[str, str]] = Counter()
        self.by_month: Counter[tuple[str, str]] = Counter()
        self.rule_conditions: Counter[str] = Counter()
        self.rule_records: Counter[str] = Counter()
        self.record_rules: Counter[str] = Counter()
        self.with_record_findings = 0
        self.units: dict[str, dict[str, Counter[str]]] = {d: {} for d, _ in UNITS}
        self.wordings: dict[str, _Wording] = {}
        self.pruned_below = 0
        self.rights: dict[str, Counter[str]] = {}
        self.rights_records: Counter[str] = Counter()
        self.rows: list[tuple[tuple[int, ...], int, dict[str, Any]]] = []
        self.row_total = 0
        self.soon: list[tuple[int, int, int, dict[str, Any]]] = []
        self.overdue: list[tuple[int, int, int, dict[str, Any]]] = []
        self.soon_total = self.overdue_total = 0
        self.soon_records = self.overdue_records = 0
        self.derived_ranks = 0
        self.unreadable: list[dict[str, Any]] = []
        self.ticks = 0

    def _tick(self) -> int:
        """A number that keeps heap entries distinct (so they never compare their rows)."""
        self.ticks += 1
        return self.ticks

    def in_period(self, s: RecordSummary) -> bool:
        if s.outcome.unreadable:
            return True
        when = date.fromisoformat(s.decided)
        return not ((self.since and when < self.since) or (self.until and when > self.until))

    def add(self, s: RecordSummary) -> bool:
        """Count one record; False if its decision falls outside --since/--until."""
        self.seq += 1
        if not self.in_period(s):
            self.outside_period += 1
            return False
        self.tally.add(s.outcome)
        if s.outcome.unreadable:
            if len(self.unreadable) < UNREADABLE_LIMIT:
                self.unreadable.append({"path": s.path, "line": s.problem_at[0],
                                        "column": s.problem_at[1], "problems": s.problems,
                                        "linkable": s.linkable})
            return True
        self.first = min(self.first or s.decided, s.decided)
        self.last = max(self.last, s.decided)
        month = s.decided[:7]
        conditions = s.conditions
        counts: dict[str, int] = {}  # plain dicts and loops: Counter.update costs a microsecond
        by_type, rule_conditions = self.by_type, self.rule_conditions
        fired: set[str] = set(s.record_rules)
        rights: set[str] = set()
        for c in conditions:
            verdict = c.verdict
            counts[verdict] = counts.get(verdict, 0) + 1
            key = (c.type, verdict)
            by_type[key] = by_type.get(key, 0) + 1
            for rule in c.rules:
                rule_conditions[rule] = rule_conditions.get(rule, 0) + 1
            fired.update(c.rules)
            for category in c.rights:
                table = self.rights.get(category) or self.rights.setdefault(category, Counter())
                table[verdict] = table.get(verdict, 0) + 1
                rights.add(category)
        for verdict, n in counts.items():
            key = (month, verdict)
            self.by_month[key] = self.by_month.get(key, 0) + n
        if conditions:  # a unit is listed once it has decided a condition
            for dim, unit in (("force", s.force), ("station", s.station),
                              ("officer", s.officer)):
                table = self._unit(dim, unit)
                for verdict, n in counts.items():
                    table[verdict] = table.get(verdict, 0) + n
        for bag, keys in ((self.rule_records, fired), (self.record_rules, s.record_rules),
                          (self.rights_records, rights)):
            for key_ in keys:
                bag[key_] = bag.get(key_, 0) + 1
        self.with_record_findings += bool(s.record_rules)
        self._wordings(s)
        self._row(s, counts)
        if s.due:
            self._due(s)
        return True

    def _unit(self, dim: str, unit: str) -> Counter[str]:
        table = self.units[dim]
        key = unit or NOT_RECORDED
        found = table.get(key)
        if found is not None:
            return found
        if len(table) >= UNIT_CAP:
            key = OTHERS
        return table.setdefault(key, Counter())

    def _wordings(self, s: RecordSummary) -> None:
        seen = set()
        for cond in s.conditions:
            entry = self.wordings.get(cond.wording)
            if entry is None:
                entry = self.wordings[cond.wording] = _Wording(cond.example, cond.type,
                                                               cond.rights)
            entry.conditions += 1
            entry.verdicts[cond.verdict] = entry.verdicts.get(cond.verdict, 0) + 1
            if cond.wording not in seen:
                seen.add(cond.wording)
                entry.records += 1
                for bag, value in ((entry.officers, s.officer), (entry.stations, s.station)):
                    if len(bag) < SET_CAP:
                        bag.add(value or NOT_RECORDED)
        if len(self.wordings) > WORDING_CAP:
            while len(self.wordings) > WORDING_CAP // 2:
                self.pruned_below += 1
                self.wordings = {k: w for k, w in self.wordings.items()
                                 if w.records > self.pruned_below}

    def _row(self, s: RecordSummary, counts: dict[str, int]) -> None:
        rank = Verdict.parse(s.worst)
        key = (int(rank), counts.get("unlawful", 0), counts.get("disproportionate", 0),
               len(s.conditions) - counts.get("ok", 0), -self.seq)
        self.row_total += 1
        if len(self.rows) >= ROW_LIMIT and (key, self.seq) < self.rows[0][:2]:
            return  # it would be the least bad kept: pushed and popped at once
        row = {"path": s.path, "linkable": s.linkable, "reference": s.reference,
               "date": s.decided, "force": s.force, "station": s.station, "officer": s.officer,
               "worst": s.worst, "conditions": len(s.conditions),
               "verdicts": {v: counts[v] for v in CONDITION_VERDICTS if counts.get(v)},
               "record_findings": len(s.record_rules)}
        heapq.heappush(self.rows, (key, self.seq, row))
        if len(self.rows) > ROW_LIMIT:
            heapq.heappop(self.rows)  # the least bad, the latest among equals

    def _due(self, s: RecordSummary) -> None:
        soon = overdue = False
        for d in s.due:
            day = date.fromisoformat(d.date).toordinal()
            self.derived_ranks += d.derived
            if d.status == "overdue":
                overdue = True
                self.overdue_total += 1
                key = (day, -self.seq, self._tick())  # the latest kept
                heap = self.overdue
            else:
                soon = True
                self.soon_total += 1
                key = (-day, -self.seq, -self._tick())  # the earliest kept
                heap = self.soon
            if len(heap) >= REVIEW_LIMIT and key < heap[0][:3]:
                continue  # it would be pushed and popped at once
            heapq.heappush(heap, (*key, {
                "date": d.date, "reference": s.reference, "path": s.path,
                "linkable": s.linkable, "station": s.station, "what": d.what, "basis": d.basis,
                "status": d.status, "rank": d.rank, "derived": d.derived}))
            if len(heap) > REVIEW_LIMIT:
                heapq.heappop(heap)
        self.soon_records += soon
        self.overdue_records += overdue

    # -- the document

    def as_record(self, meta: dict[str, Any]) -> dict[str, Any]:
        t = self.tally
        conditions = sum(t.verdicts.values())
        return {
            "bailcheck": {**meta, "since": _iso(self.since), "until": _iso(self.until)},
            "limits": {"rows": ROW_LIMIT, "review": REVIEW_LIMIT, "wordings": WORDING_CAP,
                       "review_days": REVIEW_DAYS, "unreadable": UNREADABLE_LIMIT},
            "headline": {
                "records": t.records, "unreadable": t.unreadable, "internal": t.internal,
                "checked": t.records - t.unreadable, "conditions": conditions,
                "outside_period": self.outside_period,
                "verdicts": {v: t.verdicts.get(v, 0) for v in CONDITION_VERDICTS},
                "shares": {v: _pct(t.verdicts.get(v, 0), conditions) for v in CONDITION_VERDICTS},
                "record_findings": dict(sorted(t.record_verdicts.items())),
                "records_with_record_findings": self.with_record_findings,
                "record_rules": [self._rule(r, n, "records") for r, n in _top(self.record_rules)],
                "accepted": t.accepted,
                "period": {"from": self.first, "to": self.last},
            },
            "by_type": _breakdown(self.by_type, "type"),
            "by_month": sorted(_breakdown(self.by_month, "month"), key=lambda r: r["month"]),
            "rules": [{**self._rule(r, n, "findings"), "records": self.rule_records[r]}
                      for r, n in _top(self.rule_conditions + self.record_rules)],
            "units": {dim: self._units(dim, label) for dim, label in UNITS},
            "copied": self._copied(),
            "rights": self._rights(),
            "review": self._review(),
            "records": {"rows": [row for _k, _s, row in sorted(
                self.rows, key=lambda item: tuple(-x for x in item[0]))],
                "total": self.row_total},
            "unreadable": {"rows": self.unreadable, "total": t.unreadable},
        }

    def _rule(self, rule_id: str, n: int, what: str) -> dict[str, Any]:
        rule = self.policy.get(rule_id)  # every finding came from this policy's rules
        return {"rule": rule_id, "title": rule.title, "verdict": rule.verdict.label,
                "step": rule.step, "citations": list(rule.citations), what: n}

    def _units(self, dim: str, label: str) -> dict[str, Any]:
        table = self.units[dim]
        total = sum(sum(c.values()) for c in table.values())
        flagged = sum(c[v] for c in table.values() for v in FLAGGED)
        p0 = flagged / total if total else 0.0
        units: list[dict[str, Any]] = []
        for unit, counts in table.items():
            n = sum(counts.values())
            k = sum(counts[v] for v in FLAGGED)
            b95lo, b95hi, blo, bhi = binomial_counts(n, p0, [*LIMITS[0], *LIMITS[1]])
            bounds = {"95": (b95lo, b95hi), "99.8": (blo, bhi)}
            low, high = bounds["99.8"]
            outside = "above" if k > high else "below" if k < low else ""
            units.append({"unit": unit, "conditions": n, "flagged": k, "share": round(k / n, 4),
                          "limits": {name: [round(lo / n, 4), round(hi / n, 4)]
                                     for name, (lo, hi) in bounds.items()},
                          "outside": outside,
                          "verdicts": {v: counts[v] for v in CONDITION_VERDICTS if counts[v]}})
        units.sort(key=lambda u: (-u["conditions"], u["unit"]))
        outliers = sorted((u for u in units if u["outside"]),
                          key=lambda u: (u["outside"] != "above", -u["share"], u["unit"]))
        shown = units[:UNITS_SHOWN] + [u for u in units[UNITS_SHOWN:] if u["outside"]]
        return {"label": label, "overall_share": round(p0, 4), "conditions": total,
                "flagged": flagged, "total_units": len(units), "units": shown,
                "outliers": outliers}

    def _copied(self) -> dict[str, Any]:
        recurring = [(k, w) for k, w in self.wordings.items() if w.records >= 2]
        recurring.sort(key=lambda kw: (-kw[1].records, -kw[1].conditions, kw[0]))
        return {"wordings": [_wording(k, w) for k, w in recurring[:WORDINGS_SHOWN]],
                "recurring": len(recurring), "distinct": len(self.wordings),
                "pruned_below": self.pruned_below}

    def _rights(self) -> dict[str, Any]:
        categories: list[dict[str, Any]] = [{"category": cat, "conditions": sum(c.values()),
                       "records": self.rights_records[cat],
                       "verdicts": {v: c[v] for v in CONDITION_VERDICTS if c[v]}}
                      for cat, c in self.rights.items()]
        categories.sort(key=lambda r: (-r["conditions"], r["category"]))
        wordings = [(k, w) for k, w in self.wordings.items() if w.rights]
        wordings.sort(key=lambda kw: (-kw[1].records, -kw[1].conditions, kw[0]))
        return {"categories": categories,
                "wordings": [_wording(k, w) for k, w in wordings[:WORDINGS_SHOWN]]}

    def _review(self) -> dict[str, Any]:
        soon = sorted(self.soon, key=lambda i: (-i[0], -i[1], -i[2]))
        overdue = sorted(self.overdue, key=lambda i: (i[0], -i[1], i[2]))
        return {"days": REVIEW_DAYS, "as_of": self.today.isoformat(),
                "soon": [i[3] for i in soon], "soon_total": self.soon_total,
                "soon_records": self.soon_records,
                "overdue": [i[3] for i in overdue], "overdue_total": self.overdue_total,
                "overdue_records": self.overdue_records, "derived_ranks": self.derived_ranks}


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _pct(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0


def _top(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _breakdown(counter: Counter[tuple[str, str]], name: str) -> list[dict[str, Any]]:
    rows: dict[str, Counter[str]] = {}
    for (key, verdict), n in counter.items():
        rows.setdefault(key, Counter())[verdict] += n
    out = [{name: key, "conditions": sum(c.values()),
            "verdicts": {v: c[v] for v in CONDITION_VERDICTS}} for key, c in rows.items()]
    return sorted(out, key=lambda r: (-r["conditions"], r[name]))


def _wording(key: str, w: _Wording) -> dict[str, Any]:
    def size(bag: set[str]) -> str:
        return f"{SET_CAP}+" if len(bag) >= SET_CAP else str(len(bag))
    return {"wording": key, "example": w.example, "type": w.type, "rights": list(w.rights),
            "records": w.records, "conditions": w.conditions, "officers": size(w.officers),
            "stations": size(w.stations),
            "verdicts": {v: w.verdicts[v] for v in CONDITION_VERDICTS if w.verdicts[v]}}
