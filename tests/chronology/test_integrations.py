import datetime as dt

from sendco.chronology.integrations import chronology_summary
from sendco.chronology.models import ChronologyCategory, ChronologyEntry


def _entry(cast, level, title, day):
    category = ChronologyCategory.objects.filter(
        school=cast.school
    ).first() or ChronologyCategory.objects.create(school=cast.school, name="General")
    return ChronologyEntry.objects.create(
        pupil=cast.pupil,
        school=cast.school,
        occurred_on=day,
        kind="meeting",
        category=category,
        title=title,
        body="...",
        confidentiality=level,
    )


def test_request_chronology_keeps_confidential_entries_out(cast):
    _entry(cast, "staff", "Meeting with class teacher", dt.date(2025, 10, 2))
    _entry(cast, "parents", "Parents' evening", dt.date(2025, 9, 20))
    _entry(cast, "senco", "Safeguarding discussion", dt.date(2025, 11, 1))
    text = chronology_summary(cast.pupil, None)
    assert text.index("Parents' evening") < text.index("Meeting with class teacher")
    assert "Safeguarding" not in text
