"""Pages and API operations of the school's referral dashboards and the referrals and consent
API. The dashboard and its export: the SEN team and the head. Waiting times (counts, no names):
whoever sees the school's aggregates (the SEN team, the head, governors, the trust officer).
The API reads as the pages do (SEN team and head); the SEN team records consent and refers."""

from tests.agencies.referral_helpers import for_matrix

from .spec import WHOLE_SCHOOL, Page, R

SEN_TEAM = frozenset({R.SENCO, R.ASSISTANT_SENCO})
COUNTS = WHOLE_SCHOOL | {R.GOVERNOR, R.TRUST_OFFICER}

PAGES = {
    "referral-dashboard": Page(WHOLE_SCHOOL, setup=for_matrix),
    "referral-dashboard-export": Page(WHOLE_SCHOOL, setup=for_matrix, data={"format": "csv"}),
    "referral-waiting-times": Page(COUNTS, setup=for_matrix),
}
