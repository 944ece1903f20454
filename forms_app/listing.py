"""Admin listings that stay quick with millions of rows: a paginator that counts exactly only up
to a limit, and says "about" or "more than" past it, never a full COUNT(*) on every page view."""

from django.conf import settings
from django.db import connections
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator


def estimated_rows(model) -> int | None:
    """PostgreSQL's estimate of a table's rows (kept by autovacuum and ANALYZE), else None."""
    connection = connections[model.objects.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


class LargeTablePaginator(WagtailPaginator):
    """Counts at most settings.ADMIN_LISTINGS["EXACT_COUNT_UP_TO"] + 1 rows. Past that, a whole
    table (no filter, no search) shows PostgreSQL's estimate of its rows as "about N"; a filtered
    listing shows "more than N" and pages through the first N (refine the search for others)."""

    estimated = False  # the count is not exact: "about" or "more than"

    @cached_property
    def count(self):
        limit = settings.ADMIN_LISTINGS["EXACT_COUNT_UP_TO"]
        queryset = self.object_list
        counted = queryset.order_by()[: limit + 1].count()
        if counted <= limit:
            return counted
        self.estimated = True
        self.whole_table = not queryset.query.where
        estimate = estimated_rows(queryset.model) if self.whole_table else None
        if estimate is None or estimate <= limit:
            self.whole_table = False
            return counted
        return estimate

    @cached_property
    def items_count_label(self):
        if not self.estimated:
            return super().items_count_label
        count = self.count
        if self.whole_table:
            return _("About %(count)s %(name)s") % {
                "count": f"{count:,}",
                "name": self.verbose_name_plural,
            }
        limit = settings.ADMIN_LISTINGS["EXACT_COUNT_UP_TO"]
        return _("More than %(count)s %(name)s: search or filter to narrow them down") % {
            "count": f"{limit:,}",
            "name": self.verbose_name_plural,
        }


class LargeTableListingMixin:
    """For a Wagtail IndexView: the paginator above, and its words instead of "There are N
    matches" when the count is not exact."""

    paginator_class = LargeTablePaginator
    results_template_name = "forms_app/admin/listing_results.html"
