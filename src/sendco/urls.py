from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from sendco.api.root import api
from sendco.apps_registry import app_modules


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


# A bad date or year in the query string (core.input_bounds.BadInput) says what was wrong.
handler400 = "sendco.core.errors.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
]
# Each app's urls.py is mounted at the root; its names are unique across apps.
urlpatterns += [path("", include(module)) for module in app_modules("urls")]
