"""Write the one PDF sample posting (knowledge/brightwave-software-engineering-intern.pdf).

Why a script: the PDF is a binary artifact, so its source text lives here and the file can be rebuilt
byte-for-byte. The core Helvetica font only covers latin-1, so the text avoids typographic dashes and quotes.

Run: .venv/bin/python bench/make_sample_pdf.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "knowledge" / "brightwave-software-engineering-intern.pdf"

TITLE = "Software Engineering Intern (Summer 2025)"
SUBTITLE = "Brightwave Health  |  New York, NY (hybrid)  |  Internship, 12 weeks"
META = "Posted: January 20, 2025    Application deadline: March 14, 2025"

# (heading, paragraphs or bullet lists); a list is rendered as bullets.
SECTIONS: list[tuple[str, list[str] | str]] = [
    (
        "About Brightwave Health",
        "Brightwave Health builds scheduling and care-coordination software for community health clinics. "
        "Nurses and front-desk staff at 180 clinics across New York, New Jersey and Pennsylvania use Brightwave "
        "to book visits, send reminders in 14 languages and follow up with patients who miss appointments. "
        "We are a team of 95 based in Manhattan.",
    ),
    (
        "The internship",
        "Our summer internship runs for 12 weeks, from June 9 to August 29, 2025. Each intern joins a product "
        "team, gets a dedicated engineering mentor, and ships a project that clinics will actually use. Last "
        "summer's interns built the SMS reminder opt-out flow and a no-show prediction dashboard.",
    ),
    (
        "What you'll do",
        [
            "Build features in our web app using React and TypeScript.",
            "Write backend endpoints and data jobs in Python (FastAPI).",
            "Write tests, take part in code review and demo your work to the company at the end of summer.",
            "Sit in on a clinic visit to see how staff use the product.",
        ],
    ),
    (
        "Who we're looking for",
        [
            "Currently enrolled in a bachelor's or master's program in computer science or a related field, "
            "graduating between December 2025 and June 2026.",
            "Coursework or project experience with both TypeScript and Python.",
            "Curiosity about healthcare and the people who work in it.",
            "Authorization to work in the United States for the duration of the internship.",
        ],
    ),
    (
        "Nice to have",
        [
            "A previous internship or a substantial personal project you can walk us through.",
            "Familiarity with PostgreSQL.",
        ],
    ),
    (
        "Stipend",
        "Interns are paid a stipend of $4,500 per month for the 12 weeks of the program.",
    ),
    (
        "Perks",
        [
            "A MacBook for the summer and a monthly OMNY commuter card.",
            "Lunch with the whole company every Thursday.",
            "Weekly intern sessions with engineering leaders and our clinical advisors.",
        ],
    ),
    (
        "Where you'll work",
        "This is a hybrid internship. Interns work from our Manhattan office near Union Square three days a week, "
        "Tuesday to Thursday, and from home on Mondays and Fridays.",
    ),
    (
        "How to apply",
        "Apply by March 14, 2025 at https://brightwavehealth.com/careers/swe-intern-2025 with your resume and, "
        "optionally, a link to a project. Questions can go to internships@brightwavehealth.com.",
    ),
]


def build(out: Path = OUT) -> Path:
    """Render the posting to ``out`` and return the path."""
    pdf = FPDF(format="Letter")
    pdf.set_creation_date(dt.datetime(2025, 1, 20, 9, 0, tzinfo=dt.timezone.utc))
    pdf.set_title(f"{TITLE} - Brightwave Health")
    pdf.set_author("Brightwave Health")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, SUBTITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(0, 6, META, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    for heading, body in SECTIONS:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10.5)
        if isinstance(body, str):
            pdf.multi_cell(0, 5.5, body, new_x="LMARGIN", new_y="NEXT")
        else:
            for item in body:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(0, 5.5, f"- {item}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    pdf.set_font("Helvetica", "I", 8.5)
    pdf.multi_cell(
        0,
        4.5,
        "Brightwave Health is an equal opportunity employer. We welcome applicants of every background.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build())
