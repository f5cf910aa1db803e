"""Pages for exam access arrangements: a candidate's (urls_candidates) and the centre's
(urls_centre: series, papers, assessors, evidence check, exam-day lists)."""

from .urls_candidates import urlpatterns as candidate_urls
from .urls_centre import urlpatterns as centre_urls

urlpatterns = candidate_urls + centre_urls
