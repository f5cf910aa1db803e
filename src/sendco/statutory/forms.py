"""Forms for statutory records: field parsing and per-field rules. The timeline rules (which
date may not precede which) come from the deadline engine and are applied by the services,
so the web pages and the API give the same messages."""

from django import forms
from django.db import models as m

from sendco.core import uploads
from sendco.core.forms_base import date_input
from sendco.core.input_bounds import BoundedDates
from sendco.domain import file_types

from . import models


class _Dated(BoundedDates, forms.ModelForm):
    # Optimistic concurrency: the version the editor started from.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if (
            self.instance.pk
            and getattr(self.instance, "version", None)
            and self.initial.get("version") is None
        ):
            self.initial["version"] = self.instance.version
        for name, field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name) if name != "version" else None
            if isinstance(model_field, m.DateField):
                field.widget = date_input()
            elif isinstance(model_field, m.TimeField):
                field.widget = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4


REQUEST_FIELDS = [
    "la_name",
    "made_by",
    "made_by_name",
    "request_made",
    "request_received",
    "decision_made",
    "decided_to_assess",
    "draft_sent",
    "draft_comments_received",
    "final_issued",
    "decided_not_to_issue",
    "exception",
    "exception_detail",
    "withdrawn_on",
]


class RequestForm(_Dated):
    class Meta:
        model = models.AssessmentRequest
        fields = REQUEST_FIELDS
        help_texts = {
            "request_received": "The 6, 16 and 20-week limits run from this date (Regs 5, 10, 13).",
            "exception": "Regs 5(4), 10(4), 13(3): the time limits do not apply while one of these lasts.",
        }


class AdviceForm(_Dated):
    class Meta:
        model = models.AdviceRequest
        fields = ["advice_from", "requested_on", "returned_on", "exception"]


PLAN_FIELDS = [
    "la_name",
    "case_officer_name",
    "case_officer_email",
    "case_officer_phone",
    "issued_on",
    "named_setting",
    "top_up_band",
    "top_up_amount",
    "transfer_override",
    "ceased_on",
    "ceased_reason",
] + [f"section_{code}" for code, _ in models.PLAN_SECTIONS]


class PlanForm(_Dated):
    class Meta:
        model = models.EhcPlan
        fields = PLAN_FIELDS

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("ceased_on") and not (cleaned.get("ceased_reason") or "").strip():
            self.add_error(
                "ceased_reason", "Say why the plan ceased, so its stopped deadlines are explained."
            )
        amount = cleaned.get("top_up_amount")
        if amount is not None and amount < 0:
            self.add_error("top_up_amount", "The top-up amount cannot be negative.")
        return cleaned


class OutcomeForm(_Dated):
    class Meta:
        model = models.PlanOutcome
        fields = ["area", "outcome", "shorter_term_steps", "order"]


class ProvisionForm(_Dated):
    class Meta:
        model = models.ProvisionItem
        fields = [
            "what",
            "frequency",
            "duration",
            "group_size",
            "delivered_by",
            "outcome",
            "provision_group",
            "order",
        ]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = (
            plan.outcomes.all() if plan is not None else models.PlanOutcome.objects.none()
        )
        self.fields["outcome"].label = "For outcome"
        # Only groups this pupil is in at this school: section F groups first. The field's own
        # queryset (the link to provision.ProvisionGroup, declared by name) so statutory does
        # not import the provision app.
        groups = self.fields["provision_group"].queryset.none()
        if plan is not None:
            groups = (
                self.fields["provision_group"]
                .queryset.filter(school=plan.school, members__pupil=plan.pupil)
                .distinct()
            )
        self.fields["provision_group"].queryset = groups.order_by("-is_section_f", "name")


MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class DocumentForm(BoundedDates, forms.Form):
    kind = forms.ChoiceField(choices=models.PlanDocument.Kind.choices, label="Kind of document")
    dated = forms.DateField(label="Date on the document", widget=date_input())
    file = forms.FileField(label="PDF file", help_text="A PDF of up to 10 MB.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        # Checked by content (the whole PDF must parse), never by name or declared type.
        try:
            uploads.check_bytes(upload.read(), accept=("pdf",))
        except file_types.RejectedFile as exc:
            raise forms.ValidationError(str(exc))
        upload.seek(0)
        return upload


REVIEW_SCHEDULE_FIELDS = ["meeting_date", "meeting_time", "location", "is_transfer_review"]
REVIEW_PAPERWORK_FIELDS = [
    "invitations_sent",
    "advice_circulated",
    "report_sent",
    "la_decision",
    "la_decision_date",
]
REVIEW_MEETING_FIELDS = [
    "held",
    "attendees",
    "pupil_views",
    "parent_views",
    "progress",
    "pfa_discussed",
    "pfa_notes",
    "recommended_amendments",
    "agreement",
]


class ReviewForm(_Dated):
    class Meta:
        model = models.AnnualReview
        fields = REVIEW_SCHEDULE_FIELDS + REVIEW_PAPERWORK_FIELDS + ["cancelled"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("la_decision") and not cleaned.get("la_decision_date"):
            self.add_error("la_decision_date", "Give the date of the LA's decision.")
        if cleaned.get("la_decision_date") and not cleaned.get("la_decision"):
            self.add_error("la_decision", "Choose the LA's decision.")
        return cleaned


class MeetingForm(_Dated):
    class Meta:
        model = models.AnnualReview
        fields = REVIEW_MEETING_FIELDS


class InviteeForm(_Dated):
    class Meta:
        model = models.ReviewInvitee
        fields = ["kind", "name", "email", "advice_requested", "advice_received_on", "attended"]


class AmendmentForm(_Dated):
    class Meta:
        model = models.Amendment
        fields = ["summary", "notice_sent", "comments_received", "final_issued"]


class LaSettingForm(_Dated):
    portal_url = forms.URLField(label="Portal address", required=False, assume_scheme="https")

    class Meta:
        model = models.LaSetting
        fields = [
            "la_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "portal_url",
            "review_paperwork_working_days",
            "working_days",
            "notes",
        ]

    def clean_working_days(self):
        raw = self.cleaned_data["working_days"]
        parts = [p.strip() for p in raw.split(",") if p.strip()]
        if not parts or any(not p.isdigit() or int(p) > 6 for p in parts):
            raise forms.ValidationError("List days as numbers 0 (Monday) to 6 (Sunday), e.g. 0,1,2,3,4.")
        return ",".join(sorted(set(parts)))
