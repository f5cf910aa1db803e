"""The header keeps its order now that entries say their place (`NavItem.order`) instead of
relying on INSTALLED_APPS order (the audit pages moved from the audit app into core)."""

from sendco.core.navigation import NAV


def test_header_order():
    assert [n.label for n in NAV] == [
        "Home",
        "Pupils",
        "SEND register",
        "Reviews",
        "Class passports",
        "Concerns",
        "Access changes",
        "Access log",
        "Deadlines",
        "Referrals",
        "Provision",
        "Access arrangements",
        "Agencies",
    ]
