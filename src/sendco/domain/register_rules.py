"""Validation rules for the SEN register, shared by forms, the API, imports and the census return.

No Django imports. Every check returns ``list[Problem]``; an empty list means valid.
Messages are written for a SENCO, not a developer.

Field names in problems: ``"code"``/``"start"`` for a status change; ``"provision"``;
``"needs"`` for rules about the set of needs; ``"needs[i].code"``, ``"needs[i].rank"``,
``"needs[i].start"``, ``"needs[i].end"`` for the i-th need of the list passed in;
``"status_history[i]..."``/``"status_history"`` for ``check_history``; ``"date_of_birth"``.

Rules come from the school census guide / CTF specification as summarised in the domain
reference, section 1. NSA-only-with-K is marked CHECK there (census validation wording).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sendco.domain.census import NeedPeriod, StatusPeriod, needs_on, status_on
from sendco.domain.sen_codes import (
    CURRENT_PROVISION_CODES,
    HISTORIC_PROVISION_CODES,
    NEED_TYPES,
    PROVISION_CODES,
    PROVISIONS_WITH_NEEDS,
    provision_label,
)

__all__ = [
    "Problem",
    "apply_status_change",
    "census_problems",
    "check_history",
    "check_needs",
    "check_status_change",
]


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


def _d(d: date) -> str:
    """3 October 2024"""
    return f"{d.day} {d:%B %Y}"


def _need_label(code: str) -> str:
    nt = NEED_TYPES.get(code)
    return f"{nt.code} ({nt.name})" if nt else repr(code)


_RANK_WORDS = {1: "primary need (rank 1)", 2: "secondary need (rank 2)"}


def _rank_label(rank: int) -> str:
    return _RANK_WORDS.get(rank, f"need of rank {rank}")


def _current_codes_text() -> str:
    return ", ".join(provision_label(c) for c in CURRENT_PROVISION_CODES[:-1]) + (
        f" or {provision_label(CURRENT_PROVISION_CODES[-1])}"
    )


# --------------------------------------------------------------------------- status changes


def _latest(existing: Sequence[StatusPeriod]) -> StatusPeriod | None:
    return max(existing, key=lambda p: p.start) if existing else None


def _order_problems(new_code: str, start: date, existing: Sequence[StatusPeriod]) -> list[Problem]:
    """Problems with where a new period starting on ``start`` would sit in the history."""
    latest = _latest(existing)
    if latest is None:
        return []
    if start <= latest.start:
        return [
            Problem(
                "start",
                "not_after_latest",
                f"A new status must start after the latest one, {provision_label(latest.code)} from "
                f"{_d(latest.start)}. To correct older history, edit the existing periods instead.",
            )
        ]
    if latest.end is not None and start <= latest.end:
        return [
            Problem(
                "start",
                "overlap",
                f"This overlaps {provision_label(latest.code)}, which runs from {_d(latest.start)} "
                f"to {_d(latest.end)}. Start the new status on {_d(latest.end + timedelta(days=1))} "
                "or later.",
            )
        ]
    if latest.end is None and latest.code == new_code:
        return [
            Problem(
                "code",
                "already",
                f"The pupil is already on {provision_label(latest.code)}, since {_d(latest.start)}; "
                "there is nothing to change.",
            )
        ]
    return []


def _implicit_n_problem(new_code: str, existing: Sequence[StatusPeriod]) -> list[Problem]:
    """No open period means the pupil is N, so a change to N changes nothing."""
    if new_code != "N" or any(p.end is None for p in existing):
        return []
    return [
        Problem(
            "code",
            "already",
            f"The pupil has no open SEN status, which already counts as {provision_label('N')}; "
            "there is nothing to change.",
        )
    ]


def check_status_change(
    *,
    new_code: str,
    start: date,
    existing: Sequence[StatusPeriod],
    date_of_birth: date | None,
    allow_historic: bool = False,
    today: date,
) -> list[Problem]:
    """Can the pupil's provision change to ``new_code`` from ``start``?

    A new status must start after the start of the latest period (it then closes the open
    period the day before, see ``apply_status_change``); if the latest period is already
    closed the new one must start after its end. Historic codes S, A and P are only
    accepted when ``allow_historic`` (imports of old records).
    """
    problems: list[Problem] = []
    if new_code not in PROVISION_CODES:
        problems.append(
            Problem(
                "code",
                "unknown",
                f"{new_code!r} is not an SEN provision code. Use {_current_codes_text()}.",
            )
        )
    elif new_code in HISTORIC_PROVISION_CODES and not allow_historic:
        problems.append(
            Problem(
                "code",
                "historic",
                f"{provision_label(new_code)} is a historic code that is only kept from old records "
                f"and imports. Use {_current_codes_text()}.",
            )
        )
    if date_of_birth is not None and start < date_of_birth:
        problems.append(
            Problem(
                "start",
                "before_birth",
                f"The start date {_d(start)} is before the pupil's date of birth ({_d(date_of_birth)}).",
            )
        )
    if start > today:
        problems.append(
            Problem(
                "start",
                "future",
                f"The start date {_d(start)} is in the future. Record the change on or after the day it "
                "happens.",
            )
        )
    order = _order_problems(new_code, start, existing)
    problems.extend(order or _implicit_n_problem(new_code, existing))
    return problems


def apply_status_change(existing: Sequence[StatusPeriod], new_code: str, start: date) -> list[StatusPeriod]:
    """The history after changing to ``new_code`` from ``start``, sorted by start date.

    The open period (if any) is closed the day before ``start`` and a new open period is
    added. Changing to the code that is already current returns the history unchanged
    (sorted). Run ``check_status_change`` first; this raises ``ValueError`` for a change
    that cannot be applied (back-dating before the latest period, overlapping a closed
    period, or an unknown code).
    """
    if new_code not in PROVISION_CODES:
        raise ValueError(f"{new_code!r} is not an SEN provision code.")
    history = sorted(existing, key=lambda p: p.start)
    problems = _order_problems(new_code, start, history) or _implicit_n_problem(new_code, history)
    if any(p.code == "already" for p in problems):
        return history
    if problems:
        raise ValueError(problems[0].message)
    opened = [p for p in history if p.end is None]
    if len(opened) > 1:
        raise ValueError("The status history has more than one open period; fix the history first.")
    result = [
        StatusPeriod(p.code, p.start, start - timedelta(days=1)) if p.end is None else p for p in history
    ]
    result.append(StatusPeriod(new_code, start, None))
    return result


# --------------------------------------------------------------------------- needs


def _single_need_problems(i: int, need: NeedPeriod, date_of_birth: date | None) -> list[Problem]:
    problems: list[Problem] = []
    if need.code not in NEED_TYPES:
        problems.append(
            Problem(
                f"needs[{i}].code",
                "unknown_need",
                f"{need.code!r} is not a census need type. Use one of: {', '.join(NEED_TYPES)}.",
            )
        )
    if isinstance(need.rank, bool) or not isinstance(need.rank, int) or need.rank < 1:
        problems.append(
            Problem(
                f"needs[{i}].rank",
                "bad_rank",
                f"The rank of {_need_label(need.code)} must be a whole number: 1 for the primary need, "
                "2 for the secondary need, 3 or more for further needs.",
            )
        )
    if date_of_birth is not None and need.start < date_of_birth:
        problems.append(
            Problem(
                f"needs[{i}].start",
                "before_birth",
                f"{_need_label(need.code)} starts on {_d(need.start)}, before the pupil's date of birth "
                f"({_d(date_of_birth)}).",
            )
        )
    if need.end is not None and need.end < need.start:
        problems.append(
            Problem(
                f"needs[{i}].end",
                "end_before_start",
                f"{_need_label(need.code)} ends on {_d(need.end)}, before it starts ({_d(need.start)}).",
            )
        )
    return problems


def _active_set_problems(provision: str, active: Sequence[NeedPeriod], on: date) -> list[Problem]:
    """Rules about the needs active on one day, for a pupil with ``provision`` that day."""
    problems: list[Problem] = []
    ranks = [n.rank for n in active]

    if provision in PROVISIONS_WITH_NEEDS and ranks.count(1) == 0:
        problems.append(
            Problem(
                "needs",
                "no_primary",
                f"A pupil on {provision_label(provision)} must have a primary need (rank 1)"
                + (f" on {_d(on)}." if active else "."),
            )
        )
    for rank in sorted(set(ranks)):
        count = ranks.count(rank)
        if count < 2:
            continue
        codes = ", ".join(n.code for n in active if n.rank == rank)
        code = {1: "several_primary", 2: "several_secondary"}.get(rank, "duplicate_rank")
        problems.append(
            Problem(
                "needs",
                code,
                f"Only one {_rank_label(rank)} is allowed at a time, but {count} are recorded on "
                f"{_d(on)} ({codes}). Give the others a different rank or end them.",
            )
        )

    seen: set[str] = set()
    for n in active:
        if n.code in seen:
            problems.append(
                Problem(
                    "needs",
                    "duplicate_need",
                    f"{_need_label(n.code)} is recorded more than once on {_d(on)}. A need type can "
                    "appear only once; keep the one with the right rank.",
                )
            )
        seen.add(n.code)

    if "NSA" in seen and provision != "K":
        if provision == "E":
            why = (
                "A pupil with an EHC plan has had a statutory assessment: record the assessed need "
                "type instead."
            )
        else:
            why = f"This pupil is on {provision_label(provision)}."
        problems.append(
            Problem(
                "needs",
                "nsa_not_k",
                "NSA (SEN support, no specialist assessment) can only be used for a pupil on "
                f"{provision_label('K')}. {why}",
            )
        )
    return problems


def check_needs(
    *,
    provision: str,
    needs: Sequence[NeedPeriod],
    date_of_birth: date | None,
    on: date,
) -> list[Problem]:
    """Check a pupil's needs for a pupil whose provision on ``on`` is ``provision``.

    Every need: known type, rank >= 1, not before the date of birth, not ending before it
    starts. Needs active on ``on``: exactly one rank 1 for K or E; ranks unique (so at most
    one rank 2 - the CTF may carry further ranks 3, 4, ...); each type at most once; NSA
    only with K.
    """
    problems: list[Problem] = []
    if provision not in PROVISION_CODES:
        problems.append(
            Problem(
                "provision",
                "unknown",
                f"{provision!r} is not an SEN provision code. Use {_current_codes_text()}.",
            )
        )
    for i, need in enumerate(needs):
        problems.extend(_single_need_problems(i, need, date_of_birth))
    problems.extend(_active_set_problems(provision, needs_on(needs, on), on))
    return problems


# --------------------------------------------------------------------------- whole history


def check_history(
    status_periods: Sequence[StatusPeriod],
    need_periods: Sequence[NeedPeriod],
    date_of_birth: date | None,
) -> list[Problem]:
    """Consistency of a pupil's whole SEN history.

    Status periods: known codes (historic ones allowed), not before birth, end not before
    start, no overlaps, at most one open period and only the latest may be open. Needs:
    each need valid on its own, and on no day two needs of the same type or the same rank.
    """
    problems: list[Problem] = []
    for i, p in enumerate(status_periods):
        if p.code not in PROVISION_CODES:
            problems.append(
                Problem(
                    f"status_history[{i}].code",
                    "unknown",
                    f"{p.code!r} (from {_d(p.start)}) is not an SEN provision code.",
                )
            )
        if date_of_birth is not None and p.start < date_of_birth:
            problems.append(
                Problem(
                    f"status_history[{i}].start",
                    "before_birth",
                    f"{provision_label(p.code)} starts on {_d(p.start)}, before the pupil's date of "
                    f"birth ({_d(date_of_birth)}).",
                )
            )
        if p.end is not None and p.end < p.start:
            problems.append(
                Problem(
                    f"status_history[{i}].end",
                    "end_before_start",
                    f"{provision_label(p.code)} ends on {_d(p.end)}, before it starts ({_d(p.start)}).",
                )
            )

    open_periods = [p for p in status_periods if p.end is None]
    if len(open_periods) > 1:
        problems.append(
            Problem(
                "status_history",
                "several_open",
                f"{len(open_periods)} status periods have no end date ("
                + ", ".join(f"{provision_label(p.code)} from {_d(p.start)}" for p in open_periods)
                + "). Only the current status can be open.",
            )
        )

    ordered = sorted(status_periods, key=lambda p: p.start)
    for a_i, a in enumerate(ordered):
        for b in ordered[a_i + 1 :]:
            if a.end is not None and b.start > a.end:
                continue
            if a.end is None and b.start != a.start:
                problems.append(
                    Problem(
                        "status_history",
                        "open_not_latest",
                        f"{provision_label(a.code)} from {_d(a.start)} has no end date, but "
                        f"{provision_label(b.code)} starts later, on {_d(b.start)}. End "
                        f"{a.code} on {_d(b.start - timedelta(days=1))}.",
                    )
                )
            else:
                problems.append(
                    Problem(
                        "status_history",
                        "overlap",
                        f"{provision_label(a.code)} from {_d(a.start)} and {provision_label(b.code)} "
                        f"from {_d(b.start)} overlap. A pupil has one provision code on any day.",
                    )
                )

    for i, need in enumerate(need_periods):
        problems.extend(_single_need_problems(i, need, date_of_birth))

    problems.extend(_need_clashes(need_periods))
    return problems


def _need_clashes(need_periods: Sequence[NeedPeriod]) -> list[Problem]:
    """Pairs of need periods that overlap in time with the same type or the same rank."""
    problems: list[Problem] = []
    for i, a in enumerate(need_periods):
        for b in need_periods[i + 1 :]:
            a_end = a.end or date.max
            b_end = b.end or date.max
            if not (a.start <= b_end and b.start <= a_end):
                continue
            when = _d(max(a.start, b.start))
            if a.code == b.code:
                problems.append(
                    Problem(
                        "needs",
                        "duplicate_need",
                        f"{_need_label(a.code)} is recorded twice at the same time (from {when}). A need "
                        "type can appear only once; keep the one with the right rank.",
                    )
                )
            elif a.rank == b.rank:
                code = {1: "several_primary", 2: "several_secondary"}.get(a.rank, "duplicate_rank")
                problems.append(
                    Problem(
                        "needs",
                        code,
                        f"{a.code} and {b.code} are both recorded as the {_rank_label(a.rank)} from "
                        f"{when}. Only one need can have each rank at a time.",
                    )
                )
    return problems


# --------------------------------------------------------------------------- census


def census_problems(
    status_periods: Sequence[StatusPeriod],
    need_periods: Sequence[NeedPeriod],
    date_of_birth: date | None,
    on: date,
) -> list[Problem]:
    """What would fail validation of a current census return for this pupil on census day ``on``.

    Historic codes (S, A, P) are always reported: the census has not accepted A and P
    since 2015 or S since 2018, so this is meant for current returns, not for re-checking
    old ones.
    """
    problems: list[Problem] = []
    if date_of_birth is not None and date_of_birth > on:
        problems.append(
            Problem(
                "date_of_birth",
                "after_census",
                f"The pupil's date of birth ({_d(date_of_birth)}) is after census day ({_d(on)}).",
            )
        )
    covering = [p for p in status_periods if p.covers(on)]
    if len(covering) > 1:
        problems.append(
            Problem(
                "status_history",
                "ambiguous",
                f"More than one provision code covers census day {_d(on)} ("
                + ", ".join(provision_label(p.code) for p in covering)
                + "). A pupil has one provision code on any day.",
            )
        )
    provision = status_on(status_periods, on)
    if provision not in PROVISION_CODES:
        problems.append(
            Problem(
                "provision",
                "unknown",
                f"{provision!r} is not an SEN provision code. Use {_current_codes_text()}.",
            )
        )
    elif provision in HISTORIC_PROVISION_CODES:
        problems.append(
            Problem(
                "provision",
                "historic",
                f"On census day {_d(on)} the pupil is recorded as {provision_label(provision)}, a "
                f"historic code the census no longer accepts. Use {_current_codes_text()}.",
            )
        )
    return problems + _census_need_problems(provision, need_periods, date_of_birth, on)


def _census_need_problems(
    provision: str, need_periods: Iterable[NeedPeriod], date_of_birth: date | None, on: date
) -> list[Problem]:
    needs = list(need_periods)
    problems = check_needs(provision=provision, needs=needs, date_of_birth=date_of_birth, on=on)
    # The provision itself was reported above.
    return [p for p in problems if p.field != "provision"]
