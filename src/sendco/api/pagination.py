"""Limit/offset pagination for API lists of pupils or their records, with the read logged:
one access-log row per answer saying what was listed and how many were returned (the filters,
limit and offset are in the row's path). Use `@paginate(LoggedPagination, what="...")`."""

from ninja.pagination import LimitOffsetPagination

from sendco.audit.services import log_list


class LoggedPagination(LimitOffsetPagination):
    def __init__(self, *, what: str, **kwargs):
        self.what = what
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        limit = min(pagination.limit, self.max_limit)
        log_list(request, what=self.what, count=max(0, min(limit, page["count"] - pagination.offset)))
        return page
