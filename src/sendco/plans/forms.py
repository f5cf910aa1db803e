"""Forms: the one place the fields of passports, plans, targets and reviews are validated
(used by the web pages and the API through the services)."""

import secrets

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sendco.core import uploads
from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import file_types
from sendco.domain import support_plans as rules

from . import richtext
from .models import Passport, PlanCycle, PlanTemplate, ReviewInvitation, Strategy, Target

DATE = date_input()
RICH_HINT = "You can use lists, bold and italic."


class RichTextMixin:
    """Sanitise the rich-text fields named in `rich_fields` as they are cleaned."""

    rich_fields: tuple[str, ...] = ()

    def _clean_fields(self):
        super()._clean_fields()
        for name in self.rich_fields:
            if name in self.cleaned_data:
                self.cleaned_data[name] = richtext.clean(self.cleaned_data[name])


class BankPickMixin:
    """'Pick and adapt': ticked strategies from the school's bank are added to `bank_target`,
    where the editor can then change them."""

    bank_target = "strategies"

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        if school is not None:
            self.add_bank(school)

    def add_bank(self, school) -> None:
        choices = Strategy.objects.filter(school=school, active=True).order_by("area", "title")
        if choices.exists():
            self.fields["from_bank"] = forms.ModelMultipleChoiceField(
                queryset=choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label="Add strategies from the school's bank",
                help_text="They are added to the text above, where you can adapt them.",
            )
            self.fields["from_bank"].label_from_instance = lambda s: f"{s.get_area_display()}: {s.title}"

    def clean(self):
        cleaned = super().clean()
        picked = cleaned.get("from_bank") or []
        if picked:
            extra = "".join(f"<p><strong>{s.title}</strong></p>{s.text}" for s in picked)
            cleaned[self.bank_target] = richtext.clean((cleaned.get(self.bank_target) or "") + extra)
        return cleaned


class VersionedForm(BoundedDates, forms.ModelForm):
    # Optimistic concurrency: the version the editor started from.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PassportForm(BankPickMixin, RichTextMixin, VersionedForm):
    bank_target = "how_to_help"
    rich_fields = Passport.SHARED_FIELDS + ("staff_notes",)

    class Meta:
        model = Passport
        fields = [*Passport.SHARED_FIELDS, "photo", "staff_notes"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in Passport.SHARED_FIELDS}
        labels = {"photo": "Photo (optional)"}
        help_texts = {
            "how_to_help": "The strategies every adult should use. " + RICH_HINT,
            "staff_notes": "Never shown to parents or the pupil.",
            "photo": "A photo the pupil chose (JPEG or PNG, up to 5 MB).",
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > 5 * 1024 * 1024:
            raise forms.ValidationError("Choose a photo smaller than 5 MB.")
        if isinstance(photo, UploadedFile):  # a new photo, not the one already kept
            try:
                kind = uploads.check_bytes(photo.read(), accept=("jpeg", "png"))
            except file_types.RejectedFile as exc:
                raise forms.ValidationError(str(exc))
            photo.seek(0)
            photo.name = f"{secrets.token_hex(16)}{kind.extension}"  # never the sender's name
        return photo


class CycleForm(BankPickMixin, RichTextMixin, VersionedForm):
    rich_fields = ("needs_summary", "outcomes", "strategies", "staff_notes", "senco_notes")

    class Meta:
        model = PlanCycle
        fields = [
            "start_date",
            "review_date",
            "needs_summary",
            "outcomes",
            "strategies",
            "staff_notes",
            "senco_notes",
        ]
        widgets = {"start_date": DATE, "review_date": DATE}
        help_texts = {
            "strategies": "Pick from the strategy bank and adapt. " + RICH_HINT,
            "staff_notes": "Never shown to parents or the pupil.",
            "senco_notes": "Only the SENCO and assistant SENCO see these.",
        }

    def __init__(self, *args, show_senco=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_senco:
            del self.fields["senco_notes"]

    def clean(self):
        cleaned = super().clean()
        for problem in rules.check_plan_dates(cleaned.get("start_date"), cleaned.get("review_date")):
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned


class TargetForm(BankPickMixin, RichTextMixin, VersionedForm):
    rich_fields = ("strategies",)

    class Meta:
        model = Target
        fields = [
            "area",
            "description",
            "measure",
            "baseline",
            "success_criteria",
            "due_date",
            "responsible",
            "strategies",
            "provision",
            "provision_group",
            "ehc_outcome",
            "staff_only",
        ]
        widgets = {
            "due_date": DATE,
            "description": forms.Textarea(attrs={"rows": 2}),
            "measure": forms.Textarea(attrs={"rows": 2}),
            "baseline": forms.Textarea(attrs={"rows": 2}),
            "success_criteria": forms.Textarea(attrs={"rows": 2}),
            "provision": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "description": "Specific: for example 'read a Year 3 book aloud with 95% accuracy'.",
            "measure": "Measurable: the test, observation or record that will show progress.",
            "provision": "The intervention, support or resources (links to the provision map later).",
            "strategies": RICH_HINT,
        }

    def __init__(self, *args, cycle=None, template=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["measure"].required = False  # checked in clean() with a clearer message
        self.fields["description"].required = False
        self.fields["due_date"].required = False
        self._limit_links(cycle)
        if template is not None:
            for flag, name in (
                ("use_baseline", "baseline"),
                ("use_responsible", "responsible"),
                ("use_provision", "provision"),
            ):
                if not getattr(template, flag):
                    del self.fields[name]

    def _limit_links(self, cycle) -> None:
        """Only this pupil's provision groups and the outcomes of this pupil's EHC plans. The
        fields' own querysets (from Target's links, declared by name) reach the other apps'
        models, so plans imports neither app."""
        groups = self.fields["provision_group"].queryset.none()
        outcomes = self.fields["ehc_outcome"].queryset.none()
        if cycle is not None:
            groups = (
                self.fields["provision_group"]
                .queryset.filter(school=cycle.school, members__pupil=cycle.pupil)
                .distinct()
            )
            outcomes = self.fields["ehc_outcome"].queryset.filter(pupil=cycle.pupil, school=cycle.school)
        self.fields["provision_group"].queryset = groups.order_by("name")
        self.fields["ehc_outcome"].queryset = outcomes.order_by("plan_id", "order", "id")

    def clean(self):
        cleaned = super().clean()
        problems = rules.check_target(
            description=cleaned.get("description") or "",
            measure=cleaned.get("measure") or "",
            due=cleaned.get("due_date"),
            cycle_start=self.cycle.start_date if self.cycle else None,
            cycle_review=self.cycle.review_date if self.cycle else None,
        )
        for problem in problems:
            if problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned


class StartPlanForm(CycleForm):
    template = forms.ModelChoiceField(queryset=PlanTemplate.objects.none(), required=False, empty_label=None)

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, school=school, **kwargs)
        self.fields["template"].queryset = PlanTemplate.objects.filter(school=school)
        self.order_fields(["template"])


class ReviewForm(BoundedDates, RichTextMixin, forms.Form):
    rich_fields = ("pupil_views", "parent_views", "summary", "staff_notes")

    held_on = forms.DateField(label="Date of the review", widget=DATE)
    attendees = forms.CharField(label="Who attended", widget=forms.Textarea(attrs={"rows": 2}))
    pupil_views = forms.CharField(
        label="The pupil's views", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    parent_views = forms.CharField(
        label="The parents' views", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    summary = forms.CharField(
        label="Summary of progress", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    decision = forms.ChoiceField(choices=list(rules.DECISIONS.items()), widget=forms.RadioSelect)
    next_review_date = forms.DateField(
        label="Next review date", widget=DATE, required=False, help_text="Leave blank for the usual cycle."
    )
    staff_notes = forms.CharField(
        label="Notes for staff only", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.targets = list(cycle.targets.all()) if cycle else []
        for t in self.targets:
            self.fields[f"rating_{t.pk}"] = forms.ChoiceField(
                label=f"Target {t.position}: how far was it achieved?",
                choices=list(rules.RATINGS.items()),
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"evidence_{t.pk}"] = forms.CharField(
                label=f"Target {t.position}: evidence",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"comment_{t.pk}"] = forms.CharField(
                label=f"Target {t.position}: comment", required=False
            )

    def clean(self):
        cleaned = super().clean()
        held = cleaned.get("held_on")
        if held and self.cycle and held < self.cycle.start_date:
            self.add_error("held_on", "The review cannot be before the plan started.")
        nxt = cleaned.get("next_review_date")
        if held and nxt and nxt <= held:
            self.add_error("next_review_date", "The next review must be after this review.")
        ratings = {t.pk: cleaned.get(f"rating_{t.pk}") for t in self.targets if cleaned.get(f"rating_{t.pk}")}
        for problem in rules.check_ratings([t.pk for t in self.targets], ratings):
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned

    def ratings(self) -> dict[int, dict]:
        return {
            t.pk: {
                "rating": self.cleaned_data.get(f"rating_{t.pk}"),
                "evidence": self.cleaned_data.get(f"evidence_{t.pk}", ""),
                "comment": self.cleaned_data.get(f"comment_{t.pk}", ""),
            }
            for t in self.targets
        }


class ParentViewsForm(RichTextMixin, forms.Form):
    rich_fields = ("views",)
    views = forms.CharField(
        label="Your views",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="How is your child getting on? What is going well, what worries you, what would you like "
        "us to work on next?",
    )


class StrategyForm(RichTextMixin, forms.ModelForm):
    rich_fields = ("text",)

    class Meta:
        model = Strategy
        fields = ["area", "title", "text", "active"]


class TemplateForm(forms.ModelForm):
    class Meta:
        model = PlanTemplate
        fields = [
            "name",
            "is_default",
            "document_title",
            "outcomes_heading",
            "targets_heading",
            "strategies_heading",
            "parent_intro",
            "cycle_weeks",
            "use_baseline",
            "use_responsible",
            "use_provision",
            "use_pupil_views",
            "use_parent_views",
        ]

    def clean_cycle_weeks(self):
        weeks = self.cleaned_data["cycle_weeks"]
        if not rules.MIN_CYCLE_WEEKS <= weeks <= rules.MAX_CYCLE_WEEKS:
            raise forms.ValidationError(
                f"Choose between {rules.MIN_CYCLE_WEEKS} and {rules.MAX_CYCLE_WEEKS} weeks."
            )
        return weeks


class InvitationForm(forms.ModelForm):
    class Meta:
        model = ReviewInvitation
        fields = ["meeting_at", "duration_minutes", "location", "recipients", "message"]
        widgets = {
            "meeting_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"meeting_at": "Date and time of the meeting", "duration_minutes": "Length in minutes"}

    def clean_recipients(self):
        from django.core.validators import validate_email

        emails = [
            e.strip() for e in self.cleaned_data["recipients"].replace(",", "\n").splitlines() if e.strip()
        ]
        if not emails:
            raise forms.ValidationError("Enter at least one email address.")
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(f"'{email}' is not an email address.")
        return "\n".join(emails)
