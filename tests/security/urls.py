"""Every admin URL and API endpoint the project has, found in the URL resolver (so a view added
later is found too), with parameters filled in from the demo site's own objects."""

import fnmatch
import re
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.models import Page, Revision

WALKED = ("admin/", "api/", "healthz")
MISSING_PK = 10**8


@dataclass(frozen=True)
class Endpoint:
    name: str  # namespace:name, as the matrix names it
    route: str
    params: tuple[str, ...]

    def url(self, values: dict) -> str:
        if self.name == self.route:  # an unnamed pattern is named by its route
            return "/" + self.route
        return reverse(self.name, kwargs={p: values[p] for p in self.params})


def _params(pattern) -> tuple[str, ...]:
    route = str(pattern.pattern)
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    return tuple(dict.fromkeys(names))


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}" if namespace and p.namespace else p.namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), inner or namespace)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), namespace, p


def endpoints() -> list[Endpoint]:
    found = {}
    for route, namespace, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith(WALKED):
            continue
        name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or route)
        params = _params(pattern)
        found.setdefault((name, params), Endpoint(name, route, params))
    return list(found.values())


def matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


# Filling in parameters ---------------------------------------------------------------------------


def _model_of(endpoint: Endpoint):
    namespace = endpoint.name.split(":")[0]
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        named = model is not None and getattr(viewset, "name", None)
        if named and viewset.url_namespace == namespace:
            return apps.get_model(model) if isinstance(model, str) else model
    modeladmin = re.match(r"(\w+?)_(\w+)_modeladmin_", endpoint.name)
    if modeladmin:
        return apps.get_model(modeladmin.group(1), modeladmin.group(2))
    for prefix, model in (
        ("wagtailadmin_api:pages", Page),
        ("wagtailadmin_pages", Page),
        ("wagtailforms", Page),
    ):
        if endpoint.name.startswith(prefix):
            return model
    return None


def values(endpoint: Endpoint, *, missing=False) -> dict:
    """A value for each parameter: a real object's key where one can be found (or a key no
    object has, with `missing`), else something of the right shape."""
    model = _model_of(endpoint)
    home = Page.objects.filter(depth=2).order_by("path").first()
    values = {}
    for name in endpoint.params:
        if name in ("pk", "instance_pk", "object_id") and model is not None:
            obj = model.objects.order_by("pk").first()
            values[name] = MISSING_PK if missing or obj is None else obj.pk
        elif name.endswith(("page_id", "page_pk")) or name in ("page_to_move_id", "destination_id"):
            values[name] = MISSING_PK if missing else home.pk
        elif name == "revision_id":
            values[name] = Revision.objects.order_by("pk").values_list("pk", flat=True).first()
        elif name == "revision_id_a":
            values[name] = "earliest"
        elif name == "revision_id_b":
            values[name] = "latest"
        elif name in ("app_label", "app_name", "content_type_app_name"):
            values[name] = "pages"
        elif name in ("model_name", "content_type_model_name"):
            values[name] = "standardpage"
        elif name == "slug":
            values[name] = "unvanli-dovlet-sosial-yardimi"
        elif name == "uidb64":
            values[name] = "MQ"
        elif name in ("token", "action_name", "action", "filter_spec"):
            values[name] = "x"
        elif name.endswith(("id", "pk")):
            values[name] = MISSING_PK if missing else 1
        else:
            values[name] = str(uuid.uuid4())
    return values
