"""Pages for agencies: the directory, visits and calendar (urls_directory), consent and a
pupil's referrals (urls_referrals), the school's referral dashboards (urls_dashboard),
professionals' access grants (urls_access)."""

from .urls_access import urlpatterns as access_urls
from .urls_dashboard import urlpatterns as dashboard_urls
from .urls_directory import urlpatterns as directory_urls
from .urls_referrals import urlpatterns as referral_urls

urlpatterns = directory_urls + referral_urls + dashboard_urls + access_urls
