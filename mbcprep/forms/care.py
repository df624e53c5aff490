"""The forms of `mbcprep treatments`, `meds` and `team`: a question for each field, the old answer
kept with Enter when changing one, "-" to clear it. What is typed is checked as it is typed, by the
same functions the options go through (`mbcprep.actions.care`), so a form never ends in an error."""

from __future__ import annotations

from datetime import date
from typing import Any

from mbcprep.actions.care import MEDICINES, TREATMENTS, CareList, read_record
from mbcprep.i18n import _
from mbcprep.inputs import MONTH_HINT
from mbcprep.model.care import STOP_REASONS, TEAM_ROLES, TREATMENT_KINDS, Medicine, TeamMember, Treatment
from mbcprep.prompts.base import NO_DEFAULT, Option, Prompter
from mbcprep.text import one_line

CLEAR = "-"  # typed for a field that had an answer: leave it empty


def ask_record(care: CareList, old: Any = None, prompter: Prompter | None = None, today: date | None = None) -> Any:
    """A new record (or `old` changed) from the person's answers; nothing is saved here."""
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    if care is TREATMENTS:
        given = _treatment(p, old, today)
    elif care is MEDICINES:
        given = _medicine(p, old, today)
    else:
        given = _team_member(p, old)
    return read_record(care, given, old, today)


def confirm_remove(care: CareList, record: Any, prompter: Prompter | None = None) -> bool:
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    name = one_line(getattr(record, "what", "") or getattr(record, "name", ""), 60)
    ask = _("Remove {what} {number} ({name})? This cannot be undone.").format(
        what=_(care.one), number=record.id, name=name
    )
    return p.confirm(ask, default=False)


# --- the questions ---------------------------------------------------------------------------------


def _words(p: Prompter, message: str, old: str, *, required: bool = False, hint: str = "") -> str:
    """Free text; Enter keeps the old answer, "-" clears it (when it may be empty)."""

    def check(answer: str) -> str | None:
        if required and (not answer.strip() or answer.strip() == CLEAR):
            return _("Please type a few words.")
        return None

    if old and not required:
        hint = " ".join(x for x in (hint, _("Type - to leave it empty.")) if x)
    answer = p.ask_text(message, default=old, hint=hint, validate=check).strip()
    return "" if answer == CLEAR else answer


def _month(p: Prompter, message: str, old: str, today: date | None) -> str:
    from mbcprep.dates import month_out_of_reach, reach_sentence, read_month

    def check(answer: str) -> str | None:
        if answer.strip() in ("", CLEAR) or read_month(answer, today or date.today()):
            return None
        if month_out_of_reach(answer, today or date.today()):
            return reach_sentence()
        return _("Please type {hint}, or press Enter to skip.").format(hint=_(MONTH_HINT))

    hint = _("Type {hint}.").format(hint=_(MONTH_HINT))
    if old:
        hint += " " + _("Type - to leave it empty.")
    answer = p.ask_text(message, default=old, hint=hint, validate=check).strip()
    return "" if answer in ("", CLEAR) else read_month(answer, today or date.today()) or ""


def _treatment(p: Prompter, old: Treatment | None, today: date | None) -> dict[str, Any]:
    given: dict[str, Any] = {}
    given["what"] = _words(
        p,
        _("What is the treatment called?"),
        old.what if old else "",
        required=True,
        hint=_("For example: letrozole + palbociclib"),
    )
    kinds = [Option(_(label), key) for key, label in TREATMENT_KINDS.items()]
    given["kind"] = p.choose(_("What kind of treatment is it?"), kinds, default=old.kind if old else NO_DEFAULT)
    given["started"] = _month(p, _("When did it start?"), old.started if old else "", today)
    if p.confirm(_("Is it still going on?"), default=old.current if old else True):
        given["stopped"] = given["why_stopped"] = ""
    else:
        given["stopped"] = _month(
            p, _("When did it stop? (Enter if you are not sure)"), old.stopped if old else "", today
        )
        reasons = [Option(_(label), key) for key, label in STOP_REASONS.items()]
        given["why_stopped"] = p.choose(
            _("Why did it stop?"), reasons, default=old.why_stopped if old and old.why_stopped else NO_DEFAULT
        )
    if given["started"] and given["stopped"] and given["stopped"][:7] < given["started"][:7]:
        p.say(_("The month it stopped is before the month it started, so it is left empty."))
        given["stopped"] = ""
    given["how_it_went"] = _words(
        p,
        _("How did it go? A few words, or press Enter to skip."),
        old.how_it_went if old else "",
        hint=_("For example: worked for two years, tired all the time"),
    )
    return given


def _medicine(p: Prompter, old: Medicine | None, today: date | None) -> dict[str, Any]:
    return {
        "name": _words(
            p,
            _("What is the medicine called?"),
            old.name if old else "",
            required=True,
            hint=_("Vitamins, herbs and supplements count too."),
        ),
        "dose": _words(
            p, _("How much do you take? (Enter to skip)"), old.dose if old else "", hint=_("For example: 2.5 mg")
        ),
        "how_often": _words(
            p,
            _("How often? (Enter to skip)"),
            old.how_often if old else "",
            hint=_("For example: once a day, or when needed"),
        ),
        "what_for": _words(p, _("What is it for? (Enter to skip)"), old.what_for if old else ""),
        "since": _month(p, _("Since when? (Enter to skip)"), old.since if old else "", today),
    }


def _team_member(p: Prompter, old: TeamMember | None) -> dict[str, Any]:
    line = (
        old.after_hours
        if old
        else p.choose(
            _("Who would you like to add?"),
            [
                Option(_("Someone on your care team"), False),
                Option(_("The number to call when the office is closed"), True),
            ],
            default=False,
        )
    )
    if line:
        return _after_hours_line(p, old)
    name = _words(p, _("What is their name?"), old.name if old else "", required=True, hint=_("For example: Dr Rivera"))
    other, skip = object(), ""
    roles = [Option(_(r), _(r)) for r in TEAM_ROLES]
    if old and old.role and old.role not in [o.value for o in roles]:
        roles.insert(0, Option(_("Keep: {role}").format(role=one_line(old.role, 60)), old.role))
    roles += [Option(_("Something else (type it)"), other), Option(_("Skip this"), skip)]
    role = p.choose(_("What do they do?"), roles, default=old.role if old and old.role else NO_DEFAULT)
    if role is other:
        role = _words(p, _("What do they do? A few words."), "", required=True)
    place = _words(p, _("Where do you see them? (Enter to skip)"), old.place if old else "")
    phone = _words(p, _("Their phone number? (Enter to skip)"), old.phone if old else "")
    after = p.confirm(
        _("Is this who to call when the office is closed (nights and weekends)?"),
        default=old.after_hours if old else False,
    )
    return {"name": name, "role": role, "place": place, "phone": phone, "after_hours": after}


def _after_hours_line(p: Prompter, old: TeamMember | None) -> dict[str, Any]:
    """The line to call when the office is closed: a name for it (one is offered) and its number,
    never asked as a person (no role, no place)."""
    name = _words(p, _("What is it called? (Enter keeps the name shown)"), old.name if old else _("After-hours line"))
    phone = _words(p, _("Its phone number?"), old.phone if old else "", required=True)
    return {"name": name or _("After-hours line"), "phone": phone, "after_hours": True}
