"""The URLs of the mocks' own process: only the mocks, at the same paths as in development."""

from django.urls import include, path

urlpatterns = [path("registry-mocks/", include("registry_mocks.urls"))]
