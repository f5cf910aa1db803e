"""What the demo secondary schools teach and who works there: departments, subjects, options.

Group names use the subject abbreviations (``9/En2``, ``11/Hi1``); ``TA_GRADES`` and
``PROFESSIONALS`` are the support staff and visiting professionals a school gets.
"""

from __future__ import annotations

# Departments of a secondary school and their relative share of teachers.
DEPARTMENTS: dict[str, float] = {
    "English": 14, "Maths": 14, "Science": 16, "History": 5, "Geography": 5, "Religious Studies": 3,
    "Modern Languages": 7, "Computing": 4, "Art": 3, "Design and Technology": 4, "Music": 2,
    "Drama": 2, "PE": 7, "Social Sciences": 3, "Business": 2,
}  # fmt: skip
# Subject -> (abbreviation used in group names, department).
SUBJECTS: dict[str, tuple[str, str]] = {
    "English": ("En", "English"), "Maths": ("Ma", "Maths"), "Science": ("Sc", "Science"),
    "History": ("Hi", "History"), "Geography": ("Gg", "Geography"),
    "Religious Studies": ("Rs", "Religious Studies"), "French": ("Fr", "Modern Languages"),
    "Spanish": ("Sp", "Modern Languages"), "Computer Science": ("Cs", "Computing"),
    "Art and Design": ("Ar", "Art"), "Design and Technology": ("Dt", "Design and Technology"),
    "Music": ("Mu", "Music"), "Drama": ("Dr", "Drama"), "PE": ("Pe", "PE"),
    "Sport Science": ("Ss", "PE"), "Business": ("Bs", "Business"),
    "English Literature": ("El", "English"), "Further Maths": ("Fm", "Maths"),
    "Biology": ("Bi", "Science"), "Chemistry": ("Ch", "Science"), "Physics": ("Ph", "Science"),
    "Psychology": ("Py", "Social Sciences"), "Sociology": ("So", "Social Sciences"),
}  # fmt: skip
CORE_SUBJECTS = ("English", "Maths", "Science")
KS3_FORM_SUBJECTS = ("History", "Geography", "MFL", "PE")  # taught in tutor groups in Years 7-9
GCSE_OPTIONS: dict[str, float] = {
    "History": 3, "Geography": 3, "French": 1.4, "Spanish": 1.4, "Computer Science": 1.4,
    "Art and Design": 1.5, "Design and Technology": 1.2, "Drama": 1, "Music": 0.6, "Business": 1.2,
    "Religious Studies": 1, "Sport Science": 1.2,
}  # fmt: skip
A_LEVELS: dict[str, float] = {
    "Maths": 3, "English Literature": 2, "Biology": 2.5, "Chemistry": 2, "Physics": 1.5,
    "Psychology": 2.5, "History": 1.8, "Geography": 1.2, "Sociology": 1.8, "Art and Design": 1,
    "Business": 1.5, "Computer Science": 1, "Further Maths": 0.4, "Spanish": 0.4, "Drama": 0.5,
}  # fmt: skip
TA_GRADES: tuple[tuple[str, str, float], ...] = (
    ("TA Level 2", "Teaching Assistant", 0.45),
    ("TA Level 3", "SEN Teaching Assistant", 0.40),
    ("HLTA", "Higher Level Teaching Assistant", 0.15),
)
PROFESSIONALS: tuple[tuple[str, str, str], ...] = (
    ("Educational Psychologist", "Educational psychology assessment", "any"),
    ("Speech and Language Therapist", "Speech and language therapy review", "SLCN ASD"),
)
