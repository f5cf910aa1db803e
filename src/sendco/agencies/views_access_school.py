"""The SEN team's school pages for professionals: who the school's professionals are, adding
one (a login with no password, and a one-time link to set it), and the school's live grants
with those ending soon. The set-password page is Django's own reset confirmation, so the
link works once and expires like a password reset."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sendco.audit.services import log_list
from sendco.core.form_helpers import copy_errors

from . import selectors_access as selectors
from . import services_access as services
from .forms_access import ProfessionalForm
from .views_access import needed

PERM = "agencies.school_professionals"


def set_password_link(request, user) -> str:
    """The one-time link the SENCO passes on: valid until used or until the reset timeout."""
    path = reverse(
        "professional-set-password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


@login_required
def professional_list(request):
    school, schools = selectors.school_for(request.user, PERM, request.GET.get("school"))
    return render(
        request,
        "agencies/access_professionals.html",
        {"school": school, "schools": schools, "professionals": selectors.school_professionals(school)},
    )


@login_required
def professional_create(request):
    school, schools = selectors.school_for(request.user, PERM, request.GET.get("school"))
    agencies = selectors.directory_for(request.user, school).order_by("name")
    form = ProfessionalForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.add_professional(
                actor=request.user,
                school=school,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                agency=data["agency"],
                job_title=data["job_title"],
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, f"{user.get_full_name()} was added as a professional.")
            # Shown once, on this answer only: the link is not stored anywhere.
            return render(
                request,
                "agencies/access_professional_added.html",
                {"school": school, "professional": user, "link": set_password_link(request, user)},
            )
    return render(
        request,
        "agencies/access_professional_form.html",
        {
            "school": school,
            "schools": schools,
            "form": needed(form, "first_name", "last_name", "email", "agency"),
        },
    )


@login_required
def grant_list(request):
    school, schools = selectors.school_for(request.user, PERM, request.GET.get("school"))
    grants = selectors.school_grants(school)
    log_list(
        request,
        what="Professionals' access grants",
        count=len(grants["live"]) + len(grants["future"]),
        school=school,
    )
    return render(
        request,
        "agencies/access_grants.html",
        {
            "school": school,
            "schools": schools,
            "grants": grants,
            "expiring_ids": {row.grant.pk for row in grants["expiring"]},
            "within_days": selectors.EXPIRING_WITHIN_DAYS,
        },
    )


class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "agencies/access_set_password.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(
            self.request, "Your password is set. Sign in with your email address and the new password."
        )
        return super().form_valid(form)


set_password = SetPasswordView.as_view()
