"""The two pages of every school category list: the list with an add form, and the edit page
(rename, take out of use). Each app's urls.py passes its `CategoryList` as `kind`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from . import categories as services
from .access import policy
from .categories import CategoryList
from .form_helpers import copy_errors, int_or_none


@login_required
def category_list(request, kind: CategoryList):
    schools = policy.schools(request.user, kind.permission)
    wanted = int_or_none(request.GET.get("school") or request.POST.get("school"))
    school = schools.filter(pk=wanted).first() or schools.first()
    if school is None:
        raise Http404
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A new category is always in use: the add form has no "active" box.
        data = {k: v for k, v in form.cleaned_data.items() if k != "active"}
        try:
            services.save_category(kind=kind, actor=request.user, school=school, **data)
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, kind.words.added.format(name=data["name"]))
            return redirect(reverse(kind.list_url) + f"?school={school.pk}")
    return render(
        request,
        "core/categories.html",
        {
            "kind": kind,
            "form": form,
            "school": school,
            "schools": schools,
            "categories": services.school_categories(kind, school, active_only=False),
        },
    )


@login_required
def category_edit(request, category_id: int, kind: CategoryList):
    schools = policy.schools(request.user, kind.permission)
    category = kind.model._default_manager.filter(pk=category_id, school__in=schools).first()
    if category is None:
        raise Http404
    initial = {name: getattr(category, name) for name in kind.form.base_fields}
    form = kind.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_category(
                kind=kind, actor=request.user, school=category.school, category=category, **form.cleaned_data
            )
        except ValidationError as exc:
            copy_errors(form, exc)
        else:
            messages.success(request, kind.words.saved.format(name=form.cleaned_data["name"]))
            return redirect(reverse(kind.list_url) + f"?school={category.school_id}")
    return render(request, "core/category_form.html", {"kind": kind, "form": form, "category": category})
