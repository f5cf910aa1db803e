"""The shared school category lists (core.categories): one model base, one pair of pages and
one service set, used by the chronology and concerns with their own words."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import resolve, reverse

from sendco.accounts.roles import Role
from sendco.chronology.categories import CATEGORIES as CHRONOLOGY
from sendco.concerns.categories import CATEGORIES as CONCERNS
from sendco.core import category_views
from sendco.core.categories import save_category, school_categories
from sendco.core.models import SchoolCategory


@pytest.mark.parametrize("kind", [CHRONOLOGY, CONCERNS], ids=["chronology", "concerns"])
def test_each_list_uses_the_shared_model_pages_and_services(kind):
    assert issubclass(kind.model, SchoolCategory)
    listing = resolve(reverse(kind.list_url))
    assert listing.func is category_views.category_list and listing.kwargs["kind"] is kind
    edit = resolve(reverse(kind.edit_url, args=[1]))
    assert edit.func is category_views.category_edit and edit.kwargs["kind"] is kind


def test_edit_pages_keep_each_lists_words(cast, client):
    client.force_login(cast.user(Role.SENCO))
    chronology = school_categories(CHRONOLOGY, cast.school).first()
    html = client.get(reverse(CHRONOLOGY.edit_url, args=[chronology.pk])).content.decode()
    assert "Change a chronology category" in html and 'name="description"' not in html
    concern = school_categories(CONCERNS, cast.school).first()
    html = client.get(reverse(CONCERNS.edit_url, args=[concern.pk])).content.decode()
    assert "Change an area of concern" in html and concern.description in html


def test_save_refuses_a_field_the_list_does_not_have_and_a_user_without_the_permission(cast):
    senco = cast.user(Role.SENCO)
    with pytest.raises(TypeError):
        save_category(kind=CHRONOLOGY, actor=senco, school=cast.school, name="X", description="Y")
    with pytest.raises(PermissionDenied):
        save_category(kind=CONCERNS, actor=cast.user(Role.TEACHER), school=cast.school, name="X")
    saved = save_category(
        kind=CONCERNS, actor=senco, school=cast.school, name=" Young  carer ", description=" Y "
    )
    assert (saved.name, saved.description, saved.active) == ("Young carer", "Y", True)
    assert saved.history.first().history_user == senco
