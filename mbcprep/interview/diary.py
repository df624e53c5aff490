"""`mbcprep diary`: a day's scores in under a minute. Pick what bothers you, score each 0-10, add a
note if you like. Each score is kept the moment it is given, so Ctrl-C or a closed terminal never
loses one; the note, asked last, is added to the scores of that sitting."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mbcprep.actions.diary import new_entry, save_one
from mbcprep.errors import InterviewStopped
from mbcprep.i18n import _, long_date, ngettext
from mbcprep.inputs import clean_text, means_nothing, parse_score
from mbcprep.interview.interview import Interview
from mbcprep.interview.symptoms import score_or_blank
from mbcprep.model.content import OTHER_SYMPTOM, Content
from mbcprep.model.diary import DiaryEntry
from mbcprep.prompts.base import Option, Prompter
from mbcprep.storage.store import Store

RECENT_OWN = 5  # own words from earlier days offered again, most recent first
TRACKED_DAYS = 14  # a symptom scored in these days before is offered first, ticked


def keep_diary(prompter: Prompter, content: Content, store: Store, day: date) -> list[DiaryEntry]:
    """Ask for a day's scores; return the entries kept."""
    kept: list[DiaryEntry] = []
    try:
        _ask(prompter, content, store, day, kept)
    except (KeyboardInterrupt, EOFError):
        raise InterviewStopped(None, "diary", len(kept)) from None
    return kept


def _ask(prompter: Prompter, content: Content, store: Store, day: date, kept: list[DiaryEntry]) -> None:
    iso = day.isoformat()
    noted = {e.key: e for e in store.diary.all("WHERE day = ?", (iso,))}
    last = store.previous_visit(date.max)  # who fills the diary in: as at the latest visit
    if last is not None and last.filled_by == "caregiver":
        name = Interview.name_of(last)
        prompter.say(_("How {name} is on {date}. Enter skips anything.").format(name=name, date=long_date(day)))
    else:
        prompter.say(_("Your diary for {date}. Enter skips anything.").format(date=long_date(day)))
    if noted:
        prompter.say(_("Already noted for that day: {scores}.").format(scores=_listed(noted.values())))
    own = _recent_own(store, noted)
    tracked = _tracked(store, day) | set(noted)
    listed = [Option(s.name, s.id, s.help, checked=s.id in tracked) for s in content.symptoms.values()]
    listed += [Option(e.name, e.key, checked=e.key in tracked) for e in own]
    nothing = _("Nothing more")
    picked = prompter.choose_many(  # how to tick and untick is the prompter's to say
        _("What would you like to note?"),
        [Option(nothing, ""), *sorted(listed, key=lambda o: not o.checked)],  # what they track first
        hint=_("What you noted lately is ticked.") if tracked - set(noted) else "",
        pick_pointed=True,
    )
    if "" in picked and len(picked) > 1:
        prompter.say(_('You ticked "{nothing}" and some symptoms too: the symptoms are kept.').format(nothing=nothing))
    helper = Interview(prompter, content, store, autosave=False)  # for the calm words about urgent signs
    asked: list[tuple[str, str]] = [(s.id, s.name) for s in content.symptoms.values() if s.id in picked]
    asked += [(OTHER_SYMPTOM, e.name) for e in own if e.key in picked]
    for symptom_id, name in asked:
        _score(prompter, store, helper, iso, symptom_id, name, noted, kept)
    while (name := clean_text(prompter.ask_text(_("Anything else? (a word or two, or Enter)")))) and not means_nothing(
        name
    ):
        helper.mention_signs(last, name)
        if helper.watch.is_crisis(name):  # thoughts of self-harm: kept as typed, never scored 0-10
            entry = new_entry(iso, OTHER_SYMPTOM, name, None)
            kept.append(save_one(store, entry))
            noted[entry.key] = entry
            continue
        _score(prompter, store, helper, iso, OTHER_SYMPTOM, name, noted, kept)
    if not kept:
        prompter.say(_("Nothing new was noted."))
        return
    note = clean_text(prompter.ask_text(_("A note about the day? (what helped, what happened; Enter to skip)")))
    helper.mention_signs(last, note)
    if note and not means_nothing(note):
        for entry in kept:
            entry.note = with_note(entry.note, note)
            save_one(store, entry)
    scored = [entry for entry in kept if entry.score is not None]
    if scored:
        prompter.say(
            ngettext(
                "Kept {n} score for {date}. 'mbcprep trends' shows how things change.",
                "Kept {n} scores for {date}. 'mbcprep trends' shows how things change.",
                len(scored),
            ).format(n=len(scored), date=long_date(day))
        )
    if len(scored) < len(kept):
        unscored = ", ".join(entry.name for entry in kept if entry.score is None)
        prompter.say(_("Kept without a score for {date}: {words}.").format(date=long_date(day), words=unscored))


def _score(
    prompter: Prompter,
    store: Store,
    helper: Interview,
    day: str,
    symptom_id: str,
    name: str,
    noted: dict[str, DiaryEntry],
    kept: list[DiaryEntry],
) -> None:
    entry = new_entry(day, symptom_id, name, None)
    old = noted.get(entry.key)
    answer = prompter.ask_text(
        _("{symptom} (0-10):").format(symptom=name),
        default="" if old is None or old.score is None else str(old.score),
        validate=score_or_blank,
    )
    if not answer.strip():
        if symptom_id == OTHER_SYMPTOM and old is None:  # words typed about the day are kept, unscored
            kept.append(save_one(store, entry))
            noted[entry.key] = entry
        return
    entry.score = parse_score(answer)
    if old is not None and old.score is not None and old.score != entry.score:
        change = _("{symptom} is already noted as {old} for that day. Change it to {new}?").format(
            symptom=name, old=old.score, new=entry.score
        )
        if not prompter.confirm(change, default=True):
            return
    if old is not None:
        entry.note = old.note
    kept.append(save_one(store, entry))
    noted[entry.key] = entry
    helper.mention_calling_now(entry.score, date.fromisoformat(day), store.previous_visit(date.max))


def _tracked(store: Store, day: date) -> set[str]:
    """The symptoms scored in the TRACKED_DAYS before `day`: the ones the person keeps track of."""
    from datetime import timedelta

    since = (day - timedelta(days=TRACKED_DAYS)).isoformat()
    found = store.diary.all("WHERE day >= ? AND day < ?", (since, day.isoformat()))
    return {e.key for e in found if e.score is not None}


def _recent_own(store: Store, noted: dict[str, DiaryEntry]) -> list[DiaryEntry]:
    """Symptoms named in the person's own words on earlier days (and this one), newest first."""
    found: dict[str, DiaryEntry] = {}
    for e in store.diary.all("WHERE symptom_id = ?", (OTHER_SYMPTOM,), order="day DESC, id DESC"):
        if e.key not in found:
            found[e.key] = e
        if len(found) >= RECENT_OWN and all(k in found for k in noted if k.startswith(OTHER_SYMPTOM)):
            break
    return list(found.values())


def _listed(entries: Iterable[DiaryEntry]) -> str:
    return ", ".join(f"{e.name} {e.score}" if e.score is not None else e.name for e in entries)


def with_note(earlier: str, note: str) -> str:
    """A day's note added to what an earlier sitting noted that day: nothing typed is ever replaced."""
    if not earlier or note in earlier:
        return earlier or note
    return f"{earlier}; {note}"
