# ruff: noqa: E501  (data: one example per line reads better than wrapped strings)
"""Example interventions for a new school's provision library: well-known UK programmes with
notes on the evidence. Costs are illustrative, not prices: the school edits them."""

from __future__ import annotations

from decimal import Decimal as D

EEF = "https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit"
TA_GUIDE = (
    "https://educationendowmentfoundation.org.uk/education-evidence/guidance-reports/teaching-assistants"
)

# name, need area, wave, group size, minutes, per week, staff, resources/session, one-off,
# measure kind, measure name, description, evidence notes, evidence link
EXAMPLES = [
    ("Precision Teaching", "cl", 3, 1, 10, 5, "ta", D("0"), D("0"), "scale", "Words read correctly per minute",
     "Short daily 1:1 fluency probes on a small set of target words or facts, charted daily.",
     "Strong practitioner evidence for fluency; aligns with EEF findings that structured, well-planned TA interventions add about +4 months.", TA_GUIDE),
    ("Toe by Toe", "cl", 3, 1, 20, 5, "ta", D("0.20"), D("30"), "age_months", "Reading age (months)",
     "Highly structured multi-sensory phonics reading manual, worked through 1:1 daily.",
     "Phonics approaches: +5 months (EEF Toolkit, moderate evidence). Programme-specific evidence is limited.", EEF),
    ("Lexia Core5 / PowerUp", "cl", 2, 6, 30, 3, "ta", D("1.50"), D("0"), "standardised", "Standardised reading score",
     "Adaptive computer-based literacy programme with TA supervision and offline lessons.",
     "Digital technology: +4 months (EEF); an EEF trial of Lexia found no additional impact over usual provision: monitor closely.", EEF),
    ("Read Write Inc. Fresh Start", "cl", 2, 4, 60, 3, "teacher", D("1.00"), D("120"), "age_months", "Reading age (months)",
     "Phonics catch-up for pupils in Years 5 to 8 still learning to read, using age-appropriate texts.",
     "An EEF-funded trial found positive effects for Year 7 pupils (+3 months); phonics +5 months overall.", EEF),
    ("Numicon intervention programme", "cl", 2, 4, 30, 2, "ta", D("0.50"), D("250"), "standardised", "Standardised maths score",
     "Structured small-group maths using Numicon shapes to build number sense.",
     "Small-group tuition +4 months and TA interventions +4 months (EEF), when structured and linked to class teaching.", EEF),
    ("Talk Boost", "ci", 2, 4, 30, 3, "ta", D("0.50"), D("150"), "scale", "Talk Boost language progress tool",
     "Ten-week targeted language intervention for children with language delay (Speech and Language UK).",
     "Oral language interventions: +6 months (EEF Toolkit, extensive evidence).", EEF),
    ("ELSA (emotional literacy support)", "semh", 3, 1, 30, 1, "ta", D("0.50"), D("0"), "custom", "Emotional literacy checklist score",
     "Weekly 1:1 sessions with a trained Emotional Literacy Support Assistant, supervised by an educational psychologist.",
     "Social and emotional learning: +4 months (EEF). ELSA evaluations are mostly small and uncontrolled.", EEF),
    ("Lego-based therapy", "ci", 2, 3, 45, 1, "ta", D("0.30"), D("100"), "scale", "Social communication rating (0–10)",
     "Collaborative building in roles (engineer, supplier, builder) to practise social communication.",
     "Small positive trials with autistic pupils; social and emotional learning +4 months (EEF).", EEF),
    ("Zones of Regulation", "semh", 2, 6, 30, 1, "ta", D("0.20"), D("40"), "target_rating", "Self-regulation target rating",
     "Curriculum teaching pupils to recognise their feelings and choose regulation strategies.",
     "Self-regulation and metacognition +7 months (EEF, for learning strategies); programme evidence is limited.", EEF),
    ("Speech and language programme (delivered by TA)", "ci", 3, 1, 20, 3, "ta", D("0"), D("0"), "target_rating", "SALT target rating",
     "A TA delivers the targets and activities set by the speech and language therapist.",
     "Oral language interventions +6 months (EEF); depends on the therapist's programme and TA training.", EEF),
    ("Social skills group", "semh", 2, 6, 45, 1, "ta", D("0.30"), D("0"), "scale", "Social skills rating (0–10)",
     "Small group practising turn-taking, conversation and friendship skills.",
     "Social and emotional learning +4 months (EEF), moderate evidence.", EEF),
    ("Handwriting and fine motor group", "sp", 2, 6, 20, 3, "ta", D("0.20"), D("60"), "scale", "Handwriting speed (letters a minute)",
     "Daily fine motor activities and handwriting practice (for example Clever Fingers, Speed Up!).",
     "Limited direct evidence; occupational therapy advice should shape the programme.", ""),
    ("1:1 TA support", "cl", 3, 1, 60, 5, "ta", D("0"), D("0"), "target_rating", "Progress towards outcomes",
     "Individual support in lessons or out of them, as set out in the pupil's plan.",
     "EEF: TAs used as an informal teaching resource for low-attaining pupils can have a negative impact; deploy to supplement, not replace, the teacher.", TA_GUIDE),
    ("Nurture group", "semh", 2, 8, 60, 3, "teacher", D("1.00"), D("200"), "custom", "Boxall Profile developmental strand score",
     "Small class for part of the week offering a structured, predictable day to meet social and emotional needs.",
     "Studies show gains on the Boxall Profile; social and emotional learning +4 months (EEF).", EEF),
]  # fmt: skip


def example_rows(school) -> list:
    from .models import Provision

    return [
        Provision(
            school=school,
            name=name,
            need_area=area,
            wave=wave,
            typical_group_size=size,
            minutes_per_session=minutes,
            sessions_per_week=per_week,
            staff_type=staff,
            resource_cost_per_session=per_session,
            one_off_resource_cost=one_off,
            measure_kind=kind,
            measure_name=measure,
            description=description,
            evidence_notes=notes,
            evidence_url=url,
        )  # fmt: skip
        for (
            name,
            area,
            wave,
            size,
            minutes,
            per_week,
            staff,
            per_session,
            one_off,
            kind,
            measure,
            description,
            notes,
            url,
        ) in EXAMPLES  # fmt: skip
    ]
