"""Name, language and place lists for the demo data. Every person and place is fictional.

Children's first names are common names of recent years in England (popular-name lists, all
very widely used), so that a class list looks like a real one. Families are drawn from the
communities a school in England commonly serves; each community has its own first names,
surnames and home languages, so that names, English as an additional language (EAL) and a
contact's preferred language fit together. Adults with English names take theirs from Faker's
en_GB lists (see ``people``). Places, streets and school names are made up; the postcode
area ``NF`` does not exist in the UK.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# --------------------------------------------------------------------------- children (English names)
# fmt: off

ENGLISH_BOYS: tuple[str, ...] = (
    "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Jack", "Charlie", "Oscar", "Jacob",
    "Henry", "Thomas", "Freddie", "Alfie", "Theo", "William", "Theodore", "Archie", "Joshua",
    "Alexander", "James", "Isaac", "Edward", "Lucas", "Tommy", "Finley", "Max", "Logan", "Ethan",
    "Teddy", "Benjamin", "Arlo", "Joseph", "Sebastian", "Harrison", "Elijah", "Adam", "Daniel",
    "Samuel", "Louie", "Mason", "Reuben", "Albie", "Rory", "Jaxon", "Hugo", "Luca", "Zachary",
    "Reggie", "Hunter", "Louis", "Dylan", "Albert", "David", "Jude", "Frankie", "Roman", "Ezra",
    "Toby", "Riley", "Carter", "Ronnie", "Frederick", "Gabriel", "Stanley", "Bobby", "Jesse",
    "Michael", "Elliot", "Liam", "Jenson", "Ellis", "Harley", "Harvey", "Jayden", "Jake",
    "Matthew", "Nathan", "Connor", "Kai", "Callum", "Ryan", "Tyler", "Lewis", "Owen", "Dexter",
    "Kian", "Caleb", "Ollie", "Billy", "Alex", "Aaron", "Ben", "Cameron", "Christopher", "Declan",
    "Euan", "Fraser", "Jamie", "Kyle", "Morgan", "Nathaniel", "Patrick", "Rhys", "Sam", "Sonny",
)
ENGLISH_GIRLS: tuple[str, ...] = (
    "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow",
    "Rosie", "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella",
    "Evelyn", "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya",
    "Sophie", "Alice", "Emilia", "Isabelle", "Ruby", "Luna", "Maisie", "Aria", "Penelope", "Mila",
    "Bonnie", "Eva", "Hallie", "Eliza", "Ada", "Violet", "Esme", "Imogen", "Jessica", "Lottie",
    "Layla", "Chloe", "Holly", "Erin", "Megan", "Hannah", "Lucy", "Scarlett", "Aurora", "Thea",
    "Lola", "Molly", "Ellie", "Darcie", "Nancy", "Harriet", "Georgia", "Beatrice", "Iris", "Robyn",
    "Summer", "Heidi", "Orla", "Niamh", "Amber", "Lexi", "Kayla", "Jasmine", "Abigail",
    "Elizabeth", "Eleanor", "Hollie", "Lacey", "Katie", "Leah", "Amelie", "Bethany", "Caitlin",
    "Demi", "Eloise", "Faith", "Gracie", "Jade", "Keira", "Libby", "Madison", "Naomi", "Paige",
    "Rebecca", "Skye", "Tilly",
)

# Formal first name -> the shorter name a pupil is known by (used for some pupils).
PREFERRED_FORMS: dict[str, str] = {
    "Alexander": "Alex", "Benjamin": "Ben", "Christopher": "Chris", "Daniel": "Dan",
    "Edward": "Ed", "Frederick": "Freddie", "Harrison": "Harry", "Joseph": "Joe", "Joshua": "Josh",
    "Matthew": "Matt", "Nathaniel": "Nate", "Samuel": "Sam", "Sebastian": "Seb",
    "Theodore": "Teddy", "Thomas": "Tom", "William": "Will", "Zachary": "Zac", "Abigail": "Abi",
    "Charlotte": "Lottie", "Elizabeth": "Lizzie", "Eleanor": "Ellie", "Isabella": "Bella",
    "Isabelle": "Izzy", "Jessica": "Jess", "Matilda": "Tilly", "Penelope": "Penny",
    "Rebecca": "Becky", "Oluwaseun": "Seun", "Oluwadamilare": "Dami", "Oluwatoyin": "Toyin",
    "Temitope": "Tope", "Abdirahman": "Abdi", "Abdullahi": "Abdi", "Wiktoria": "Wiki",
    "Aleksander": "Olek", "Chukwuemeka": "Emeka", "Adaeze": "Ada", "Zakariya": "Zak",
    "Mohammed": "Mo",
}
# fmt: on


# --------------------------------------------------------------------------- communities


@dataclass(frozen=True)
class Community:
    """A group of families with shared naming patterns and home languages.

    ``weight``: share of pupils (relative). ``eal``: share of the community's pupils recorded
    as EAL. ``languages``: (first language, relative weight) for EAL pupils. ``feminine``:
    surnames take a feminine form for women and girls (Polish -ski/-ska).
    """

    key: str
    weight: float
    eal: float
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[str, ...]
    languages: tuple[tuple[str, float], ...]
    feminine: bool = False


# English-named families: names from ENGLISH_BOYS/GIRLS and Faker en_GB. A few are EAL
# (mixed-heritage or other European families) with these languages.
ENGLISH_EAL_LANGUAGES: tuple[tuple[str, float], ...] = (
    ("Lithuanian", 3),
    ("Latvian", 2),
    ("Russian", 2),
    ("Albanian", 2),
    ("French", 2),
    ("Spanish", 2),
    ("Italian", 1),
    ("Welsh", 1),
    ("Tamil", 1),
    ("Hungarian", 1),
    ("Bulgarian", 1),
    ("Tagalog", 1),
)

# fmt: off
COMMUNITIES: tuple[Community, ...] = (
    Community(
        "english",
        70.0,
        0.015,
        ENGLISH_BOYS,
        ENGLISH_GIRLS,
        (),
        ENGLISH_EAL_LANGUAGES,
    ),
    Community(
        "pakistani",
        6.0,
        0.70,
        (
            "Muhammad", "Ibrahim", "Yusuf", "Hamza", "Ayaan", "Zayn", "Ali", "Hassan", "Bilal",
            "Umar", "Rayyan", "Haris", "Zakariya", "Abdullah", "Musa", "Ismail", "Zain", "Idris",
        ),
        (
            "Aisha", "Maryam", "Fatima", "Zara", "Hafsa", "Khadija", "Inaya", "Hania", "Zainab",
            "Amna", "Aleena", "Eshal", "Mahnoor", "Anaya", "Alisha", "Hiba", "Safa", "Iqra",
        ),
        (
            "Khan", "Hussain", "Ahmed", "Ali", "Iqbal", "Shah", "Akhtar", "Mahmood", "Rashid",
            "Butt", "Malik", "Aslam", "Raza", "Qureshi", "Javed", "Bibi", "Nawaz", "Riaz",
            "Saleem", "Anwar",
        ),
        (("Urdu", 5), ("Panjabi", 4), ("Pashto", 1), ("Pahari", 1)),
    ),
    Community(
        "indian",
        4.0,
        0.55,
        (
            "Arjun", "Aarav", "Rohan", "Dev", "Vihaan", "Krish", "Ishaan", "Kabir", "Arjan",
            "Jasveer", "Ekam", "Aryan", "Reyansh", "Nikhil", "Sai", "Veer",
        ),
        (
            "Anaya", "Priya", "Diya", "Simran", "Kiran", "Riya", "Aanya", "Isha", "Jasleen",
            "Saanvi", "Navya", "Meera", "Tara", "Harleen", "Avni", "Kavya",
        ),
        (
            "Patel", "Sharma", "Singh", "Gill", "Sandhu", "Shah", "Mistry", "Chauhan", "Parmar",
            "Kumar", "Dhillon", "Sidhu", "Joshi", "Desai", "Bains", "Rai", "Nair", "Pillai",
            "Mehta", "Johal",
        ),
        (("Gujarati", 4), ("Panjabi", 4), ("Hindi", 2), ("Tamil", 1), ("Malayalam", 1), ("Telugu", 1)),
    ),
    Community(
        "bangladeshi",
        2.5,
        0.85,
        (
            "Mohammed", "Rahim", "Imran", "Saif", "Tahmid", "Rayhan", "Adnan", "Nabil", "Arif",
            "Sami", "Yahya", "Farhan", "Shahid", "Tanvir",
        ),
        (
            "Nusrat", "Tahmina", "Sumaiya", "Ruqayyah", "Tasnim", "Samia", "Jannat", "Afia",
            "Ishrat", "Nafisa", "Raisa", "Sadia", "Tania", "Mim",
        ),
        (
            "Miah", "Rahman", "Uddin", "Islam", "Hoque", "Chowdhury", "Ahmed", "Hossain", "Ali",
            "Begum", "Khatun", "Alam", "Karim", "Sarkar",
        ),
        (("Bengali (Sylheti)", 6), ("Bengali", 4)),
    ),
    Community(
        "polish",
        3.5,
        0.90,
        (
            "Jakub", "Szymon", "Filip", "Kacper", "Mateusz", "Antoni", "Wiktor", "Oliwer", "Igor",
            "Michał", "Aleksander", "Franciszek", "Bartosz", "Dawid",
        ),
        (
            "Zuzanna", "Julia", "Maja", "Lena", "Hanna", "Zofia", "Amelia", "Oliwia", "Natalia",
            "Wiktoria", "Alicja", "Pola", "Gabriela", "Martyna",
        ),
        (
            "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur", "Krawczyk", "Jankowski",
            "Wojciechowski", "Kwiatkowski", "Piotrowski", "Grabowski",
        ),
        (("Polish", 1),),
        feminine=True,
    ),
    Community(
        "romanian",
        2.5,
        0.92,
        (
            "Andrei", "Alexandru", "David", "Ștefan", "Luca", "Matei", "Gabriel", "Ionuț", "Mihai",
            "Rareș", "Darius", "Tudor",
        ),
        (
            "Maria", "Ioana", "Elena", "Sofia", "Daria", "Bianca", "Andreea", "Alexia", "Ana",
            "Antonia", "Denisa", "Larisa",
        ),
        (
            "Popescu", "Ionescu", "Popa", "Constantin", "Stan", "Dumitru", "Stoica", "Gheorghe",
            "Munteanu", "Rusu", "Matei", "Ciobanu", "Marin", "Lungu",
        ),
        (("Romanian", 1),),
    ),
    Community(
        "nigerian",
        3.0,
        0.30,
        (
            "Oluwaseun", "Tobi", "Chinedu", "Chukwuemeka", "David", "Daniel", "Ayomide", "Tobenna",
            "Oluwadamilare", "Femi", "Kayode", "Chidi", "Joshua", "Somto", "Tunde", "Ikenna",
        ),
        (
            "Chioma", "Adaeze", "Folake", "Ifeoma", "Temitope", "Ngozi", "Blessing", "Favour",
            "Precious", "Oluwatoyin", "Amara", "Zainab", "Kemi", "Ebube", "Morenike", "Adanna",
        ),
        (
            "Adeyemi", "Okafor", "Okonkwo", "Adebayo", "Oladipo", "Eze", "Nwosu", "Balogun",
            "Ogunleye", "Obi", "Olawale", "Akinola", "Ibrahim", "Oyelaran", "Afolabi", "Nnamdi",
            "Ogbonna", "Adewale",
        ),
        (("Yoruba", 6), ("Igbo", 4), ("Hausa", 1)),
    ),
    Community(
        "ghanaian",
        1.0,
        0.40,
        ("Kwame", "Kofi", "Kwabena", "Yaw", "Kwasi", "Kojo", "Nana", "Samuel", "Emmanuel", "Isaac"),
        ("Akosua", "Abena", "Ama", "Esi", "Afua", "Adwoa", "Efua", "Nana", "Grace", "Elizabeth"),
        (
            "Mensah", "Owusu", "Boateng", "Asante", "Osei", "Addo", "Appiah", "Agyeman",
            "Acheampong", "Amoah", "Darko", "Frimpong",
        ),
        (("Twi", 6), ("Ga", 2), ("Ewe", 2)),
    ),
    Community(
        "somali",
        1.5,
        0.90,
        (
            "Abdirahman", "Mohamed", "Abdullahi", "Yusuf", "Hamza", "Ayub", "Abdi", "Ilyas",
            "Liban", "Guled", "Mahad", "Khalid",
        ),
        (
            "Hodan", "Ayan", "Fadumo", "Hibo", "Sagal", "Ilhan", "Hamdi", "Sumaya", "Nasra",
            "Ikran", "Najma", "Sahra",
        ),
        (
            "Mohamed", "Ahmed", "Hassan", "Ali", "Abdi", "Farah", "Warsame", "Hussein", "Omar",
            "Jama", "Osman", "Yusuf", "Aden", "Elmi", "Nur", "Ismail",
        ),
        (("Somali", 1),),
    ),
    Community(
        "chinese",
        1.0,
        0.75,
        ("Jia Hao", "Wei", "Hao Yu", "Zi Hang", "Ethan", "Jason", "Ryan", "Jun", "Yi Chen", "Kai"),
        ("Mei", "Xin Yi", "Yu Xuan", "Jia Yi", "Zi Xuan", "Chloe", "Emily", "Hui Min", "Ling", "Ka Yan"),
        (
            "Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Lam", "Chan", "Cheung", "Ng", "Lee",
            "Ho", "Yang", "Huang", "Zhou", "Wu",
        ),
        (("Chinese (Cantonese)", 1), ("Chinese (Mandarin)", 1)),
    ),
    Community(
        "arab",
        1.5,
        0.90,
        (
            "Omar", "Adam", "Youssef", "Ahmad", "Karim", "Ali", "Mustafa", "Tariq", "Hadi", "Zaid",
            "Amir", "Sami",
        ),
        (
            "Layla", "Noor", "Sara", "Mariam", "Lina", "Hana", "Yasmin", "Rania", "Salma", "Jana",
            "Dalia", "Reem",
        ),
        (
            "Haddad", "Al-Sayed", "Mansour", "Nasser", "Hamdan", "Saleh", "Khalil", "Abbas",
            "Darwish", "Hamid", "Aziz", "Jaber", "Al-Amin", "Rashed",
        ),
        (("Arabic", 1), ("Kurdish", 0.3)),
    ),
    Community(
        "portuguese",
        1.0,
        0.88,
        ("João", "Tiago", "Rodrigo", "Diogo", "Lucas", "Gonçalo", "Rafael", "Martim", "Duarte", "Afonso"),
        (
            "Beatriz", "Mariana", "Inês", "Leonor", "Carolina", "Matilde", "Lara", "Francisca",
            "Camila", "Alice",
        ),
        (
            "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
            "Sousa", "Fernandes", "Gonçalves", "Gomes",
        ),
        (("Portuguese", 1),),
    ),
    Community(
        "turkish",
        0.8,
        0.85,
        ("Emir", "Yusuf", "Eren", "Mert", "Kerem", "Arda", "Ömer", "Efe", "Mustafa", "Can"),
        ("Elif", "Zeynep", "Defne", "Ecem", "Azra", "Ela", "Nehir", "Asya", "Derin", "Eylül"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan"),
        (("Turkish", 5), ("Kurdish", 1)),
    ),
)
# fmt: on


def feminine_surname(surname: str) -> str:
    """The feminine form of a Polish surname (Kowalski -> Kowalska); others are unchanged."""
    if surname.endswith("ski") or surname.endswith("cki") or surname.endswith("dzki"):
        return surname[:-1] + "a"
    return surname


_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only: "Wiśniewska" -> "wisniewska"."""
    plain = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


# --------------------------------------------------------------------------- places (fictional)

# fmt: off
TOWNS: tuple[str, ...] = (
    "Northfield", "Ashby Vale", "Kingsmere", "Fernleigh", "Brackenhurst", "Millbrook Green",
    "Easton Marsh", "Stanbury", "Westerley", "Oakhallow", "Redcliffe Heath", "Larkmoor",
    "Hollinsworth", "Ravensford", "Thornbury Cross", "Wyvern Bridge",
)
_PLACE_FIRST: tuple[str, ...] = (
    "Ash", "Bram", "Brock", "Cold", "Elm", "Fern", "Hart", "Hazel", "Kings", "Lark", "Mill",
    "North", "Oak", "Raven", "Red", "Rush", "Stan", "Thorn", "West", "Whit", "Wil", "Wren",
    "Alder", "Birch", "Cran", "Dun", "Fox", "Gold", "Hol", "Lyn",
)
_PLACE_SECOND: tuple[str, ...] = (
    "ford", "field", "bury", "ley", "wick", "mere", "worth", "dale", "combe", "hurst", "brook",
    "stead", "moor", "ton", "well", "gate",
)
# fmt: on


def place_names() -> list[str]:
    """Every made-up place name, in a fixed order (the generator picks from these)."""
    return [a + b for a in _PLACE_FIRST for b in _PLACE_SECOND]


# fmt: off
SECONDARY_SUFFIXES: tuple[str, ...] = ("Academy", "High School", "School", "Community College")
PRIMARY_SUFFIXES: tuple[str, ...] = (
    "Primary School", "Primary Academy", "Church of England Primary School",
    "Community Primary School",
)

STREET_STEMS: tuple[str, ...] = (
    "Acacia", "Beech", "Birch", "Cedar", "Chestnut", "Elm", "Hawthorn", "Hazel", "Holly",
    "Laburnum", "Larch", "Lime", "Maple", "Oak", "Poplar", "Rowan", "Sycamore", "Willow", "Alder",
    "Juniper", "Church", "Mill", "Station", "Park", "Victoria", "Albert", "Queens", "Kings",
    "Meadow", "Orchard", "Brook", "Windmill", "School", "Market", "Bridge", "Castle", "Abbey",
    "Spring", "Cherry", "Primrose", "Bluebell", "Foxglove", "Heather", "Lavender", "Clover",
    "Kestrel", "Falcon", "Swallow", "Heron", "Kingfisher", "Linden", "Farm", "Manor", "Grange",
    "Riverside",
)
STREET_SUFFIXES: tuple[str, ...] = (
    "Road", "Street", "Avenue", "Close", "Lane", "Way", "Crescent", "Drive", "Gardens", "Grove",
    "Court", "Terrace", "Walk", "Place", "Rise", "View", "Mews",
)
# Letters used in the last two characters of a postcode (never C, I, K, M, O or V).
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
POSTCODE_AREA = "NF"  # not a UK postcode area

# Primary class names (trees), in the order classes are named, Reception first.
PRIMARY_CLASS_NAMES: tuple[str, ...] = (
    "Acorn", "Chestnut", "Hazel", "Holly", "Rowan", "Willow", "Birch", "Beech", "Cedar", "Elm",
    "Maple", "Oak", "Ash", "Larch", "Pine", "Yew", "Alder", "Aspen", "Juniper", "Sycamore",
    "Hawthorn", "Poplar", "Linden", "Sequoia",
)
# Form letters of secondary registration groups (no I or O).
FORM_LETTERS = "ABCDEFGHJKLMNPRSTUVW"

ADULT_TITLES_FEMALE: tuple[tuple[str, float], ...] = (("Mrs", 5), ("Ms", 4), ("Miss", 2), ("Dr", 0.4))
ADULT_TITLES_MALE: tuple[tuple[str, float], ...] = (("Mr", 10), ("Dr", 0.4))
# fmt: on
