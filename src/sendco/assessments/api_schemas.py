"""API schemas shared by the assessments and reports routers (and by other apps' APIs that
record scores, such as Form 8 Part 2)."""

from __future__ import annotations

from ninja import Schema
from pydantic import StrictInt


class AssessmentScoreOut(Schema):
    id: int
    test_name: str
    area: str
    area_label: str
    standard_score: int
    band: str
    percentile: float | None
    age_equivalent: str

    @staticmethod
    def resolve_area_label(obj) -> str:
        return obj.get_area_display()


class AssessmentScoreIn(Schema):
    test_name: str
    area: str
    # Strict: true or "100" is not a standard score (pydantic would otherwise turn it into one).
    standard_score: StrictInt
    percentile: float | None = None
    age_equivalent: str = ""
