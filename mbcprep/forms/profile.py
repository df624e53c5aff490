"""The form of `mbcprep profile edit`: a question for each of the profile's declared fields (its
`prompt` and `hint` in `mbcprep.model.profile`), then the test results and where the cancer has spread.
Every answer is optional: "I don't know" is always offered, Enter keeps what is there. What is typed is
checked as it is typed, by the functions the options go through (`mbcprep.actions.profile`), so the
form never ends in an error. Nothing is saved here."""

from __future__ import annotations

from datetime import date
from typing import Any

from mbcprep.actions.profile import Given, dont_know, fields_given, read_birth, read_profile_value
from mbcprep.errors import UsageError
from mbcprep.forms.care import CLEAR, _month, _words
from mbcprep.i18n import _
from mbcprep.model.profile import (
    BRAIN_STATUS,
    ECOG_IN_MY_WORDS,
    MARKERS,
    NAME_SHEETS,
    ORIGINS,
    RECEPTORS,
    SITES,
    UNKNOWN,
    TumourResult,
    ecog_words,
    her2_group,
    results_of,
)
from mbcprep.model.profile_summary import SHORT, ProfileView, result_line
from mbcprep.model.record import Declared
from mbcprep.prompts.base import Option, Prompter

KEEP, DONT_KNOW = object(), ""


def ask_profile(
    view: ProfileView, prompter: Prompter | None = None, today: date | None = None, *, given: Given | None = None
) -> Given:
    """What the person says, as `profile set` would take it: each field, the results, the places.
    `given` fills as each answer is given, so that what was answered can be kept when the person
    stops (Ctrl-C or Ctrl-D, raised on); the test results only whole, with their date and sample."""
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    p.say(_("Every question can be skipped: choose 'I don't know', or press Enter to keep what is there."))
    given = Given() if given is None else given
    old = view.profile
    for d in fields_given():
        if not d.spec.prompt:
            continue
        if d.name == "name_on" and not str(given.fields.get("name", old.name if old else "")).strip():
            continue  # no name to show: which sheets show it can wait until there is one
        value = ask_field(p, d, getattr(old, d.name) if old else d.default, today)
        if value is not None:
            given.fields[d.name] = value
    no_allergies = not given.fields.get("allergies", old.allergies if old else "")
    if no_allergies and not (old and old.no_known_allergies) and p.confirm(_("No known allergies?"), default=False):
        given.fields["no_known_allergies"] = True
    try:
        _ask_results(p, view, given, today)
    except (KeyboardInterrupt, EOFError):
        given.results, given.tested, given.sample, given.origin = [], None, None, None  # not half a result
        raise
    _ask_sites(p, view, given, today)
    return given


def _sentence(hint: str) -> str:
    """A hint ending in a full stop, so "Type - to leave it empty." after it reads as a sentence of its own."""
    hint = hint.rstrip()
    return hint if not hint or hint[-1] in ".?!)" else hint + "."


def _choice(p: Prompter, message: str, words: dict[str, str], old: str, *, numbered: bool = False) -> Any:
    """One of `words`, or "I don't know" (""); the ECOG scale's grades in plain words, each with its
    grade and the scale's own words as its help (under the list, or "?2" in plain mode). The grade is
    not put before the words: a plain list numbers its lines, and "3. 2: ..." misleads."""
    if numbered:
        options = [
            Option(_(ECOG_IN_MY_WORDS[key]), key, _("ECOG {grade}: {words}").format(grade=key, words=ecog_words(key)))
            for key in words
        ]
    else:
        options = [Option(_(label), key) for key, label in words.items()]
    options.append(Option(_("I don't know, or skip"), DONT_KNOW))
    return p.choose(message, options, default=old if old in words else DONT_KNOW)


def ask_field(p: Prompter, d: Declared, old: Any, today: date | None) -> Any:
    """One field's question: the words given (read by `read_profile_value`), or None to keep it."""
    s = d.spec
    hint = _sentence(_(s.hint)) if s.hint else ""
    if d.name == "name_on":
        options = [Option(_(words), key, checked=key in str(old).split(",")) for key, words in NAME_SHEETS.items()]
        picked = p.choose_many(_(s.prompt), options)
        return ",".join(picked) or "none"
    if s.kind == "choice":
        return _choice(p, _(s.prompt), s.words, old or "", numbered=d.name == "ecog")
    if s.kind == "month":
        return _known_month(p, _(s.prompt), old or "", today)
    if s.kind == "birth":

        def check(answer: str) -> str | None:
            if answer.strip() in ("", CLEAR):
                return None
            try:
                read_birth(answer, "", today)
            except UsageError as exc:
                return str(exc)
            return None

        answer = p.ask_text(_(s.prompt), default=old or "", hint=hint, validate=check).strip()
        return "" if answer == CLEAR else answer
    answer = _words(p, _(s.prompt), old or "", hint=hint)
    read_profile_value(d, answer, today)  # the same check as the option's (never fails for words)
    return answer


def _ask_results(p: Prompter, view: ProfileView, given: Given, today: date | None) -> None:
    """ER, PR and HER2, each kept or given anew (with when and where it was tested); then other
    biomarkers, one at a time."""
    for marker in RECEPTORS:
        last = view.latest(marker)
        table = results_of(marker)
        options = [Option(_("Keep: {line}").format(line=result_line(last)), KEEP)] if last else []
        options += [Option(_(words), key, _group_of(marker, key)) for key, words in table.items() if key != UNKNOWN]
        options.append(Option(_("I don't know, or skip"), UNKNOWN if last is None else KEEP))
        message = _("{what}: what does your latest report say?").format(what=_(MARKERS[marker]))
        picked = p.choose(message, options, default=KEEP if last else UNKNOWN)
        if picked is KEEP or (picked == UNKNOWN and last is None):
            continue
        words = picked
        if marker in ("er", "pr") and picked in ("positive", "low"):
            percent = p.ask_text(_("What percent, if the report says? (Enter to skip)"), validate=_percent)
            number = percent.strip().rstrip("%").strip()  # "90" or "90%" as typed
            words = f"{picked} {number}%" if number else picked
        given.results.append((marker, "", words))
    while p.confirm(_("Add another test result (ESR1, PIK3CA, BRCA, PD-L1...)?"), default=False):
        options = [Option(_(words), key) for key, words in MARKERS.items() if key not in RECEPTORS]
        marker = p.choose(_("Which test?"), options)
        name = _words(p, _("What is the test called?"), "", required=True) if marker == "other" else ""
        if marker == "other":
            words = _words(p, _("What does the report say?"), "", required=True)
        else:
            table = results_of(marker)
            words = p.choose(_("What does the report say?"), [Option(_(w), k) for k, w in table.items()])
        given.results.append((marker, name, words))
    if given.results:
        # Enter keeps the date and sample of the latest result changed: a correction stays the latest.
        before = [r for r in (view.latest(m, n) for m, n, _w in given.results) if r is not None]
        last = max(before, key=lambda r: (r.tested[:7], r.id or 0)) if before else None
        given.tested = _known_month(
            p, _("When were these tested? (Enter if you are not sure)"), last.tested if last else "", today
        )
        given.sample = _words(
            p,
            _("Where did the sample come from? (Enter to skip)"),
            last.sample if last else "",
            hint=_sentence(_("For example: liver biopsy")),
        )
        origin = _choice(p, _("What was tested?"), ORIGINS, "")
        given.origin = origin or None


def _known_month(p: Prompter, message: str, old: str, today: date | None) -> str:
    """A month, as `--diagnosed` reads it, or "I don't know" in words (see `forms.care._month`)."""
    return _month(p, message, old, today, unknown=dont_know)


def _group_of(marker: str, result: str) -> str:
    """Under a HER2 score, the name it goes by ("Counts as HER2-low."), for whoever knows only that."""
    if marker != "her2":
        return ""
    group = her2_group(result)
    if not group:
        return _("HER2-low or HER2+: the ISH test will say which.")
    return _("Counts as {group}.").format(group=_(SHORT[("her2", group)]))


def _percent(answer: str) -> str | None:
    text = answer.strip().rstrip("%").strip()
    if not text or (text.isdigit() and 0 <= int(text) <= 100):
        return None
    return _("Please type a number from 0 to 100, or press Enter to skip.")


def _ask_sites(p: Prompter, view: ProfileView, given: Given, today: date | None) -> None:
    """Where it has spread: the places ticked (those kept keep their month), a month for a new one,
    the brain's spots when the brain is ticked."""
    here = {s.site for s in view.sites}
    options = [Option(_(words), key, checked=key in here) for key, words in SITES.items() if key != "other"]
    picked = p.choose_many(_("Where has the cancer spread? Tick each place (none if you are not sure)."), options)
    others = [s for s in view.sites if s.site == "other"]
    extra = _words(p, _("Anywhere else? (Enter to skip)"), "; ".join(s.words for s in others))
    sites = []
    for key in picked:
        old = view.site(key)
        since = (
            old.since
            if old
            else _known_month(p, _("Since when ({where})? (Enter to skip)").format(where=_(SITES[key])), "", today)
        )
        sites.append(f"{key}={since}" if since else key)
    sites += [w.strip() for w in extra.split(";") if w.strip()]
    given.sites = sites
    if "brain" in picked:
        old = view.site("brain")
        status = _choice(p, _("The spots in the brain are:"), BRAIN_STATUS, old.status if old else "")
        given.brain = status or UNKNOWN


def confirm_remove_result(result: TumourResult, prompter: Prompter | None = None) -> bool:
    """Asks "Remove ...?" about one test result (No by default)."""
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    return p.confirm(_("Remove this test result: {line}?").format(line=result_line(result)), default=False)
