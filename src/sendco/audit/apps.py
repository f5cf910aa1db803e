from django.apps import AppConfig


class AuditConfig(AppConfig):
    """The ground layer: the access log and the registry of history-tracked models. It imports
    nothing from accounts or core; the pages that show the trail live in core (audit_views)."""

    name = "sendco.audit"
    label = "audit"
    verbose_name = "Audit trail"
