from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from sendco.api.root import api
from sendco.apps_registry import app_modules


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("healthz", healthz, name="healthz"),
]
# Each app's urls.py is mounted at the root; its names are unique across apps.
urlpatterns += [path("", include(module)) for module in app_modules("urls")]
