from django.urls import reverse

from sendco.accounts.roles import AGGREGATE_ROLES, Role

from .access import roles_of
from .navigation import NAV


def navigation(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    roles = roles_of(user)
    first_segment = request.path.strip("/").split("/")[0]
    items = [
        {"label": n.label, "url": reverse(n.url_name), "current": n.section == first_segment}
        for n in NAV
        if n.visible(roles)
    ]
    # Governors, trust officers and administrators never see a named pupil: no search box.
    sees_names = bool(roles.all - AGGREGATE_ROLES - {Role.ADMIN})
    return {
        "nav_items": items,
        "show_pupil_search": sees_names,
        "role_labels": sorted(Role(r).label for r in roles.all),
    }
