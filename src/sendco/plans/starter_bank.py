"""The starter strategy bank a school can load and then edit: widely used, evidence-informed
classroom strategies for each of the four broad areas of need (SEND Code of Practice 6.28-6.35;
EEF "Special Educational Needs in Mainstream Schools" guidance, 2020: the 'five-a-day'
approaches of explicit instruction, cognitive and metacognitive strategies, scaffolding,
flexible grouping and technology)."""

STARTER_STRATEGIES: list[tuple[str, str, str]] = [
    # Cognition and learning
    ("CL", "Chunk instructions", "<p>Give <strong>one or two steps at a time</strong>; check understanding "
     "before moving on.</p><ul><li>Number the steps on the board</li>"
     "<li>Ask the pupil to repeat the task back</li></ul>"),
    ("CL", "Pre-teach key vocabulary", "<p>Introduce the <strong>5-6 key words</strong> of a topic "
     "before the "
     "lesson, with pictures and a short definition, and keep them on display.</p>"),
    ("CL", "Worked examples and modelling", "<p>Model the task aloud (\"I do\"), complete one together "
     "(\"we do\"), then independent practice (\"you do\") with a worked example to refer to.</p>"),
    ("CL", "Writing frames and sentence starters", "<p>Provide a frame with headings and sentence starters; "
     "fade it as the pupil gains confidence.</p>"),
    ("CL", "Reduce copying from the board", "<p>Give a printed copy of notes or a gapped handout so effort "
     "goes on learning, not copying.</p>"),
    ("CL", "Dyslexia-friendly resources", "<ul><li>Sans-serif font, 12-14pt, 1.5 line spacing</li>"
     "<li>Cream or pastel background</li><li>No blocks of text in capitals or italics</li></ul>"),
    ("CL", "Concrete resources in maths", "<p>Use manipulatives (Numicon, Dienes, counters) and bar models "
     "before moving to abstract methods.</p>"),
    ("CL", "Extra processing time", "<p>Allow <strong>10 seconds of wait time</strong> after a question; "
     "warn the pupil before asking them in front of the class.</p>"),
    # Communication and interaction
    ("CI", "Visual timetable", "<p>Show the day's or lesson's sequence with symbols or words; point to "
     "changes before they happen.</p>"),
    ("CI", "Say the name first", "<p>Use the pupil's name to gain attention <strong>before</strong> giving "
     "an instruction.</p>"),
    ("CI", "Clear, literal language", "<p>Avoid idioms and sarcasm; say exactly what you want the pupil to "
     "do (\"Write the date and title\", not \"Get started\").</p>"),
    ("CI", "Warn about changes", "<p>Tell the pupil about changes to routine, staff or room as early as "
     "possible, ideally with a visual or social story.</p>"),
    ("CI", "Structured partner talk", "<p>Give a talk frame and a defined role (speaker, listener, "
     "questioner) for paired or group work.</p>"),
    ("CI", "Quiet workspace option", "<p>Agree a seat away from doors and noise, and a place to go when "
     "the classroom is overwhelming.</p>"),
    # Social, emotional and mental health
    ("SEMH", "Meet and greet", "<p>A named adult greets the pupil at the door with a brief positive "
     "check-in at the start of the day or lesson.</p>"),
    ("SEMH", "Agreed time-out card", "<p>The pupil may show a card to take a short, agreed break in a "
     "named place; no discussion needed at the time.</p>"),
    ("SEMH", "Praise privately and specifically", "<p>Praise effort and specific actions; some pupils "
     "prefer quiet praise to public praise.</p>"),
    ("SEMH", "Calm, predictable responses", "<ul><li>Low, calm voice</li><li>Give take-up time</li>"
     "<li>Follow up later, not in front of peers</li></ul>"),
    ("SEMH", "Emotion check-ins", "<p>Use a feelings scale (1-5 or zones) at set points so the pupil can "
     "show how they are before difficulties escalate.</p>"),
    ("SEMH", "Key adult relationship", "<p>A consistent key adult meets the pupil weekly to review how "
     "things are going and plan for tricky times.</p>"),
    # Sensory and/or physical
    ("SP", "Seat near the teacher", "<p>Seat the pupil where they can see your face and the board clearly, "
     "away from glare and background noise.</p>"),
    ("SP", "Face the class when speaking", "<p>Do not talk while writing on the board; repeat other pupils' "
     "answers; use the radio aid if the pupil has one.</p>"),
    ("SP", "Enlarged, high-contrast materials", "<p>Provide resources in the agreed font size and contrast "
     "(for example N18 bold on buff), and digital copies for zooming.</p>"),
    ("SP", "Movement breaks", "<p>Plan short movement breaks (a job, an errand, a stretch) every 15-20 "
     "minutes.</p>"),
    ("SP", "Fine motor supports", "<p>Offer pencil grips, sloped board, wider-lined paper or a laptop for "
     "longer writing.</p>"),
    ("SP", "Ear defenders or fidget tool", "<p>Allow agreed sensory tools in noisy or long activities.</p>"),
]  # fmt: skip
