"""Every HTML sheet (the person's own, the doctor's, the family's; English and Spanish) meets WCAG 2.2
AA as axe-core checks it in a real headless Chromium: no violation. And, without a browser: the
page's language, a title, header cells with their scope, and a person's own words marked with the
language of the visit when the sheet is in another one (a screen reader then reads them in the
right voice). Notes to oneself ("me: ...") stay off the sheets others read.

The axe test skips, saying how to install what is missing, where Chromium or axe-core is not here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mbcprep import i18n
from mbcprep.actions.sheets import render_visits
from mbcprep.model.content import Content
from mbcprep.model.visit import Visit
from mbcprep.settings import Settings
from mbcprep.sheets.context import READERS, SheetOptions
from tests.browser import INSTALL_AXE, INSTALL_BROWSER, Browser, find_axe, find_browser, missing
from tests.test_print import CONTEXT, MESSAGE, OWN_QUESTIONS, typical_visit

MADE_ON = date(2026, 11, 30)
EVERYTHING = SheetOptions(scores=True, notes=True, message=MESSAGE)


def told(visit: Visit) -> Visit:
    """The visit once told: outcomes, an answer in the person's words, what was said, the next date."""
    visit.questions[0].outcome, visit.questions[0].answer = "answered", "Because the last one stopped working."
    visit.questions[1].outcome = "partly"
    visit.questions[-1].outcome = "not"
    visit.told = "Start capecitabine on Monday.\nCall if the cough gets worse."
    visit.next_visit, visit.debriefed_at = "2027-02-12", "2027-01-15T18:00:00+00:00"
    return visit


def page(content: Content, reader: str, lang: str, *, made_in: str = "en", options: SheetOptions | None = None) -> str:
    i18n.use_language(lang)
    visit = told(typical_visit(content))
    visit.language = made_in
    return render_visits([visit], "html", Settings(), MADE_ON, reader=reader, context=CONTEXT, options=options)


# --- what can be read from the page itself --------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("reader", READERS)
def test_each_page_says_its_language_has_a_title_and_header_cells_with_their_scope(
    content: Content, reader: str, lang: str
) -> None:
    made = page(content, reader, lang, made_in=lang, options=EVERYTHING if reader == "family" else None)
    assert re.search(rf'<html lang="{lang}">', made)
    title = re.search(r"<title>([^<]*)</title>", made)
    assert title is not None and title[1].strip()
    headers = re.findall(r"<th[ >][^>]*>", made)
    assert headers and all(h == '<th scope="col">' for h in headers)
    assert "<span lang=" not in made, "a visit in the sheet's language has no passage in another"


def test_a_person_s_own_words_keep_the_visit_s_language_on_a_sheet_in_another(content: Content) -> None:
    made = page(content, "me", "es")
    assert '<html lang="es">' in made
    for own in (*OWN_QUESTIONS, "worse at night", "itchy skin", "Because the last one stopped working."):
        assert f'<span lang="en">{html.escape(own)}</span>' in made, own
    assert '<span lang="en">Start capecitabine on Monday.</span>' in made  # what they were told
    # The bank's questions are shown in Spanish, so they are not marked.
    spanish = content_in("es").questions["tx-why-this-one"].text
    assert spanish in made and f'<span lang="en">{spanish}' not in made
    doctor = page(content, "doctor", "es")
    assert f'<span lang="en">{html.escape(OWN_QUESTIONS[0])}</span>' in doctor


def test_own_words_are_marked_wherever_they_are_and_only_they(content: Content) -> None:
    """Marks were once given to whole lines that matched the person's words: a question after "Not
    answered yet:" or a note beside a score went unmarked, a symptom named with a "|" too, and the
    sheet's own "asked before" note was marked as English with the question it follows."""
    i18n.use_language("es")
    visit = told(typical_visit(content))
    visit.language = "en"
    visit.questions[-1].carried = 2
    visit.symptoms[-1].name = "itchy | skin"
    made = render_visits([visit], "html", Settings(), MADE_ON, reader="me", context=CONTEXT)
    own = html.escape(OWN_QUESTIONS[-1])
    assert f'<strong>Todavía sin respuesta:</strong> <span lang="en">{own}</span>' in made
    assert f'<span lang="en">{own}</span> <em>(ya se preguntó antes' in made
    assert '<td><span lang="en">itchy | skin</span></td>' in made
    doctor = render_visits([visit], "html", Settings(), MADE_ON, reader="doctor", context=CONTEXT)
    assert '(<span lang="en">worse at night</span>)' in doctor and '<span lang="en">itchy | skin</span> 1' in doctor


def test_a_visit_prepared_in_spanish_marks_its_own_words_spanish_on_an_english_sheet(content: Content) -> None:
    made = page(content, "me", "en", made_in="es")
    assert '<html lang="en">' in made and '<span lang="es">Should I keep taking vitamin D?</span>' in made


def content_in(lang: str) -> Content:
    return Settings().content(lang=lang)


# --- notes to oneself -------------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["me: ask about a parking pass", "  Me: ask about a parking pass"])
def test_notes_to_oneself_stay_off_the_doctor_s_and_the_family_s_sheets(content: Content, mark: str) -> None:
    i18n.use_language("en")
    visit = typical_visit(content)
    visit.notes = f"New cough for 2 weeks.\n{mark}"
    sheets = {
        reader: render_visits([visit], "md", Settings(), MADE_ON, reader=reader, context=CONTEXT, options=options)
        for reader, options in (("me", None), ("doctor", None), ("family", EVERYTHING))
    }
    assert "parking pass" in sheets["me"]  # on one's own sheet, as typed
    for reader in ("doctor", "family"):
        assert "New cough for 2 weeks." in sheets[reader], reader
        assert "parking" not in sheets[reader], reader
    visit.notes = "me: ask about a parking pass"
    doctor = render_visits([visit], "md", Settings(), MADE_ON, reader="doctor", context=CONTEXT)
    assert "## Notes from" not in doctor  # no section left empty


def test_a_spanish_note_to_oneself_starts_with_yo(content: Content) -> None:
    i18n.use_language("es")
    visit = typical_visit(content)
    visit.notes = "Tos nueva.\nyo: preguntar por el estacionamiento"
    doctor = render_visits([visit], "md", Settings(), MADE_ON, reader="doctor", context=CONTEXT)
    assert "Tos nueva." in doctor and "estacionamiento" not in doctor


# --- axe-core in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def checker() -> Iterator[tuple[Browser, str]]:
    browser = find_browser()
    if browser is None:
        missing(f"no headless browser here: '{INSTALL_BROWSER}' (see the README)")
    axe = find_axe()
    if axe is None:
        missing(f"axe-core is not here: '{INSTALL_AXE}', or MBCPREP_AXE=path/to/axe.min.js (see the README)")
    with Browser(browser) as started:
        yield started, axe.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_sheet_meets_wcag_2_2_aa_as_axe_checks_it(
    checker: tuple[Browser, str], content: Content, tmp_path: Path, lang: str
) -> None:
    browser, axe = checker
    for reader in READERS:
        for options in (None, EVERYTHING) if reader == "family" else (None,):
            saved = tmp_path / f"{reader}-{lang}-{options is not None}.html"
            saved.write_text(page(content, reader, lang, options=options), encoding="utf-8")
            found = browser.axe(saved, axe)
            assert found == [], (reader, lang, found)


@pytest.mark.slow
def test_axe_finds_what_it_should(checker: tuple[Browser, str], tmp_path: Path) -> None:
    """The check can fail: a page with no language, no title, grey text and a header cell without a
    row of its own breaks WCAG, and axe says so."""
    browser, axe = checker
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html><head></head><body><p style="color:#aaa">faint</p></body></html>', encoding="utf-8"
    )
    assert {"html-has-lang", "document-title", "color-contrast"} <= {v["id"] for v in browser.axe(bad, axe)}


def test_a_missing_tool_skips_the_test_but_fails_it_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MBCPREP_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install"):
        missing(f"no headless browser here: '{INSTALL_BROWSER}'")
    monkeypatch.setenv("MBCPREP_REQUIRE_BROWSER", "1")  # as .ci/run sets it
    with pytest.raises(pytest.fail.Exception, match="required here"):
        missing("no headless browser here")
