"""Forms of the register pages. They parse input; the rules live in sendco.domain.register_rules
and are applied by the services, whose messages are copied onto these fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.core.models import NC_YEAR_CHOICES
from sendco.domain import census, sen_codes

from .selectors import ON_REGISTER, ORDERS, RegisterFilters

NEED_CHOICES = [("", "None")] + [(n.code, f"{n.name} ({n.code})") for n in sen_codes.NEED_TYPES.values()]
CURRENT_CODES = [(c, sen_codes.provision_label(c)) for c in sen_codes.CURRENT_PROVISION_CODES]
DATE = date_input()
FURTHER_RANKS = 2  # ranks 3 and 4 for the CTF; more are rare and can come by import


class StatusForm(BoundedDates, forms.Form):
    code = forms.ChoiceField(label="New SEN provision", choices=CURRENT_CODES, widget=forms.RadioSelect)
    start_date = forms.DateField(label="From", widget=DATE, initial=timezone.localdate)
    reason = forms.CharField(label="Reason for the change", max_length=300)
    primary = forms.ChoiceField(
        label="Primary need (rank 1)",
        choices=NEED_CHOICES,
        required=False,
        help_text="Needed for SEN support or an EHC plan unless the pupil already has one. A need chosen "
        "here replaces the current need of the same rank from the same date.",
    )
    secondary = forms.ChoiceField(label="Secondary need (rank 2)", choices=NEED_CHOICES, required=False)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def needs(self) -> list[tuple[str, int]]:
        d = self.cleaned_data
        return [(code, rank) for rank, code in ((1, d.get("primary")), (2, d.get("secondary"))) if code]


class NeedsForm(BoundedDates, forms.Form):
    primary = forms.ChoiceField(label="Primary need (rank 1)", choices=NEED_CHOICES, required=False)
    secondary = forms.ChoiceField(label="Secondary need (rank 2)", choices=NEED_CHOICES, required=False)
    on = forms.DateField(
        label="Changes take effect from",
        widget=DATE,
        initial=timezone.localdate,
        help_text="Needs you remove or re-rank end the day before; new ones start on this date.",
    )
    reason = forms.CharField(label="Reason", max_length=300, initial="Needs reviewed")
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(FURTHER_RANKS):
            self.fields[f"rank{i + 3}"] = forms.ChoiceField(
                label=f"Further need (rank {i + 3}, for the CTF)", choices=NEED_CHOICES, required=False
            )
        self.order_fields(["primary", "secondary", *(f"rank{i + 3}" for i in range(FURTHER_RANKS))])

    def needs(self) -> list[tuple[str, int]]:
        d = self.cleaned_data
        picked = [(d.get("primary"), 1), (d.get("secondary"), 2)]
        picked += [(d.get(f"rank{i + 3}"), i + 3) for i in range(FURTHER_RANKS)]
        return [(code, rank) for code, rank in picked if code]

    @staticmethod
    def initial_for(current_needs) -> dict:
        names = {1: "primary", 2: "secondary"}
        return {names.get(n.rank, f"rank{n.rank}"): n.need_type for n in current_needs}


def census_choices(today) -> list[tuple[str, str]]:
    """Census days of this school year and the two before, newest first."""
    year = census.school_year_of(today)
    days = [
        c
        for y in range(year - 2, year + 1)
        for c in census.censuses_between(census.census_day("autumn", y), census.census_day("summer", y))
    ]
    return [
        (
            c.day.isoformat(),
            f"{c.term.title()} {c.school_year_start}/{str(c.school_year_start + 1)[2:]}: "
            f"{c.day.day} {c.day:%b %Y}",
        )
        for c in reversed(days)
    ]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="MIS export (CSV or XLSX)",
        help_text="Up to 10 MB. Columns are listed in the import guide; common SIMS, Arbor, Bromcom "
        "and ScholarPack column names are recognised.",
    )
    full = forms.BooleanField(
        label="This file lists every pupil on roll: mark pupils missing from it as leavers",
        required=False,
    )


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


YES_NO = _choices(("yes", "no"))


class RegisterFilterForm(BoundedDates, forms.Form):
    """The register's filters from a query string, for the page, its exports and the API alike.
    A filter link must never error: a value that is unknown or malformed is ignored (the
    filter is off), never reported. ``filters()`` gives the selector's RegisterFilters."""

    school = forms.IntegerField(required=False)
    status = forms.ChoiceField(choices=_choices(ON_REGISTER), required=False)
    need = forms.ChoiceField(choices=_choices(sen_codes.NEED_TYPES), required=False)
    secondary = forms.ChoiceField(choices=_choices(sen_codes.NEED_TYPES), required=False)
    area = forms.ChoiceField(choices=_choices(sen_codes.BROAD_AREAS), required=False)
    year = forms.IntegerField(required=False)
    reg = forms.CharField(required=False)
    sex = forms.ChoiceField(choices=_choices(("F", "M")), required=False)
    pupil_premium = forms.ChoiceField(choices=YES_NO, required=False)
    looked_after = forms.ChoiceField(choices=YES_NO, required=False)
    eal = forms.ChoiceField(choices=YES_NO, required=False)
    fsm = forms.ChoiceField(choices=YES_NO, required=False)
    added_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    added_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    removed_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    removed_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    q = forms.CharField(required=False)
    order = forms.ChoiceField(choices=_choices([*ORDERS, *(f"-{o}" for o in ORDERS)]), required=False)

    def clean_year(self):
        year = self.cleaned_data["year"]
        return year if year in dict(NC_YEAR_CHOICES) else None

    def clean_reg(self):
        return self.cleaned_data["reg"][:20]

    def clean_q(self):
        return self.cleaned_data["q"][:100]

    def filters(self) -> RegisterFilters:
        self.is_valid()  # the fields in error are left out of cleaned_data: their filter is off
        return RegisterFilters(**{k: v for k, v in self.cleaned_data.items() if v not in (None, "")})
