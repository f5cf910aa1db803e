"""The chronology's category list, managed by the shared `core.categories` pages and services."""

from sendco.core.categories import CategoryList, Wording

from .forms import CategoryForm
from .models import DEFAULT_CATEGORIES, ChronologyCategory

CATEGORIES = CategoryList(
    model=ChronologyCategory,
    permission="chronology.categories",
    defaults=tuple({"name": name} for name in DEFAULT_CATEGORIES),
    form=CategoryForm,
    list_url="chronology-categories",
    edit_url="chronology-category-edit",
    words=Wording(
        title="Chronology categories",
        intro=(
            "Staff choose one of these when they add an entry to a pupil's chronology. "
            "A category that is no longer in use stays on the entries that have it."
        ),
        add_heading="Add a category",
        add_button="Add category",
        edit_title="Change a chronology category",
        added="Category ‘{name}’ added.",
        saved="Category saved.",
        no_name="Enter a name for the category.",
        clash="The school already has a category with this name.",
    ),
)
