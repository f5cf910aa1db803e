"""The school's areas of concern, managed by the shared `core.categories` pages and services."""

from sendco.core.categories import CategoryList, Wording

from .forms import CategoryForm
from .models import DEFAULT_CATEGORIES, ConcernCategory

CATEGORIES = CategoryList(
    model=ConcernCategory,
    permission="concern.categories",
    defaults=tuple({"name": name, "description": description} for name, description in DEFAULT_CATEGORIES),
    form=CategoryForm,
    list_url="concern-categories",
    edit_url="concern-category-edit",
    words=Wording(
        title="Areas of concern",
        intro=(
            "Staff choose from these when they raise a concern. "
            "An area no longer in use stays on the concerns that have it."
        ),
        add_heading="Add an area of concern",
        add_button="Add area",
        edit_title="Change an area of concern",
        added="Area of concern added.",
        saved="Area of concern saved.",
        no_name="Enter a name for the area of concern.",
        clash="The school already has an area of concern with this name.",
    ),
)
