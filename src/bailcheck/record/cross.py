"""The checks that span fields of a record, judged on its validated data alone.

Each problem names where it is to be reported as a path into the record (e.g.
("dates", "cps_referrals", 0)); the strict validator turns the path into a line and column, and
the fast path gives the record to the strict one whenever there is any problem at all.
"""

from __future__ import annotations

from typing import Any

from bailcheck.safe_text import quote

Where = tuple[str | int, ...]
Issue = tuple[Where, str, str]  # (where, message, hint)


def _at(where: Where, message: str, hint: str) -> Issue:
    return (where, message, hint)


def suggest(word: str, known: list[str] | tuple[str, ...], quoted: bool = False) -> str:
    """A "did you mean" hint for a misspelt key or value, or a list of what is allowed.
    `quoted` where the names are record text (condition ids): each is quoted as a bad value
    is, and at most ten are listed."""
    import difflib  # only on the way to an error message: a module of some milliseconds

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean {quote(close[0]) if quoted else f'`{close[0]}`'}?"
    if quoted and not known:
        return "the record has none"
    if len(known) > 16 and not quoted:  # a long list helps nobody; say where to look
        return f"it matches none of the {len(known)} known names closely"
    if not quoted:
        return "allowed: " + ", ".join(known)
    more = f" and {len(known) - 10} more" if len(known) > 10 else ""
    return "allowed: " + ", ".join(quote(k) for k in known[:10]) + more


def cross_issues(data: dict[str, Any]) -> list[Issue]:
    """Every cross-field problem of a record whose fields are each valid, in report order."""
    issues = _condition_ids(data)
    issues += _date_order(data)
    person = data["person"]
    if "age" not in person and "date_of_birth" not in person:
        issues.append(_at(("person",), "person needs `age` or `date_of_birth`",
                       "age is the age on the decision date"))
    expected = data.get("expect", {}).get("conditions", {})
    ids = {c["id"] for c in data["conditions"]}
    for cid in expected:
        if cid not in ids:
            issues.append(_at(("expect",), f"expect names condition {quote(cid)}, which the "
                              "record does not have", suggest(cid, sorted(ids), quoted=True)))
    return issues



def _condition_ids(data: dict[str, Any]) -> list[Issue]:
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for i, cond in enumerate(data["conditions"]):
        first = seen.setdefault(cond["id"], i)
        if first != i:
            # a condition without an `id` takes c1, c2… by its place, so the clash may be with
            # an id nobody wrote: say so
            issues.append(_at(("conditions", i), f"condition id `{cond['id']}` is used twice, "
                              f"by conditions {first + 1} and {i + 1} (a condition without an "
                              "`id` takes c1, c2… by its place in the list)",
                              "give each its own id"))
    return issues


def _date_order(data: dict[str, Any]) -> list[Issue]:
    """Spans that end before they start, a person born after the decision, and CPS referrals
    in neither or both forms."""
    issues: list[Issue] = []
    born, decided = data["person"].get("date_of_birth"), data["decision"]["made_at"].date()
    if born is not None and born > decided:
        issues.append(_at(("person", "date_of_birth"), f"`date_of_birth` ({born}) is after the "
                          f"decision ({decided})", "check the date of birth and "
                          "`decision.made_at`"))
    dates = data.get("dates", {})
    for key, first, last in (("cps_referrals", "from", "to"),
                             ("hospital_inpatient_days", "from", "to")):
        for i, entry in enumerate(dates.get(key, [])):
            if entry.get(first) and entry.get(last) and entry[last] < entry[first]:
                issues.append(_at(("dates", key, i), f"`{last}` ({entry[last]}) is before "
                               f"`{first}` ({entry[first]})", "check the two dates"))
    for i, entry in enumerate(dates.get("cps_referrals", [])):
        where: Where = ("dates", "cps_referrals", i)
        new, old = "released_on" in entry or "dpp_requests" in entry, bool(
            {"from", "to"} & set(entry))
        if new == old:
            issues.append(_at(where, "a CPS referral takes either `released_on` (with "
                           "`dpp_requests`) or the first edition's `from` and `to`",
                           "write `released_on: DATE` and its `dpp_requests`"))
        elif new and "released_on" not in entry:
            issues.append(_at(where, "`released_on` is required in a CPS referral",
                           "the date of release for a DPP charging decision"))
        elif old and "from" not in entry:
            issues.append(_at(where, "`from` is required in a CPS referral", "the date referred"))
        for req in entry.get("dpp_requests", []):
            if req.get("met_on") and req["met_on"] < req["made_on"]:
                issues.append(_at(where, f"a DPP request met on {req['met_on']} before it was "
                               f"made on {req['made_on']}", "check the two dates"))
    return issues
