"""A link may name the consent's purpose (the Access tab asks for professional access); after
recording a professional-access consent the SENCO lands on the Access tab."""

from django.urls import reverse

from sendco.agencies.models import Consent


def test_purpose_from_link_is_chosen_and_unknown_purpose_ignored(client, cast):
    client.force_login(cast.user("senco"))
    url = reverse("consent-create", kwargs={"pk": cast.pupil.pk})
    html = client.get(url, {"purpose": "professional_access"}).content.decode()
    assert 'value="professional_access" selected' in html
    html = client.get(url, {"purpose": "<script>"}).content.decode()
    assert 'value="" selected' in html.split('name="purpose"')[1].split("</select>")[0]


def test_professional_access_consent_leads_to_access_tab(client, cast):
    client.force_login(cast.user("senco"))
    response = client.post(
        reverse("consent-create", kwargs={"pk": cast.pupil.pk}),
        {
            "purpose": "professional_access",
            "given_by": "Ann Parent",
            "given_on": "2026-12-01",
            "how": "written",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("access-pupil-list", kwargs={"pk": cast.pupil.pk})
    assert Consent.objects.filter(pupil=cast.pupil, purpose="professional_access").count() == 1
