"""The articles naming what the question names are read whole (`rag.answer.expansion`,
`answer.expanded_articles`; real spaCy model, embedder and index): a story names its company
in the lead and its chief executive further down, in a sentence that never names the
company, while a dozen other stories about other companies' chief executives score higher
for "Who is Varnholt's chief executive?". A region named only in a long story's first
paragraphs is found by a lexical search for the name alone, when no chunk of its story is
retrieved ("Who is Tarvia's chief medical officer?"). And when the articles naming what the
question names do not answer it, another story's answer is refused ("Who is the mayor of
Brockley?" with only Kelvinport's mayor named)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.index_helpers import index_articles

TARGET = (
    "Title: Varnholt recalls 40,000 e-bikes over battery fires\n"
    "Outlet: Consumer Wire\nAuthor: Anya Petrova\nDate: 2025-05-14\n\n"
    "Varnholt, the Dutch bicycle maker, is recalling about 40,000 electric bikes sold across "
    "Europe after reports that their batteries could overheat and catch fire.\n\n"
    "The company has received 37 reports of overheating batteries since January, including "
    "five fires, and says no one has been seriously hurt.\n\n"
    "Owners should stop charging the bikes at once and take them to a dealer for a free "
    "replacement battery, the recall notice says.\n\n"
    '"Safety comes before everything else, and we are sorry for the trouble," chief '
    "executive Marijke de Wit said in a video posted online.\n\n"
    "The batteries were made by a supplier in Poland, which has stopped production while it "
    "looks for the fault.\n"
)
COMPANIES = (
    ("Halden Foods", "Peter Lasko"), ("Corvin Steel", "Ada Brennan"),
    ("Ostra Mobile", "Jonas Feld"), ("Ludmark Insurance", "Clara Voss"),
    ("Pellow Airlines", "Rafael Ortega"), ("Tamsin Retail", "Helen Ward"),
    ("Brightfield Energy", "Omar Sadiq"), ("Kessler Pharma", "Lena Holm"),
    ("Norrland Paper", "Anders Berg"), ("Vesta Media", "Julia Marsh"),
    ("Quarry Hill Bank", "Samuel Reid"), ("Atlas Freight", "Nora Quinn"),
)  # fmt: skip


REGION = (
    "Title: Measles cases rise in the north\n"
    "Outlet: Health Desk\nAuthor: Ravi Menon\nDate: 2025-04-02\n\n"
    "Measles cases in the northern region of Tarvia have risen to their highest level in a "
    "decade, and health officials blame falling vaccination rates among young children.\n\n"
    "The regional health department recorded 940 cases in the first three months of the "
    "year, against 210 a year earlier, and most of those infected were under ten.\n\n"
    "Two children have died of complications since January. Neither had been vaccinated, "
    "the department said, and both lived in rural districts far from a clinic.\n\n"
    "About 95 percent of a population needs two doses of the vaccine to stop outbreaks; "
    "the share of five-year-olds with both doses fell to 82 percent last year.\n\n"
    "Nurses have been sent to visit families in the districts with the lowest rates, and "
    "temporary clinics have opened in schools, libraries and shopping centres.\n\n"
    "Dr. Selma Kovac, the region's chief medical officer, said misinformation spread online "
    'had frightened many parents. "Our job is to answer their questions honestly," she '
    "said.\n\n"
    "Hospitals say the outbreak is straining their wards, and one children's hospital has "
    "opened a second isolation ward to cope with the number of patients.\n"
)
VILLAGE = (
    "Title: Storm ends music festival early\n"
    "Outlet: Weekend News\nAuthor: Ola Grant\nDate: 2025-08-18\n\n"
    "A storm forced organisers to end the Northshore music festival near the village of "
    "Brockley on Friday night, and 47 people were taken to hospital.\n\n"
    "The village hall stayed open all night and served soup to more than 800 people.\n"
)
MAYOR = (
    "Title: Port city changes how it awards contracts\n"
    "Outlet: City Ledger\nAuthor: Priya Shah\nDate: 2025-03-07\n\n"
    "Kelvinport's current mayor, Grace Liu, said the city had changed the way it awards "
    "contracts after a bribery case, and all bids are now reviewed by an independent panel.\n"
)
HOSPITALS = (
    "Eastgate Hospital", "Lakeview Clinic", "Riverside Health", "Hillcrest Medical",
    "Northfield Hospital", "Oakwood Care", "Bayside Hospital", "Elmwood Clinic",
    "Stonebridge Health", "Westmoor Hospital", "Pinecrest Medical", "Harbourside Care",
)  # fmt: skip


def _officer(hospital: str, n: int) -> str:
    person = COMPANIES[n][1]
    return (
        f"Title: {hospital} appoints chief medical officer\n"
        f"Outlet: Health Business\nAuthor: Tom Hale\nDate: 2025-03-{n + 10}\n\n"
        f"{hospital} said it had appointed {person} as its chief medical officer.\n\n"
        f"{person}, a former chief medical officer of a rival group, starts next month.\n"
    )


def _appointment(company: str, person: str) -> str:
    return (
        f"Title: {company} names new chief executive\n"
        f"Outlet: Business Daily\nAuthor: Tom Hale\nDate: 2025-04-0{len(person) % 9 + 1}\n\n"
        f"{company} said on Monday it had appointed {person} as chief executive, replacing "
        "the founder, who retires at the end of the month.\n\n"
        f"{person}, who was previously chief executive of a rival, said the company would "
        "focus on growth.\n\n"
        f"Analysts said the choice of chief executive surprised investors in {company}.\n"
    )


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    stories = {"varnholt.txt": TARGET, "tarvia.txt": REGION, "village.txt": VILLAGE}
    stories["mayor.txt"] = MAYOR
    for n, (company, person) in enumerate(COMPANIES):
        stories[f"appointment{n:02d}.txt"] = _appointment(company, person)
    for n, hospital in enumerate(HOSPITALS):
        stories[f"officer{n:02d}.txt"] = _officer(hospital, n)
    return index_articles(tmp_path_factory.mktemp("named"), stories, real_embedder)


def _ask(index_dir: Any, embedder: Any, question: str, articles: int) -> Any:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import AnswerSettings, Settings

    settings = Settings(answer=AnswerSettings(expanded_articles=articles))
    return Assistant(index_dir, settings, embedder).ask(question)


def test_the_named_company_s_chief_executive_answers(index_dir: Any, real_embedder: Any) -> None:
    answer = _ask(index_dir, real_embedder, "Who is Varnholt's chief executive?", 2)
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Marijke de Wit"
    assert answer.citations[0].source.article_id == "varnholt"


def test_without_reading_the_named_article_another_company_answers(
    index_dir: Any, real_embedder: Any
) -> None:
    answer = _ask(index_dir, real_embedder, "Who is Varnholt's chief executive?", 0)
    assert answer.abstained or answer.citations[0].source.article_id != "varnholt"


def test_a_story_naming_the_region_only_at_its_start_answers(
    index_dir: Any, real_embedder: Any
) -> None:
    from news_rag.rag.assistant import Assistant
    from news_rag.rag.settings import Settings

    question = "Who is Tarvia's chief medical officer?"
    retrieved = Assistant(index_dir, Settings(), real_embedder).search(question, 10)
    assert "tarvia" not in {p.article_id for p in retrieved}  # what the search misses
    answer = _ask(index_dir, real_embedder, question, 2)
    assert answer.short_answer is not None, answer.answer
    assert answer.short_answer.text == "Selma Kovac"
    assert _ask(index_dir, real_embedder, question, 0).short_answer != answer.short_answer


def test_another_place_s_mayor_is_no_answer(index_dir: Any, real_embedder: Any) -> None:
    other = _ask(index_dir, real_embedder, "Who is the mayor of Brockley?", 2)
    assert other.abstained and "Brockley" in other.answer, other.answer
    asked = _ask(index_dir, real_embedder, "Who is the mayor of Kelvinport?", 2)
    assert asked.short_answer is not None and asked.short_answer.text == "Grace Liu"
