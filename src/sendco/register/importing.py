"""Reading a pupil export from the school's MIS and planning what an import would change.

`read_table` turns the bytes of a CSV or XLSX file into rows of text keyed by our column names
(MIS header aliases are in `ALIASES`, documented in docs/import-formats.md); `plan_import`
compares every row with the school's records and lists new, changed, unchanged and rejected
rows and the leavers. Nothing here writes: `services.import_pupils` commits a plan.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from sendco.core.forms import PUPIL_FIELDS, PupilForm
from sendco.core.models import NC_YEAR_CHOICES, Pupil, PupilContact
from sendco.domain import date_bounds, file_types, register_rules, sen_codes
from sendco.domain import upn as upn_rules
from sendco.domain.census import NeedPeriod, StatusPeriod

from .import_columns import (
    ALIASES,
    BOOL_FIELDS,
    CONTACT_SLOTS,
    DATE_FIELDS,
    HEADER_MAP,
    LABELS,
    MAX_BYTES,
    MAX_ROWS,
    RELATIONSHIPS,
    REQUIRED,
    REQUIRED_FOR_NEW,
    SEN_WORDS,
    TITLES,
    header_key,
)
from .models import PupilNeed, SenStatus


class FileRejected(Exception):
    """The file as a whole cannot be read; nothing was imported."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class RowProblem:
    row: int
    upn: str
    message: str


@dataclass
class Table:
    columns: list[str]  # our names, in file order
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, values)
    ignored: list[str] = field(default_factory=list)  # headers we did not recognise


# --------------------------------------------------------------------------- reading


def read_table(data: bytes, filename: str) -> Table:
    """Rows of a CSV or XLSX export, or FileRejected listing why the file cannot be read."""
    if not data:
        raise FileRejected(["The file is empty."])
    if len(data) > MAX_BYTES:
        raise FileRejected([f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB."])
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        if not name.endswith(".xlsx"):
            raise FileRejected(
                ["The file is a spreadsheet or archive, not a CSV file; save it as .xlsx or CSV."]
            )
        _check_workbook_zip(data)
        grid = _xlsx_grid(data)
    elif name.endswith(".xlsx"):
        raise FileRejected(["The file is not a real XLSX workbook. Export it again from the MIS."])
    else:
        grid = _csv_grid(data)
    grid = [row for row in grid if any(str(v).strip() for v in row)]
    if not grid:
        raise FileRejected(["The file has no rows."])
    headers = [header_key(h) for h in grid[0]]
    columns = [HEADER_MAP.get(h, "") for h in headers]
    missing = [ALIASES[c][0] for c in REQUIRED if c not in columns]
    if missing:
        raise FileRejected(
            [f"The header row has no {', '.join(missing)} column. The first row must hold the column names."]
        )
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        raise FileRejected([f"More than one column means {', '.join(dupes)}; keep one of them."])
    if len(grid) - 1 > MAX_ROWS:
        raise FileRejected([f"The file has more than {MAX_ROWS:,} rows."])
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        rows.append((number, {c: _text(v) for c, v in zip(columns, values, strict=False) if c}))
    ignored = [str(h) for h, c in zip(grid[0], columns, strict=False) if not c and str(h).strip()]
    return Table([c for c in columns if c], rows, ignored)


def _text(value) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _csv_grid(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:8192] or data[:5] == b"%PDF-" or data[:4] in (b"\xd0\xcf\x11\xe0", b"\x89PNG"):
        raise FileRejected(
            ["The file is not a CSV file (it contains binary data). Export CSV or XLSX from the MIS."]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRejected(
            [
                f"Row {line}: the file is not UTF-8 text. Save it as 'CSV UTF-8' (Excel) "
                "or export UTF-8 from the MIS."
            ]
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise FileRejected([f"The CSV file is malformed: {exc}."]) from None


def _check_workbook_zip(data: bytes) -> None:
    """Refuse macros, encryption and zip bombs from the zip's directory, before openpyxl unpacks
    anything (a 215 KB bomb once took 34 s to open)."""
    try:
        kind = file_types.office_kind(data)
    except file_types.RejectedFile as exc:
        raise FileRejected([str(exc)]) from None
    if kind != "xlsx":
        raise FileRejected(["The file is not a real XLSX workbook. Export it again from the MIS."])


def _xlsx_grid(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRejected(["The XLSX file could not be opened. Export it again from the MIS."]) from None
    ws = wb.worksheets[0]
    grid, formulas = [], []
    for number, row in enumerate(ws.iter_rows(), start=1):
        values = []
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                formulas.append(f"Row {number}: cell {cell.coordinate} holds a formula.")
            values.append(cell.value)
        grid.append(values)
    wb.close()
    if formulas:
        raise FileRejected(formulas + ["Export plain values from the MIS (no formulas), then upload again."])
    return grid


# --------------------------------------------------------------------------- values


def parse_date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if problem := date_bounds.date_problem(day):  # e.g. an SEN start the form never sees
            raise ValueError(problem)
        return day
    raise ValueError(f"{text!r} is not a date; use DD/MM/YYYY or YYYY-MM-DD.")


def parse_bool(text: str) -> bool:
    key = header_key(text)
    if key in ("y", "yes", "true", "1", "t", "x", "eligible", "fsm", "pp"):
        return True
    if key in ("", "n", "no", "false", "0", "f", "noteligible"):
        return False
    if "otherthanenglish" in key or "additional" in key:
        return True  # SIMS/CBDS EAL wording: "Believed to be other than English"
    if key in ("english", "believedtobeenglish"):
        return False
    raise ValueError(f"{text!r} is not yes or no.")


def parse_year(text: str) -> int:
    key = header_key(text).removeprefix("year").removeprefix("y")
    named = {"r": 0, "reception": 0, "n1": -2, "n2": -1, "nursery1": -2, "nursery2": -1}
    if key in named:
        return named[key]
    if key.isdigit() and int(key) in dict(NC_YEAR_CHOICES):
        return int(key)
    raise ValueError(f"{text!r} is not a national curriculum year (N1, N2, R, 1 to 14).")


def parse_sex(text: str) -> str:
    key = header_key(text)
    if key in ("m", "male", "boy"):
        return "M"
    if key in ("f", "female", "girl"):
        return "F"
    raise ValueError(f"{text!r} is not a sex recorded in the census (M or F).")


def parse_provision(text: str) -> str:
    key = header_key(text)
    if key.upper() in sen_codes.PROVISION_CODES:
        return key.upper()
    if key in SEN_WORDS:
        return SEN_WORDS[key]
    raise ValueError(f"{text!r} is not an SEN provision code (N, K or E; historic S, A, P).")


def parse_need(text: str) -> str:
    code = text.strip().upper()
    if code in sen_codes.NEED_TYPES:
        return code
    by_name = {header_key(n.name): n.code for n in sen_codes.NEED_TYPES.values()}
    if header_key(text) in by_name:
        return by_name[header_key(text)]
    raise ValueError(f"{text!r} is not a census need type (e.g. SPLD, ASD, SEMH, SLCN).")


# --------------------------------------------------------------------------- planning


@dataclass
class ContactIn:
    slot: int
    title: str
    forename: str
    surname: str
    relationship: str
    phone: str | None
    email: str | None
    pr: bool | None


@dataclass
class RowPlan:
    row: int
    upn: str
    name: str
    kind: str  # "new", "changed", "unchanged"
    pupil: Pupil | None
    data: dict  # PupilForm data (merged with the current record for existing pupils)
    diffs: list[tuple[str, str, str]]
    sen: str | None
    sen_start: dt.date
    needs: list[tuple[str, int]] | None  # None: the file says nothing about needs
    contacts: list[ContactIn]


@dataclass
class ImportPlan:
    filename: str
    full: bool
    rows: list[RowPlan] = field(default_factory=list)
    leavers: list[Pupil] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def of(self, kind: str) -> list[RowPlan]:
        return [r for r in self.rows if r.kind == kind]

    @property
    def new_rows(self) -> list[RowPlan]:
        return self.of("new")

    @property
    def changed_rows(self) -> list[RowPlan]:
        return self.of("changed")

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.of("new")),
            "changed": len(self.of("changed")),
            "unchanged": len(self.of("unchanged")),
            "leavers": len(self.leavers),
            "rejected": len({p.row for p in self.rejected}),
        }


def plan_import(*, school, table: Table, filename: str, full: bool, today: dt.date) -> ImportPlan:
    """Compare every row with the school's records (a fixed number of queries)."""
    plan = ImportPlan(filename, full, ignored_columns=table.ignored)
    existing = {p.upn: p for p in Pupil.objects.filter(school=school, deleted_at__isnull=True)}
    statuses, needs = _history(school)
    contacts = _contacts(school)
    first_row: dict[str, int] = {}
    for number, values in table.rows:
        upn = values.get("upn", "").strip().upper()
        problems: list[str] = []
        if upn and upn in first_row:
            problems.append(f"UPN {upn} also appears on row {first_row[upn]}; each pupil must appear once.")
        elif upn:
            first_row[upn] = number
        pupil = existing.get(upn)
        row, row_problems = _plan_row(school, number, upn, values, pupil, statuses, needs, contacts, today)
        problems += row_problems
        if problems:
            plan.rejected += [RowProblem(number, upn, p) for p in problems]
        else:
            plan.rows.append(row)
    if full:
        seen = set(first_row)
        plan.leavers = sorted(
            (
                p
                for u, p in existing.items()
                if u not in seen and (p.leaving_date is None or p.leaving_date > today)
            ),
            key=lambda p: (p.legal_surname, p.legal_forename),
        )
    return plan


def _history(school):
    statuses: dict[int, list[StatusPeriod]] = {}
    for pid, code, start, end in SenStatus.objects.filter(school=school).values_list(
        "pupil_id", "code", "start_date", "end_date"
    ):
        statuses.setdefault(pid, []).append(StatusPeriod(code, start, end))
    needs: dict[int, list[NeedPeriod]] = {}
    for pid, code, rank, start, end in PupilNeed.objects.filter(school=school).values_list(
        "pupil_id", "need_type", "rank", "start_date", "end_date"
    ):
        needs.setdefault(pid, []).append(NeedPeriod(code, rank, start, end))
    return statuses, needs


def _contacts(school) -> dict[tuple[int, int], PupilContact]:
    links = PupilContact.objects.filter(school=school).select_related("contact")
    return {(link.pupil_id, link.priority): link for link in links}


def _field_value(pupil: Pupil, name: str):
    value = getattr(pupil, name)
    return "" if value is None else value


def _show(value) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value) if value not in (None, "") else "(blank)"


def _plan_row(school, number, upn, values, pupil, statuses, needs, contacts, today):
    problems: list[str] = []
    parsed: dict = {}
    if upn:
        try:
            upn_rules.validate(upn)
        except upn_rules.InvalidUPN as exc:
            problems.append(f"UPN {upn}: {exc}")
    for name in REQUIRED + (() if pupil else REQUIRED_FOR_NEW):
        if not values.get(name, "").strip():
            label = ALIASES[name][0]
            problems.append(f"{label} is missing" + ("" if pupil else " (needed for a new pupil)") + ".")
    parsers = {**dict.fromkeys(DATE_FIELDS, parse_date), **dict.fromkeys(BOOL_FIELDS, parse_bool)}
    parsers |= {"nc_year": parse_year, "sex": parse_sex}
    for name in PUPIL_FIELDS:
        if name not in values or name == "leaving_date":
            continue
        raw = values[name]
        if name in parsers and (raw or name in BOOL_FIELDS):
            try:
                parsed[name] = parsers[name](raw)
            except ValueError as exc:
                problems.append(f"{LABELS[name]}: {exc}")
        elif name not in parsers:
            parsed[name] = raw
    sen = sen_start = None
    row_needs = None
    try:
        sen = parse_provision(values["sen"]) if values.get("sen") else None
        sen_start = parse_date(values["sen_start"]) if values.get("sen_start") else today
        if "primary_need" in values or "secondary_need" in values:
            row_needs = [
                (parse_need(values[col]), rank)
                for col, rank in (("primary_need", 1), ("secondary_need", 2))
                if values.get(col)
            ]
    except ValueError as exc:
        problems.append(str(exc))
    contacts_in = _parse_contacts(values, problems)
    if problems:
        return None, problems

    data = {n: _field_value(pupil, n) for n in PUPIL_FIELDS} if pupil else {}
    data.update(parsed)
    data["upn"] = upn
    if pupil is not None and pupil.leaving_date is not None and pupil.leaving_date <= today:
        parsed["leaving_date"] = data["leaving_date"] = ""  # back on roll: in the MIS export again
    # A copy: a ModelForm writes the cleaned values onto its instance, and `pupil` is the "before".
    form = PupilForm(data, instance=copy.copy(pupil) if pupil else None, school=school)
    if not form.is_valid():
        for field_name, messages in form.errors.items():
            problems += [f"{LABELS.get(field_name, field_name)}: {m}" for m in messages]
        return None, problems

    diffs: list[tuple[str, str, str]] = []
    if pupil:
        for name in parsed:
            old, new = _field_value(pupil, name), form.cleaned_data.get(name, parsed[name])
            if (old or "") != (new or "") and not (old in ("", None) and new in ("", None)):
                diffs.append((LABELS[name], _show(old), _show(new)))
    history = statuses.get(pupil.pk, []) if pupil else []
    current_needs = sorted(
        ((n.code, n.rank) for n in (needs.get(pupil.pk, []) if pupil else []) if n.end is None),
        key=lambda x: x[1],
    )
    current = pupil.sen_status if pupil else "N"
    provision = sen or current
    if sen and sen != current:
        problems += [
            p.message
            for p in register_rules.check_status_change(
                new_code=sen,
                start=sen_start,
                existing=history,
                date_of_birth=form.cleaned_data.get("date_of_birth"),
                allow_historic=True,
                today=today,
            )
            if p.code != "already"
        ]
        diffs.append((LABELS["sen"], current, sen))
    wanted_needs = row_needs if row_needs is not None else (current_needs if provision != "N" else [])
    if provision in sen_codes.PROVISIONS_WITH_NEEDS or wanted_needs:
        problems += [
            p.message
            for p in register_rules.check_needs(
                provision=provision,
                needs=[NeedPeriod(c, r, sen_start, None) for c, r in wanted_needs],
                date_of_birth=form.cleaned_data.get("date_of_birth"),
                on=sen_start,
            )
        ]
    if row_needs is not None and sorted(row_needs, key=lambda x: x[1]) != current_needs and provision != "N":
        diffs.append((LABELS["needs"], _needs_text(current_needs), _needs_text(row_needs)))
    for c in contacts_in:
        link = contacts.get((pupil.pk, c.slot)) if pupil else None
        diffs += _contact_diffs(c, link)
    if problems:
        return None, problems
    kind = "new" if pupil is None else ("changed" if diffs else "unchanged")
    name = f"{form.cleaned_data['legal_forename']} {form.cleaned_data['legal_surname']}"
    return RowPlan(
        number,
        upn,
        name,
        kind,
        pupil,
        data,
        diffs,
        sen if sen and sen != current else None,
        sen_start,
        row_needs if row_needs is not None and provision != "N" else None,
        contacts_in,
    ), []


def _needs_text(needs) -> str:
    return ", ".join(f"{c} (rank {r})" for c, r in sorted(needs, key=lambda x: x[1])) or "(none)"


def _parse_contacts(values, problems) -> list[ContactIn]:
    result = []
    for slot in range(1, CONTACT_SLOTS + 1):
        get = lambda part, slot=slot: values.get(f"contact{slot}_{part}", "")  # noqa: E731
        if not get("name"):
            if any(get(p) for p in ("relationship", "phone", "email")):
                problems.append(f"Contact {slot} has details but no name.")
            continue
        words = get("name").replace(",", " ").split()
        title = words.pop(0) if len(words) > 2 and header_key(words[0]) in TITLES else ""
        if len(words) < 2:
            problems.append(f"Contact {slot} name {get('name')!r} needs a forename and a surname.")
            continue
        relationship = RELATIONSHIPS.get(
            header_key(get("relationship")), "other" if get("relationship") else "parent"
        )
        pr = None
        if f"contact{slot}_pr" in values:
            try:
                pr = parse_bool(get("pr"))
            except ValueError as exc:
                problems.append(f"Contact {slot} parental responsibility: {exc}")
        email = get("email") or None
        if email and "@" not in email:
            problems.append(f"Contact {slot} email {email!r} is not an email address.")
        result.append(
            ContactIn(
                slot,
                title,
                " ".join(words[:-1]),
                words[-1],
                relationship,
                get("phone") if f"contact{slot}_phone" in values else None,
                email if f"contact{slot}_email" in values else None,
                pr,
            )
        )
    return result


def _contact_diffs(c: ContactIn, link) -> list[tuple[str, str, str]]:
    label = f"Contact {c.slot}"
    if link is None:
        return [(label, "(none)", f"{c.forename} {c.surname} ({c.relationship})")]
    old = link.contact
    pairs = [
        ("name", f"{old.forename} {old.surname}", f"{c.forename} {c.surname}"),
        ("relationship", link.relationship, c.relationship),
    ]
    if c.phone is not None:
        pairs.append(("phone", old.phone, c.phone))
    if c.email is not None:
        pairs.append(("email", old.email, c.email))
    if c.pr is not None:
        pairs.append(("parental responsibility", _show(link.parental_responsibility), _show(c.pr)))
    return [(f"{label} {what}", _show(a), _show(b)) for what, a, b in pairs if (a or "") != (b or "")]
