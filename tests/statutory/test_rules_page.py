import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_rules_page_explains_both_readings(senco_client):
    body = senco_client.get(reverse("statutory-rules")).content.decode()
    assert "14 February is the last day on time" in body
    assert "day before the anniversary" in body
    assert "SEND Regs 2014 reg 18(1)(b)" in body
