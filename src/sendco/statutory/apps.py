from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "sendco.statutory"
    label = "statutory"
    verbose_name = "EHC plans and statutory deadlines"

    def ready(self):
        from sendco.accounts.roles import Role
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        from . import models, permissions  # noqa: F401 - registers the rules
        from .selectors import home_panel_context

        for model, label in (
            (models.AssessmentRequest, "EHC needs assessment request"),
            (models.AdviceRequest, "Assessment advice"),
            (models.EhcPlan, "EHC plan"),
            (models.PlanOutcome, "EHC plan outcome"),
            (models.ProvisionItem, "EHC plan provision"),
            (models.PlanDocument, "EHC plan document"),
            (models.AnnualReview, "Annual review"),
            (models.ProgressOnOutcome, "Review progress on an outcome"),
            (models.ReviewInvitee, "Review invitee"),
            (models.Amendment, "EHC plan amendment"),
        ):
            # The request document (a working draft) is for the SENCO team and head only.
            fields = {"document": "statutory.request_document"} if model is models.AssessmentRequest else {}
            register_pupil_model(model, label=label, can_read="statutory.view", field_perms=fields)
        add_pupil_tab(PupilTab("EHC plan", "statutory-pupil", "statutory.view", order=30))
        add_nav(
            NavItem(
                "Deadlines",
                "statutory-dashboard",
                visible=lambda roles: roles.has_any(
                    {Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TRUST_OFFICER}
                ),
                section="statutory",
                order=70,
            )
        )
        add_home_panel(HomePanel("statutory/_home_panel.html", home_panel_context, order=20))
