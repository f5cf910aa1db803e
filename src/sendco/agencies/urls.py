"""Pages for agencies: the directory, visits and calendar (urls_directory), consent, referrals
and dashboards (urls_referrals), professionals' access grants (urls_access)."""

from .urls_access import urlpatterns as access_urls
from .urls_directory import urlpatterns as directory_urls
from .urls_referrals import urlpatterns as referral_urls

urlpatterns = directory_urls + referral_urls + access_urls
