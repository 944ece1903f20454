"""The URLs of the mocks' own process: only the mocks, at the same paths as in development."""

from django.urls import include, path, re_path

from . import views

urlpatterns = [
    path("registry-mocks/", include("registry_mocks.urls")),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
