"""The columns an MIS export may have: our field names, the MIS header names accepted for each
(SIMS, Arbor, Bromcom, ScholarPack styles; documented in docs/import-formats.md) and the words
accepted in some cells. Headers match ignoring case, spaces and punctuation."""

import re

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
CONTACT_SLOTS = 3

ALIASES: dict[str, tuple[str, ...]] = {
    "upn": ("UPN", "Unique Pupil Number"),
    "legal_surname": ("Legal Surname", "Surname", "Last Name", "Family Name"),
    "legal_forename": ("Legal Forename", "Forename", "First Name", "Legal First Name", "Given Name"),
    "middle_names": ("Middle Names", "Middle Name"),
    "preferred_forename": ("Preferred Forename", "Preferred First Name", "Known As", "Chosen Name"),
    "preferred_surname": ("Preferred Surname", "Preferred Last Name"),
    "date_of_birth": ("DOB", "Date of Birth", "Birth Date"),
    "sex": ("Sex", "Gender", "Legal Sex"),
    "nc_year": ("Year", "NC Year Actual", "NC Year", "Year Group", "Curriculum Year"),
    "reg_group": ("Reg", "Registration Group", "Reg Group", "Form", "Tutor Group", "Class"),
    "admission_date": ("Admission Date", "Date of Admission", "Entry Date"),
    "eal": ("EAL", "English as an Additional Language", "EAL Status"),
    "first_language": ("First Language", "Home Language"),
    "fsm": ("FSM", "Free School Meals", "FSM Eligible", "FSM Eligibility"),
    "pupil_premium": ("Pupil Premium", "PP", "PP Indicator", "Pupil Premium Indicator"),
    "looked_after": ("In Care", "Looked After", "CLA", "LAC", "Child Looked After"),
    "previously_looked_after": ("Previously Looked After", "Post LAC", "PLAC"),
    "medical_needs": ("Medical Needs", "Medical Flag"),
    "sen": ("SEN Status", "SEN Provision", "SEN", "SEN Provision Code"),
    "sen_start": ("SEN Start Date", "SEN Status Start Date", "SEN Provision Start Date"),
    "primary_need": ("Primary Need", "SEN Primary Need", "Primary SEN Need", "SEN Need 1", "SEN Need Type 1"),
    "secondary_need": (
        "Secondary Need",
        "SEN Secondary Need",
        "Secondary SEN Need",
        "SEN Need 2",
        "SEN Need Type 2",
    ),
}
CONTACT_PARTS: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Full Name"),
    "relationship": ("Relationship", "Relationship to Pupil"),
    "phone": ("Phone", "Telephone", "Mobile", "Phone Number"),
    "email": ("Email", "Email Address"),
    "pr": ("Parental Responsibility", "PR", "Has Parental Responsibility"),
}
LABELS = {
    "upn": "UPN",
    "legal_surname": "Legal surname",
    "legal_forename": "Legal forename",
    "middle_names": "Middle names",
    "preferred_forename": "Preferred forename",
    "preferred_surname": "Preferred surname",
    "date_of_birth": "Date of birth",
    "sex": "Sex",
    "nc_year": "NC year",
    "reg_group": "Registration group",
    "admission_date": "Admission date",
    "eal": "EAL",
    "first_language": "First language",
    "fsm": "FSM",
    "pupil_premium": "Pupil premium",
    "looked_after": "Looked after",
    "previously_looked_after": "Previously looked after",
    "medical_needs": "Medical needs",
    "leaving_date": "Leaving date",
    "sen": "SEN provision",
    "needs": "Needs",
}
BOOL_FIELDS = ("eal", "fsm", "pupil_premium", "looked_after", "previously_looked_after", "medical_needs")
DATE_FIELDS = ("date_of_birth", "admission_date")
REQUIRED = ("upn", "legal_surname", "legal_forename")
REQUIRED_FOR_NEW = ("date_of_birth", "sex", "nc_year", "admission_date")
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev"}
RELATIONSHIPS = {
    "mother": "mother",
    "mum": "mother",
    "father": "father",
    "dad": "father",
    "parent": "parent",
    "stepmother": "step_parent",
    "stepfather": "step_parent",
    "stepparent": "step_parent",
    "grandmother": "grandparent",
    "grandfather": "grandparent",
    "grandparent": "grandparent",
    "fostercarer": "foster_carer",
    "fostermother": "foster_carer",
    "fosterfather": "foster_carer",
    "carer": "carer",
    "guardian": "carer",
    "socialworker": "social_worker",
}
SEN_WORDS = {
    "nospecialeducationalneed": "N",
    "nosen": "N",
    "none": "N",
    "senssupport": "K",
    "sensupport": "K",
    "ehcplan": "E",
    "ehcp": "E",
    "educationhealthandcareplan": "E",
    "statement": "S",
    "schoolaction": "A",
    "schoolactionplus": "P",
}


def header_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header).lower())


HEADER_MAP = {header_key(alias): name for name, aliases in ALIASES.items() for alias in (name, *aliases)}
for _slot in range(1, CONTACT_SLOTS + 1):
    for _part, _aliases in CONTACT_PARTS.items():
        for _alias in _aliases:
            HEADER_MAP[header_key(f"Contact {_slot} {_alias}")] = f"contact{_slot}_{_part}"
HEADER_MAP.setdefault(header_key("Parental Responsibility"), "contact1_pr")
