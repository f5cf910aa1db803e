from pathlib import Path

from django.urls import reverse

from sendco.accounts.roles import Role
from sendco.core import home_panels


def test_panels_render_only_for_users_they_concern(cast, client, monkeypatch, settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent.parent / "templates"],
        }
    ]
    monkeypatch.setattr(home_panels, "HOME_PANELS", [])
    home_panels.add_home_panel(
        home_panels.HomePanel(
            "includes/test_panel.html",
            lambda user: {"message": "Panel for the SENCO"} if user == cast.user(Role.SENCO) else None,
        )
    )
    client.force_login(cast.user(Role.SENCO))
    assert "Panel for the SENCO" in client.get(reverse("home")).content.decode()
    client.force_login(cast.user(Role.TEACHER))
    assert "Panel for the SENCO" not in client.get(reverse("home")).content.decode()
