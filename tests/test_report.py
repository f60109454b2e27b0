"""`bailcheck report`: structural tests on a generated batch of records.

`make_batch` writes a seeded batch of varied records with invented names, and plants what the
report must find: a wording copied into 30 records, an officer with a high share of
disproportionate conditions, and a pre-charge record whose bail period must be extended in
3 days. benchmarks/bench_report.py uses it too.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

AS_OF = date(2026, 3, 2)

FORCES = {
    "Northshire Police": ["Northtown custody suite", "Dockside custody suite"],
    "Westvale Constabulary": ["Westvale custody suite", "Orchard Hill custody suite"],
    "Sampleshire Police": ["Sampleport custody suite", "Eastgate custody suite"],
}
FIRST = ["Orla", "Tamsin", "Bryn", "Idris", "Morwenna", "Caspian", "Elowen", "Jory", "Senara",
         "Kenver", "Lowena", "Perran", "Demelza", "Tristan", "Wenna", "Piran"]
LAST = ["Penhallow", "Trevithick", "Nankervis", "Polglase", "Carveth", "Tregothnan", "Rosewarne",
        "Kitto", "Pascoe", "Chenoweth", "Trelawney", "Angwin", "Jago", "Vosper"]
STREETS = ["Mill Lane", "Orchard Street", "Beech Close", "Quarry Road", "Harbour Row",
           "Chapel Hill", "Foundry Square", "Rope Walk", "Tannery Lane", "Kiln Court"]
TOWNS = ["Northtown", "Westvale", "Sampleport", "Eastgate", "Dockside", "Orchard Hill"]
EMPLOYERS = ["Harbour Distribution Ltd", "Kestle Foods", "Porthwyn Engineering", "Tolvan Care"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

PLANTED_WORDING = ("Not to contact {name} or go within 250 metres of {address}, and not to "
                   "enter {street}.")
PLANTED_OFFICER = "PS 9999"
EXTENSION_REFERENCE = "GEN/EXT/0001"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(['Ms', 'Mr', 'Mrs', 'Miss'])} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _address(rng: random.Random, town: str) -> tuple[str, str]:
    street = rng.choice(STREETS)
    return f"{rng.randint(1, 120)} {street}, {town}", street


def _condition(kind: str, rng: random.Random, ctx: dict[str, str]) -> dict[str, Any]:
    """One condition of a kind, worded with the record's own names and places."""
    name, address, street, town = ctx["name"], ctx["address"], ctx["street"], ctx["town"]
    purpose = rng.choice([["no_offending"], ["no_interference"], ["no_offending"],
                          ["surrender"], None])
    out: dict[str, Any]
    if kind == "curfew":
        start = rng.choice(["20:00", "21:00", "22:00", "22:00", "19:00", "14:00"])
        out = {"type": "curfew", "text": f"To remain indoors at {address} between {start} and "
               "07:00 every day.", "address": address, "from": start, "to": "07:00"}
    elif kind == "non_contact":
        out = {"type": "non_contact", "text": f"Not to contact {name} directly or indirectly.",
               "persons": [name]}
    elif kind == "non_contact_vague":
        out = {"type": "non_contact", "text": "Not to contact any prosecution witness."}
    elif kind == "exclusion":
        out = {"type": "exclusion", "text": f"Not to enter {street}, {town}.",
               "place": f"{street}, {town}", "streets": [street]}
    elif kind == "exclusion_town":
        out = {"type": "exclusion", "text": f"Not to enter {town}.", "place": town,
               "covers": ["town"]}
    elif kind == "exclusion_work":
        out = {"type": "exclusion", "text": f"Not to enter the premises of {ctx['employer']}.",
               "place": ctx["employer"], "covers": ["workplace"]}
    elif kind == "reporting":
        days = sorted(rng.sample(DAYS, rng.choice([1, 1, 2, 4])), key=DAYS.index)
        out = {"type": "reporting", "text": f"Report to {ctx['station']} on "
               f"{', '.join(days)} between 18:00 and 20:00.", "station": ctx["station"],
               "days": days, "window": "18:00-20:00"}
    elif kind == "residence":
        out = {"type": "residence", "text": f"To live and sleep at {address}.",
               "address": address}
    elif kind == "protest":
        out = {"type": "activity", "text": "Not to take part in any protest.",
               "activity": "protest"}
    elif kind == "trade_union":
        out = {"type": "activity", "text": "Not to take part in any trade union activity.",
               "activity": "trade_union"}
    elif kind == "social_media":
        out = {"type": "activity", "text": f"Not to post anything about {name} on social media.",
               "activity": "social_media"}
    else:
        out = {"type": "passport", "text": "Not to apply for any travel documents.",
               "deadline": "2024-01-10T12:00", "recipient": ctx["station"], "hand_in": False}
    if purpose:
        out["purpose"] = purpose
    if rng.random() < 0.5:
        out["reason"] = "Risk shown by the history recorded."
    return out


KINDS = (["curfew"] * 3 + ["non_contact"] * 6 + ["exclusion"] * 4 + ["reporting"] * 3
         + ["residence"] * 4 + ["non_contact_vague", "exclusion_town", "exclusion_work",
                                "protest", "trade_union", "social_media", "passport"])


def make_record(i: int, rng: random.Random, as_of: date = AS_OF) -> dict[str, Any]:
    force = rng.choice([*FORCES, "Northshire Police"])
    station = rng.choice(FORCES[force])
    town = rng.choice(TOWNS)
    address, _street = _address(rng, town)
    victim = _name(rng)
    victim_address, victim_street = _address(rng, rng.choice(TOWNS))
    made = datetime(2024, 1, 1, 9, 0) + timedelta(days=rng.randint(0, 780),
                                                  minutes=rng.randint(0, 600))
    stage = rng.choice(["post_charge", "post_charge", "pre_charge", "court", "street"])
    power = {"post_charge": "s38_1", "pre_charge": "s37_2", "court": "court",
             "street": "s30A"}[stage]
    role = {"court": "magistrates"}.get(stage, "custody_officer")
    officer = f"PS {rng.randint(1000, 1019)}" if stage != "court" else f"Bench {rng.randint(1, 3)}"
    decision: dict[str, Any] = {"made_at": made.strftime("%Y-%m-%dT%H:%M"), "by_role": role,
                                "by": officer, "station": station,
                                "reasons_recorded": rng.random() < 0.85,
                                "copy_given": rng.random() < 0.8}
    if rng.random() < 0.05:
        del decision["station"]
    record: dict[str, Any] = {
        "bailcheck": 1,
        "case": {"reference": f"GEN/{made:%y}/{i:05d}", "force": force},
        "stage": stage,
        "release": {"power": power},
        "decision": decision,
        "person": {"age": rng.randint(17, 70),
                   "previous_convictions": rng.choice([0, 0, 1, 2, 5, 9]),
                   "failures_to_surrender": rng.choice([0, 0, 0, 1, 2]),
                   "fixed_address": True, "address": address,
                   "employment": {"employer": rng.choice(EMPLOYERS),
                                  "workplace": f"{rng.choice(EMPLOYERS)}, {town}",
                                  "hours": "09:00-17:00"}},
        "offences": [{"description": "Criminal damage to a neighbour's car",
                      "mode_of_trial": rng.choice(["summary", "either_way", "either_way"]),
                      "imprisonable": rng.random() < 0.85,
                      "context": rng.choice([["other"], ["domestic"], ["protest"],
                                             ["industrial_dispute"]]),
                      "likely_disposal": rng.choice(["unknown", "non_custodial", "custodial"])}],
        "people": [{"name": victim, "role": "complainant", "individual": True,
                    "known_to_person": rng.random() < 0.5, "address": victim_address}],
        "risks": {"offending_on_bail": rng.choice(["", "Two previous offences against her.",
                                                    "Repeated damage at the same address."]),
                  "fail_to_surrender": rng.choice(["", "", "Failed to surrender in 2023."])},
        "dates": {},
        "conditions": [],
    }
    if force == "Westvale Constabulary" and rng.random() < 0.2:
        del record["case"]["force"]
    if stage == "pre_charge":
        arrested = made - timedelta(hours=rng.randint(3, 20))
        record["dates"]["arrested_at"] = arrested.strftime("%Y-%m-%dT%H:%M")
        record["dates"]["answer_bail_on"] = (made + timedelta(days=rng.randint(20, 80))
                                             ).date().isoformat()
    elif stage in ("post_charge", "court"):
        record["dates"]["first_court_date"] = (made + timedelta(days=rng.randint(7, 21))
                                               ).date().isoformat()
    if not record["dates"]:
        del record["dates"]
    ctx = {"name": victim, "address": victim_address, "street": victim_street, "town": town,
           "employer": record["person"]["employment"]["employer"], "station": station}
    record["conditions"] = [_condition(rng.choice(KINDS), rng, ctx)
                            for _ in range(rng.randint(1, 4))]
    return record


def _plant_copied(record: dict[str, Any]) -> None:
    victim = record["people"][0]
    street = victim["address"].split(", ")[0].split(" ", 1)[1]
    record["conditions"].insert(0, {
        "type": "non_contact", "persons": [victim["name"]], "purpose": ["no_interference"],
        "text": PLANTED_WORDING.format(name=victim["name"], address=victim["address"],
                                       street=street)})


def _plant_officer(record: dict[str, Any], rng: random.Random) -> None:
    """A decision-maker whose curfews are far too long: all disproportionate."""
    record["stage"], record["release"] = "post_charge", {"power": "s38_1"}
    record["decision"].update(by_role="custody_officer", by=PLANTED_OFFICER,
                              station="Eastgate custody suite")
    record["case"]["force"] = "Sampleshire Police"
    record["dates"] = {"first_court_date": (datetime.fromisoformat(
        record["decision"]["made_at"]) + timedelta(days=10)).date().isoformat()}
    address = record["person"]["address"]
    record["conditions"] = [{"type": "curfew", "address": address, "from": "14:00", "to": "08:00",
                             "purpose": ["no_offending"], "reason": "Night-time offending.",
                             "text": f"Curfew at {address} from 14:00 to 08:00."}
                            for _ in range(rng.randint(2, 3))]


def _extension_record(as_of: date) -> dict[str, Any]:
    """Pre-charge bail under the 2022 regime whose 3-month period ends in 3 days."""
    end = as_of + timedelta(days=3)
    arrested = datetime(end.year, end.month, end.day, 10, 0)
    month = arrested.month - 3
    arrested = arrested.replace(year=arrested.year + (month - 1) // 12,
                                month=(month - 1) % 12 + 1)
    made = arrested + timedelta(hours=8)
    return {
        "bailcheck": 1,
        "case": {"reference": EXTENSION_REFERENCE, "force": "Westvale Constabulary"},
        "stage": "pre_charge", "release": {"power": "s37_2"},
        "decision": {"made_at": made.strftime("%Y-%m-%dT%H:%M"), "by_role": "custody_officer",
                     "by": "PS 1003", "station": "Westvale custody suite",
                     "reasons_recorded": True, "copy_given": True},
        "person": {"age": 30, "previous_convictions": 1, "fixed_address": True,
                   "address": "3 Kiln Court, Westvale"},
        "offences": [{"description": "Theft from a shop", "mode_of_trial": "either_way",
                      "imprisonable": True}],
        "people": [{"name": "Mr Bryn Vosper", "role": "complainant", "individual": True}],
        "risks": {"offending_on_bail": "Three thefts from the same shop this year."},
        "dates": {"arrested_at": arrested.strftime("%Y-%m-%dT%H:%M")},
        "victim_views": {"sought": True},
        "conditions": [{"type": "exclusion", "text": "Not to enter Kestle Foods, Quarry Road.",
                        "place": "Kestle Foods, Quarry Road", "streets": ["Quarry Road"],
                        "purpose": ["no_offending"], "reason": "The shop stolen from."}],
    }


def make_batch(folder: Path, *, n: int = 200, seed: int = 16, as_of: date = AS_OF,
               copied: int = 30, planted: int = 30) -> list[Path]:
    """Write n varied records (with the planted ones among them) and one unreadable record."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        record = make_record(i, rng, as_of)
        if i % (n // copied) == 1 and i // (n // copied) < copied:
            _plant_copied(record)
        elif i % (n // planted) == 2 and i // (n // planted) < planted:
            _plant_officer(record, rng)
        path = folder / f"sub{i % 3}" / f"r{i:05d}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
        paths.append(path)
    ext = folder / "extension-due.yaml"
    ext.write_text(yaml.safe_dump(_extension_record(as_of), sort_keys=False), encoding="utf-8")
    bad = folder / "unreadable.yaml"
    bad.write_text("bailcheck: 1\ncase: {reference: BAD}\nstage: nowhere\n", encoding="utf-8")
    return [*paths, ext, bad]


# -- the tests

ROOT = Path(__file__).resolve().parents[1]


def _invoke(*args: str) -> Any:
    from typer.testing import CliRunner

    from bailcheck.cli.app import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False,
                              env={"NO_COLOR": "1"})


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "records"
    make_batch(folder)
    return folder


@pytest.fixture(scope="module")
def out(batch: Path) -> dict[str, Any]:
    """Every output once: HTML with CSV, JSON, Markdown, and `check --format json`."""
    folder = batch.parent
    html, table, doc, md = (folder / n for n in ("report.html", "conditions.csv",
                                                  "report.json", "report.md"))
    as_of = AS_OF.isoformat()
    first = _invoke("report", str(batch), "-o", str(html), "--csv", str(table), "--as-of", as_of)
    assert first.exit_code == 2, first.output  # the one unreadable record
    assert "1 of 202 records could not be read" in first.output
    assert _invoke("report", str(batch), "-o", str(doc), "--as-of", as_of).exit_code == 2
    assert _invoke("report", str(batch), "-o", str(md), "--as-of", as_of).exit_code == 2
    check = _invoke("check", str(batch), "--format", "json", "--as-of", as_of)
    return {"html": html.read_text(encoding="utf-8"), "csv": table.read_text(encoding="utf-8"),
            "doc": json.loads(doc.read_text(encoding="utf-8")),
            "md": md.read_text(encoding="utf-8"), "check": json.loads(check.stdout),
            "folder": folder}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "action", "data", "poster"):
                self.refs.append((tag, name, value or ""))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_html_parses_and_every_svg_is_xml(out: dict[str, Any]) -> None:
    page = _parsed(out["html"])
    assert page.tags[0] == "html" and "table" in page.tags and "script" not in page.tags
    svgs = re.findall(r"<svg\b.*?</svg>", out["html"], re.DOTALL)
    assert len(svgs) == 6  # by type, by month, rules, three funnel plots
    for svg in svgs:
        root = ET.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    ids = re.findall(r'\bid="([^"]+)"', out["html"])
    assert len(ids) == len(set(ids)), "ids repeat across the inline SVGs"
    assert out["html"].count("<figure>") == 6
    assert out["html"].count("<table>") >= 13  # a table behind every chart, and more


def test_nothing_is_fetched_from_anywhere(out: dict[str, Any]) -> None:
    html = out["html"]
    page = _parsed(html)
    assert page.refs, "the page links to its records"
    for tag, name, value in page.refs:
        assert not re.match(r"(?i)\s*(https?:|//|[a-z][a-z0-9+.-]*:)", value), (tag, name, value)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        assert tag not in page.tags
    # inside the SVGs too (an SVG's xmlns is a namespace name, never fetched): every href
    # is a fragment of the same document
    for value in re.findall(r'(?:xlink:)?href="([^"]*)"', "".join(
            re.findall(r"<svg\b.*?</svg>", html, re.DOTALL))):
        assert value.startswith("#"), value
    assert not re.search(r"(?i)url\(\s*['\"]?(?!#)", html)  # CSS and SVG url() are local
    assert "@import" not in html and "<!DOCTYPE svg" not in html


def test_headline_equals_check(out: dict[str, Any]) -> None:
    head, summary = out["doc"]["headline"], out["check"]["summary"]
    assert head["records"] == summary["records"] == 202
    assert head["unreadable"] == summary["unreadable"] == 1
    assert {v: n for v, n in head["verdicts"].items() if n} == summary["verdicts"]
    assert head["conditions"] == sum(summary["verdicts"].values())
    assert head["record_findings"] == summary["record_findings"]
    by_rule: dict[str, int] = {}
    for rec in out["check"]["records"]:
        for rule in {f["rule"] for f in rec.get("findings", []) if not f.get("accepted")}:
            by_rule[rule] = by_rule.get(rule, 0) + 1
    assert {r["rule"]: r["records"] for r in head["record_rules"]} == by_rule
    made = [r for r in _records(out["folder"] / "records")]
    assert head["period"] == {"from": min(made), "to": max(made)}
    tiles = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", out["html"])
    assert dict(tiles)["Records"] == "202"
    assert dict(tiles)["Conditions"] == str(head["conditions"])
    assert dict(tiles)["Unreadable records"] == "1"


def _records(folder: Path) -> list[str]:
    dates = []
    for path in folder.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data.get("decision"), dict):
            dates.append(str(data["decision"]["made_at"])[:10])
    return dates


def test_json_and_csv_agree_with_check(out: dict[str, Any]) -> None:
    expected = []
    for rec in out["check"]["records"]:
        for cond in rec.get("conditions", []):
            rules = sorted({f["rule"] for f in cond["findings"] if not f.get("accepted")})
            expected.append((rec["path"], rec["reference"], cond["id"], cond["type"],
                             cond["verdict"], " ".join(rules)))
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    got = [(r["path"], r["reference"], r["condition"], r["type"], r["verdict"], r["rules"])
           for r in rows]
    assert got == expected
    doc = out["doc"]
    by_type: dict[str, dict[str, int]] = {}
    findings: dict[str, int] = {}
    for rec in out["check"]["records"]:
        for cond in rec.get("conditions", []):
            counts = by_type.setdefault(cond["type"], {})
            counts[cond["verdict"]] = counts.get(cond["verdict"], 0) + 1
            for f in cond["findings"]:
                findings[f["rule"]] = findings.get(f["rule"], 0) + (not f.get("accepted"))
        for f in rec.get("findings", []):
            findings[f["rule"]] = findings.get(f["rule"], 0) + (not f.get("accepted"))
    assert {r["type"]: {v: n for v, n in r["verdicts"].items() if n}
            for r in doc["by_type"]} == by_type
    assert {r["rule"]: r["findings"] for r in doc["rules"]} == {
        k: v for k, v in findings.items() if v}
    assert all(r["citations"] for r in doc["rules"])
    assert doc["records"]["total"] == 201 and len(doc["records"]["rows"]) == 201
    worst = [r["worst"] for r in doc["records"]["rows"]]
    from bailcheck.findings import Verdict
    assert worst == sorted(worst, key=lambda v: -Verdict.parse(v))


def test_a_wording_copied_into_30_records_is_listed_with_30(out: dict[str, Any]) -> None:
    copied = {w["wording"]: w for w in out["doc"]["copied"]["wordings"]}
    key = ("not to contact [person] or go within 250 metres of [place] and not to enter "
           "[place]")
    assert copied[key]["records"] == 30
    assert copied[key]["example"] == ("Not to contact [person] or go within 250 metres of "
                                      "[place], and not to enter [place].")
    assert int(copied[key]["officers"]) > 1 and int(copied[key]["stations"]) > 1
    assert ">30</td>" in out["html"].split(copied[key]["example"], 1)[1][:200]
    rights = {c["category"] for c in out["doc"]["rights"]["categories"]}
    assert {"activity: protest", "activity: trade union", "exclusion covering workplace",
            "exclusion covering town"} <= rights


def test_no_name_from_people_appears_anywhere(out: dict[str, Any]) -> None:
    names = set()
    for path in (out["folder"] / "records").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for someone in data.get("people", []) or []:
            names.add(someone["name"])
    assert len(names) > 50
    surnames = {n.split()[-1] for n in names if len(n.split()[-1]) >= 4}
    for kind in ("html", "csv", "md"):
        text = out[kind].casefold()
        for name in names | surnames:
            assert name.casefold() not in text, (kind, name)
    text = json.dumps(out["doc"]).casefold()
    assert not [n for n in names | surnames if n.casefold() in text]


def test_a_unit_with_a_planted_high_share_is_outside_the_limit(out: dict[str, Any]) -> None:
    officers = {u["unit"]: u for u in out["doc"]["units"]["officer"]["units"]}
    planted = officers[PLANTED_OFFICER]
    assert planted["outside"] == "above"
    assert planted["share"] > planted["limits"]["99.8"][1]
    p0 = out["doc"]["units"]["officer"]["overall_share"]
    usual = min((u for u in officers.values() if u["conditions"] >= 20 and u is not planted),
                key=lambda u: abs(u["share"] - p0))
    assert usual["outside"] == ""
    assert usual["limits"]["99.8"][0] <= usual["share"] <= usual["limits"]["99.8"][1]
    outliers = [u["unit"] for u in out["doc"]["units"]["officer"]["outliers"]]
    assert outliers[0] == PLANTED_OFFICER and usual["unit"] not in outliers
    station = {u["unit"]: u for u in out["doc"]["units"]["station"]["units"]}
    assert station["Eastgate custody suite"]["outside"] == "above"
    para = out["html"].split('id="units-officer"', 1)[1].split("<table>", 1)[0]
    assert f"{PLANTED_OFFICER} — " in para


def test_an_extension_due_in_3_days_is_to_review_now_with_its_rank(out: dict[str, Any]
                                                                    ) -> None:
    review = out["doc"]["review"]
    due = [d for d in review["soon"] if d["reference"] == EXTENSION_REFERENCE]
    when = (AS_OF + timedelta(days=3)).isoformat()
    extension = [d for d in due if re.match(r"Last day for (an )?inspector or above to extend "
                                            r"the bail period to 6 months", d["what"])]
    assert [d["date"] for d in extension] == [when]
    assert extension[0]["rank"] == "inspector or above"
    assert extension[0]["status"] == "upcoming"
    end = [d for d in due if d["what"] == "End of the applicable bail period"]
    assert end and end[0]["rank"] == "inspector or above"
    assert all(d["date"] <= (AS_OF + timedelta(days=14)).isoformat() for d in review["soon"])
    assert [d["date"] for d in review["soon"]] == sorted(d["date"] for d in review["soon"])
    row = out["html"].split(f">{EXTENSION_REFERENCE}</a>", 1)[1].split("</tr>", 1)[0]
    assert "inspector or above" in row
    assert review["overdue_total"] > 0 and all(d["status"] == "overdue"
                                               for d in review["overdue"])


def test_markdown_has_the_same_sections(out: dict[str, Any]) -> None:
    md = out["md"]
    for heading in ("## 1. Headline", "## 2. Where the problems are", "## 3. Copied conditions",
                    "## 4. To review now", "## 5. Records, worst first"):
        assert heading in md
    assert f"| {PLANTED_OFFICER} |" in md
    assert "unreadable.yaml: line 1, column 1 (5 problems)" in md  # the batch's unreadable record


def test_output_is_the_same_every_time_and_with_jobs(out: dict[str, Any], batch: Path) -> None:
    again = batch.parent / "again.html"
    as_of = AS_OF.isoformat()
    assert _invoke("report", str(batch), "-o", str(again), "--as-of", as_of, "--jobs", "2",
                   "--csv", str(batch.parent / "again.csv")).exit_code == 2
    assert again.read_text(encoding="utf-8") == out["html"]
    assert (batch.parent / "again.csv").read_text(encoding="utf-8") == out["csv"]


def test_since_and_until_keep_the_period(batch: Path) -> None:
    result = _invoke("report", str(batch), "-f", "json", "--as-of", AS_OF.isoformat(),
                     "--since", "2024-06-01", "--until", "2024-12-31")
    doc = json.loads(result.stdout)
    head = doc["headline"]
    assert head["period"]["from"] >= "2024-06-01"
    assert head["period"]["to"] <= "2024-12-31"
    assert head["outside_period"] > 0
    assert head["records"] + head["outside_period"] == 202
    assert all(r["month"].startswith("2024-") for r in doc["by_month"])


def test_spreadsheet_formulas_are_neutralised(tmp_path: Path) -> None:
    from bailcheck.documents.report_output import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("+1") == "'+1"
    assert cell("-1") == "'-1" and cell("@SUM") == "'@SUM" and cell("PS 12") == "PS 12"
    record = make_record(1, random.Random(3))
    record["decision"]["by"] = "=HYPERLINK(\"x\")"
    record["case"]["reference"] = "@REF"
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    table = tmp_path / "c.csv"
    result = _invoke("report", str(tmp_path / "r.yaml"), "-o", str(tmp_path / "r.html"),
                     "--csv", str(table), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert row["officer"] == "'=HYPERLINK(\"x\")" and row["reference"] == "'@REF"


def test_examples_report_writes_nothing_on_stderr(tmp_path: Path) -> None:
    import subprocess
    import sys

    target = tmp_path / "examples.html"
    done = subprocess.run([sys.executable, "-m", "bailcheck", "report", str(ROOT / "examples"),
                           "-o", str(target), "--as-of", "2026-11-28"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""
    html = target.read_text(encoding="utf-8")
    assert "LTL31-07" in html
    from urllib.parse import unquote

    links = [v for tag, name, v in _parsed(html).refs if tag == "a" and not v.startswith("#")]
    assert len(links) >= 4  # each record, from the report's own folder, relative
    for link in links:
        assert (target.parent / unquote(link)).resolve().is_file(), link
    refused = subprocess.run([sys.executable, "-m", "bailcheck", "report",
                              str(ROOT / "examples"), "-o", str(target)],
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "already exists" in refused.stderr


def test_check_does_not_import_the_report_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; import bailcheck.cli.app; "
            "print(sorted(m for m in ('matplotlib', 'jinja2', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_names_and_places_become_placeholders() -> None:
    from bailcheck.documents.report_words import Scrubber, normalise

    scrub = Scrubber(["Ms Orla Penhallow"], ["14 Mill Lane, Northtown"])
    marked = scrub.marked("Not to contact Ms Orla Penhallow (or Penhallow) at 14 Mill Lane, "
                          "Northtown, nor enter Mill Lane.")
    assert normalise(marked) == ("not to contact [person] or [person] at [place] nor enter "
                                 "[place]")
    assert normalise(scrub.marked("NOT  to contact MS ORLA PENHALLOW!")) == \
        "not to contact [person]"
    assert scrub.shown("PS Penhallow", names_only=True) == "PS [person]"
    assert scrub.shown("Northtown custody suite", names_only=True) == "Northtown custody suite"
    accented = Scrubber(["Ms Zoë Çelik"], ["1 Straße, Köln"])
    assert accented.shown("Not to contact MS ZOË ÇELIK (Çelik) at 1 Straße, Köln; İstanbul.") == (
        "Not to contact [person] ([person]) at [place]; İstanbul.")


def test_binomial_limits_are_exact() -> None:
    from math import comb

    from bailcheck.documents.report_funnel import binomial_count, binomial_limit

    def above(n: int, p: float, r: int) -> float:  # P(X > r)
        return sum(comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(r + 1, n + 1))

    for n, p in ((3, 0.35), (40, 0.35), (400, 0.2), (75, 0.9)):
        r = binomial_count(n, p, 0.999)
        assert above(n, p, r) < 0.001 <= above(n, p, r - 1)
        low = binomial_count(n, p, 0.001)
        assert 1 - above(n, p, low - 1) < 0.001 <= 1 - above(n, p, low)  # P(X < low) < 0.001
    assert binomial_count(3, 0.35, 0.999) == 3  # 3 of 3 happens by chance 4% of the time
    n, p = 10_000, 0.3
    normal = p + 3.0902 * (p * (1 - p) / n) ** 0.5
    assert abs(binomial_limit(n, p, 0.999) - normal) < 0.001
    assert binomial_limit(n, p, 0.001) < p < binomial_limit(n, p, 0.975)
    limits = [binomial_limit(k, p, 0.999) for k in (5, 20, 100, 1000)]
    assert limits == sorted(limits, reverse=True)  # the funnel narrows


def test_a_file_named_after_someone_in_people_is_listed_without_its_name(tmp_path: Path
                                                                          ) -> None:
    record = make_record(7, random.Random(5))
    record["people"][0]["name"] = "Ms Senara Chenoweth"
    (tmp_path / "chenoweth-senara.yaml").write_text(yaml.safe_dump(record), encoding="utf-8")
    outputs = []
    for name in ("r.html", "r.json", "r.md"):
        result = _invoke("report", str(tmp_path / "chenoweth-senara.yaml"), "-o",
                         str(tmp_path / name), "--csv", str(tmp_path / f"{name}.csv"),
                         "--as-of", AS_OF.isoformat())
        assert result.exit_code == 0, result.output
        outputs += [(tmp_path / name).read_text(encoding="utf-8"),
                    (tmp_path / f"{name}.csv").read_text(encoding="utf-8")]
    for text in outputs:
        assert "chenoweth" not in text.casefold() and "senara" not in text.casefold()
    for text in [*outputs[1::2], outputs[2]]:  # the CSVs, and the JSON
        assert "file name withheld" in text
    assert 'href="' not in outputs[0].split("Records, worst first</h2>", 1)[1]


def test_report_writes_nothing_but_the_files_asked_for(tmp_path: Path) -> None:
    """No font or config cache in the user's home, no temporary file left: only -o and --csv
    (a plotting library that keeps a font cache under ~/.cache would fail this)."""
    import os
    import subprocess
    import sys

    home, cwd, out = tmp_path / "home", tmp_path / "cwd", tmp_path / "out"
    for folder in (home, cwd, out):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "MPL")) and k not in ("HOME", "TMPDIR")}
    env.update(HOME=str(home), TMPDIR=str(home), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-m", "bailcheck", "report", str(ROOT / "examples"),
                           "-o", str(out / "r.html"), "--csv", str(out / "c.csv"),
                           "--as-of", "2026-11-28"],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert left == ["cwd", "home", "out", "out/c.csv", "out/r.html"]


def test_the_page_imports_no_plotting_library(out: dict[str, Any]) -> None:
    import subprocess
    import sys

    doc = out["folder"] / "report.json"
    code = ("import json, sys; from pathlib import Path; "
            "from bailcheck.documents.report_output import as_html; "
            f"page = as_html(json.loads(Path({str(doc)!r}).read_text()), Path('.')); "
            "assert page.count(b'<svg') == 6; "
            "print(sorted(m for m in ('matplotlib', 'numpy', 'pygal', 'PIL') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def _svg_of(name: str, data: dict[str, Any]) -> ET.Element:
    from bailcheck.documents.report_charts import chart

    return ET.fromstring(chart(name, data))


SVG = "{http://www.w3.org/2000/svg}"


def test_verdicts_differ_by_hatching_and_label_not_colour_alone(out: dict[str, Any]) -> None:
    root = _svg_of("by-type", out["doc"])
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    shown = [v for v in ("unlawful", "disproportionate", "unenforceable", "needs_justification")
             if any(r["verdicts"][v] for r in out["doc"]["by_type"])]
    assert patterns == {f"by-type-hatch-{v}" for v in shown}
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for verdict in [*shown, "ok"]:
        assert verdict.replace("_", " ") in texts  # the legend names each verdict
    fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert {f"url(#by-type-hatch-{v})" for v in shown} <= fills
    tips = [t.text or "" for r in root.iter(f"{SVG}rect") for t in r.iter(f"{SVG}title")]
    curfew = next(r for r in out["doc"]["by_type"] if r["type"] == "curfew")
    assert (f"curfew: {curfew['verdicts']['disproportionate']:,} disproportionate of "
            f"{curfew['conditions']:,} conditions") in tips


def test_a_funnel_plot_marks_the_outlier_and_draws_the_limits(out: dict[str, Any]) -> None:
    from bailcheck.documents.report_funnel import binomial_count

    table = out["doc"]["units"]["officer"]
    root = _svg_of("funnel-officer", out["doc"])
    lines = list(root.iter(f"{SVG}polyline"))
    limits = [p for p in lines if p.get("stroke-dasharray") in ("6 3", "1.5 2.5")
              and len(p.get("points", "").split()) > 2]  # not the legend's keys
    assert len(limits) == 4  # 95% and 99.8%, above and below
    marks = {(t.text or "").split(":")[0]: el.tag for el in root.iter()
             for t in el.findall(f"{SVG}title") if el.tag != f"{SVG}svg"}
    assert marks[PLANTED_OFFICER] == f"{SVG}path"  # a triangle
    assert sum(1 for tag in marks.values() if tag == f"{SVG}circle") == sum(
        1 for u in table["units"] if not u["outside"])
    assert PLANTED_OFFICER in [t.text for t in root.iter(f"{SVG}text")]
    # the upper 99.8% line, read back at n = 1, is the exact limit there (100%: 1 of 1)
    p0 = table["flagged"] / table["conditions"]
    assert binomial_count(1, p0, 0.999) == 1
    tops = [float(p.get("points", "").split()[0].split(",")[1]) for p in limits]
    zero, full = _y_of(root, "0%"), _y_of(root, "100%")
    assert min(tops) == pytest.approx(full, abs=0.2) and max(tops) == pytest.approx(zero, abs=0.2)


def _y_of(root: ET.Element, label: str) -> float:
    """The y of a tick label's grid line (the label sits 4 units below it)."""
    text = next(t for t in root.iter(f"{SVG}text") if t.text == label)
    return float(text.get("y", "0")) - 4


def test_record_text_in_a_chart_is_escaped_and_made_visible() -> None:
    hostile = "PS <b>&\"1\x1b[31m\u202e"
    unit = {"unit": hostile, "conditions": 40, "flagged": 40, "share": 1.0,
            "outside": "above", "limits": {}, "verdicts": {"disproportionate": 40}}
    other = {**unit, "unit": "PS 2", "flagged": 4, "share": 0.1, "outside": ""}
    table = {"label": "Decision-maker", "conditions": 80, "flagged": 44,
             "units": [unit, other], "outliers": [unit]}
    from bailcheck.documents.report_charts import chart

    svg = chart("funnel-officer", {"units": {"officer": table}})
    root = ET.fromstring(svg)  # still XML
    assert "<b>" not in svg and "\x1b" not in svg and "\u202e" not in svg
    label = next(t.text for t in root.iter(f"{SVG}text") if (t.text or "").startswith("PS <"))
    assert label == "PS <b>&\"1\\x1b[31m<U+202E>"


def test_leaving_out_places_absent_from_the_conditions_changes_no_marking() -> None:
    from bailcheck.documents.report_words import Scrubber, names_and_places

    rng = random.Random(11)
    for i in range(300):
        data = make_record(i, rng)
        if i % 7 == 0:
            _plant_copied(data)
        names, places = names_and_places(data)
        texts = [c["text"] for c in data["conditions"]]
        quick, full = Scrubber(names, places, texts), Scrubber(names, places)
        assert [quick.marked(t) for t in texts] == [full.marked(t) for t in texts]
        for ident in (data["case"]["reference"], data["decision"]["by"], "PS " + names[0],
                      f"{names[0].split()[-1]}-notes.yaml"):
            assert quick.marked(ident, names_only=True) == full.marked(ident, names_only=True)
    assert quick.marked(f"x/{names[0].split()[-1]}.yaml", names_only=True) == "x/\x01.yaml"
