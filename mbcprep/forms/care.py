"""The forms of `mbcprep treatments`, `meds` and `team`: a question for each declared field (its
`prompt` and `hint` in `mbcprep.model.care`), the old answer kept with Enter when changing one, "-" to
clear it; a hook for a field with a rule of its own (a treatment's stop, a role offered from a list).
What is typed is checked as it is typed, by the same functions the options go through
(`mbcprep.actions.care`), so a form never ends in an error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from mbcprep.actions.care import CareList, given_fields, option_name, read_record
from mbcprep.errors import UsageError
from mbcprep.i18n import _
from mbcprep.inputs import MONTH_HINT
from mbcprep.model.care import AFTER_HOURS_LINE, TeamMember, Treatment
from mbcprep.model.record import Declared, list_lines
from mbcprep.model.results import Result
from mbcprep.prompts.base import NO_DEFAULT, Option, Prompter
from mbcprep.text import one_line

CLEAR = "-"  # typed for a field that had an answer: leave it empty


def ask_record(care: CareList, old: Any = None, prompter: Prompter | None = None, today: date | None = None) -> Any:
    """A new record (or `old` changed) from the person's answers; nothing is saved here. A question for
    each declared field with a prompt, in their order, asked as its kind says; a field with a rule of
    its own is asked by its hook (`HOOKS`), which may answer for the fields after it too."""
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    given: dict[str, Any] = {}
    for d in given_fields(care.cls):
        if d.name in given or not d.spec.prompt:
            continue
        hook = HOOKS.get((care.cls, d.name))
        if hook is not None:
            hook(p, d, old, given, today)
        else:
            given[d.name] = ask_field(p, d, getattr(old, d.name) if old else None, today)
    return read_record(care, given, old, today)


def ask_field(p: Prompter, d: Declared, old: Any, today: date | None) -> Any:
    """One field's question, as its kind says: words, a month, one of its choices or yes and no."""
    s = d.spec
    if s.kind == "month":
        return _month(p, _(s.prompt), old or "", today)
    if s.kind == "choice":
        options = [Option(_(label), key) for key, label in s.words.items()]
        return p.choose(_(s.prompt), options, default=old if old else NO_DEFAULT)
    if s.kind == "choices":
        had = set((old or "").split(","))
        options = [Option(_(label), key, checked=key in had) for key, label in s.words.items()]
        return ",".join(p.choose_many(_(s.prompt), options)) or (old or d.default)
    if s.kind == "date":
        return _date(p, _(s.prompt), old or "", today, _(s.past) if s.past else "")
    if s.kind == "number":
        return _number(p, _(s.prompt), old, option_name(d))
    if s.kind == "flag":
        return p.confirm(_(s.prompt), default=bool(old) if old is not None else bool(d.default))
    return _words(p, _(s.prompt), old or "", required=s.required, hint=_(s.hint) if s.hint else "")


def confirm_remove(care: CareList, record: Any, prompter: Prompter | None = None) -> bool:
    from mbcprep.prompts import make_prompter

    p = prompter or make_prompter()
    name = one_line(list_lines(record)[0], 60)
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


def _date(p: Prompter, message: str, old: str, today: date | None, past: str = "") -> str:
    """A day, as `--date` reads it (`past`: a day that has come, see `parse_date`); Enter keeps the
    old one (today for a new record)."""
    from mbcprep.inputs import DATE_HINT, parse_date

    def check(answer: str) -> str | None:
        try:
            parse_date(answer, today, what=_("That date"), past=past)
        except UsageError as exc:
            return str(exc)
        return None

    hint = _("Type {hint}.").format(hint=_(DATE_HINT))
    answer = p.ask_text(message, default=old or (today or date.today()).isoformat(), hint=hint, validate=check)
    return parse_date(answer, today, past=past)


def _number(p: Prompter, message: str, old: float | None, option: str) -> str:
    """A measured value (Enter keeps the old one, or skips; "-" clears it): the text, read by
    `read_record` as the option is."""
    from mbcprep.actions.care import parse_number
    from mbcprep.model.record import number_words

    def check(answer: str) -> str | None:
        if answer.strip() in ("", CLEAR):
            return None
        try:
            parse_number(answer, option)
        except UsageError:
            return _("Please type a number, like 48 or 4.5.")
        return None

    hint = _("Type - to leave it empty.") if old is not None else ""
    answer = p.ask_text(message, default=number_words(old), hint=hint, validate=check).strip()
    return "" if answer == CLEAR else answer


def _month(
    p: Prompter, message: str, old: str, today: date | None, *, unknown: Callable[[str], bool] | None = None
) -> str:
    """A month, as `--started` or `--diagnosed` reads it; Enter keeps the old one (skips a new one),
    "-" clears it; with `unknown`, "I don't know" in words ("unknown", "no sé") leaves it empty too. A
    year alone is kept as it is ("2024"), never as a month nobody said."""
    from mbcprep.dates import month_out_of_reach, reach_sentence, read_month

    now = today or date.today()

    def empty(words: str) -> bool:
        return words in ("", CLEAR) or (unknown is not None and unknown(words))

    def check(answer: str) -> str | None:
        words = answer.strip()
        if empty(words) or read_month(words, now):
            return None
        if month_out_of_reach(words, now):
            return reach_sentence()
        if unknown is not None:
            return _("Please type {hint}, or type 'I don't know'.").format(hint=_(MONTH_HINT))
        return _("Please type {hint}, or press Enter to skip.").format(hint=_(MONTH_HINT))

    if unknown is not None:
        hint = _("Type {hint}, or 'I don't know'.").format(hint=_(MONTH_HINT))
    else:
        hint = _("Type {hint}.").format(hint=_(MONTH_HINT))
    if old:
        hint += " " + _("Type - to leave it empty.")
    answer = p.ask_text(message, default=old, hint=hint, validate=check).strip()
    return "" if empty(answer) else read_month(answer, now) or ""


# --- the rules of their own -------------------------------------------------------------------------


def _still_going_on(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """A treatment's stop: "Is it still going on?" first; when not, the month it stopped (Enter if not
    sure) and why. A stop month before the start month is said and left empty."""
    by_name = {x.name: x for x in given_fields(Treatment)}
    if p.confirm(_("Is it still going on?"), default=old.current if old else True):
        given["stopped"] = given["why_stopped"] = ""
    else:
        given["stopped"] = ask_field(p, d, old.stopped if old else "", today)
        given["why_stopped"] = ask_field(p, by_name["why_stopped"], old.why_stopped if old else "", today)
    from mbcprep.dates import ends_before

    if ends_before(given["stopped"], given.get("started", "")):
        p.say(_("The month it stopped is before the month it started, so it is left empty."))
        given["stopped"] = ""


def _how_it_goes(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """How a treatment went, or, while it goes on, how it is going."""
    going_on = not given.get("stopped") and not given.get("why_stopped")
    message = _("How is it going? A few words, or press Enter to skip.") if going_on else _(d.spec.prompt)
    given[d.name] = _words(p, message, old.how_it_went if old else "", hint=_(d.spec.hint) if d.spec.hint else "")


def _who(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """A new entry of the care team is a person or the number to call when the office is closed; the
    line is asked only a name for it (one is offered) and its number, never as a person (no role, no
    place)."""
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
    if not line:
        given["name"] = ask_field(p, d, old.name if old else None, today)
        return
    name = _words(p, _("What is it called? (Enter keeps the name shown)"), old.name if old else _(AFTER_HOURS_LINE))
    given["name"] = name or _(AFTER_HOURS_LINE)
    given["phone"] = _words(p, _("Its phone number?"), old.phone if old else "", required=True)
    given.update(role="", place="", after_hours=True)


def _role(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """What a member of the care team does: one of the roles offered (the old one kept when it is
    another), something else typed, or nothing."""
    other, skip = object(), ""
    roles = [Option(_(r), _(r)) for r in d.spec.words]
    if old and old.role and old.role not in [o.value for o in roles]:
        roles.insert(0, Option(_("Keep: {role}").format(role=one_line(old.role, 60)), old.role))
    roles += [Option(_("Something else (type it)"), other), Option(_("Skip this"), skip)]
    role = p.choose(_(d.spec.prompt), roles, default=old.role if old and old.role else NO_DEFAULT)
    if role is other:
        role = _words(p, _("What do they do? A few words."), "", required=True)
    given["role"] = role


def _lab_or_scan(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """A result is a lab value or a scan: asked first (kept when changing one). A lab's name is
    chosen from the list (`data/labs.yaml`) or typed, and its unit offered as the lab's usual one; a
    scan's fields are then asked by the form as declared, a lab's range and note too."""
    from mbcprep.content.labs import find_lab, labs

    scan = (
        old.is_scan
        if old
        else p.choose(
            _("What would you like to add?"),
            [Option(_("A blood test or tumour marker"), False), Option(_("A scan"), True)],
            default=False,
        )
    )
    if scan:
        given.update(lab="", value="", unit="", low="", high="")
        return
    given.update(scan="", area="", finding="")
    other = object()
    known = list(labs())
    options = [Option(lab.name, lab.id) for lab in known] + [Option(_("Another test (type its name)"), other)]
    had = old.lab_id if old and old.lab_id in {lab.id for lab in known} else (other if old else NO_DEFAULT)
    picked = p.choose(_(d.spec.prompt), options, default=had)
    if picked is other:
        name = _words(p, _("What is the test called?"), old.lab if old else "", required=True)
    else:
        name = next(lab.name for lab in known if lab.id == picked)
    given["lab"] = name
    by_name = {x.name: x for x in given_fields(Result)}
    given["value"] = ask_field(p, by_name["value"], old.value if old else None, today)
    lab = find_lab(name)
    usual = old.unit if old and old.unit else (lab.unit if lab else "")
    given["unit"] = _words(p, _(by_name["unit"].spec.prompt), usual)


def _finding(p: Prompter, d: Declared, old: Any, given: dict[str, Any], today: date | None) -> None:
    """What a scan's report says, offered in the words the list shows (they agree with one report)."""
    from mbcprep.model.results import FINDINGS, finding_words

    options = [Option(finding_words(key), key) for key in FINDINGS]
    given["finding"] = p.choose(_(d.spec.prompt), options, default=old.finding if old and old.finding else NO_DEFAULT)


HOOKS: dict[tuple[type, str], Callable[[Prompter, Declared, Any, dict[str, Any], date | None], None]] = {
    (Treatment, "stopped"): _still_going_on,
    (Treatment, "how_it_went"): _how_it_goes,
    (TeamMember, "name"): _who,
    (TeamMember, "role"): _role,
    (Result, "lab"): _lab_or_scan,
    (Result, "finding"): _finding,
}
