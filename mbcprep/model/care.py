"""My care in one place: the treatment history (lines of therapy), the medicines taken now and the
care team, each declared once (see `mbcprep.model.record`): each field with how it is checked, its
option, its question in the form and where it shows. The treatment fields follow what an ASCO
treatment summary records (Cancer.Net, "ASCO Answers: Cancer Treatment Summary"). No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field

from mbcprep.i18n import N_, _, pgettext
from mbcprep.model.record import month_field, spec, text_field

# The kinds of treatment, and what each is called (the ids are what `--kind` takes and a backup holds).
TREATMENT_KINDS = {
    "hormone": N_("hormone therapy"),
    "targeted": N_("targeted therapy"),
    "chemotherapy": N_("chemotherapy"),
    "adc": N_("antibody-drug conjugate"),
    "immunotherapy": N_("immunotherapy"),
    "radiation": N_("radiation"),
    "surgery": N_("surgery"),
    "other": N_("other"),
}
# Why a treatment stopped ("" while it goes on).
STOP_REASONS = {
    "stopped-working": N_("it stopped working"),
    "side-effects": N_("side effects"),
    "finished": N_("finished as planned"),
    "my-choice": N_("my choice"),
    "other": N_("other"),
}
# Roles offered for the care team; a person may type any other.
TEAM_ROLES = (
    N_("oncologist"),
    N_("oncology nurse"),
    N_("nurse navigator"),
    N_("palliative care"),
    N_("family doctor (GP)"),
    N_("radiation oncologist"),
    N_("surgeon"),
    N_("pharmacist"),
    N_("social worker"),
    N_("counselor"),
)


@dataclass
class Treatment:
    """A line of treatment: what, which kinds, the months it began and stopped, and why."""

    uuid: str = field(metadata=spec("uuid", required=True))
    what: str = text_field(  # "letrozole + palbociclib"
        required=True,
        option="--what",
        help=N_('What it is called, e.g. "letrozole + palbociclib".'),
        prompt=N_("What is the treatment called?"),
        hint=N_("For example: letrozole + palbociclib"),
        listed="head",
        sheet=N_("Treatment"),
    )
    # One or more kinds, their ids joined by commas ("hormone,targeted" for letrozole + palbociclib); a
    # backup holds them as a list (before version 3, one id alone, which still reads).
    kind: str = field(
        default="other",
        metadata=spec(
            "choices",
            choices=tuple(TREATMENT_KINDS),
            words=TREATMENT_KINDS,
            option="--kind",
            metavar=N_("KIND"),
            help=N_(
                "hormone, targeted, chemotherapy, adc (antibody-drug conjugate), immunotherapy, radiation, surgery"
                ' or other; several with commas, e.g. "hormone, targeted".'
            ),
            prompt=N_("What kind of treatment is it? (one or more)"),
            listed="first",
            # Not a column of the doctor's one page: the team knows what kind each treatment is, and
            # the room is the page's (the trial page says the kinds).
        ),
    )
    started: str = month_field(  # 2024-03, or a whole date
        option="--started",
        help=N_("When it started: 2024-03, March 2024, or the year alone, 2024."),
        prompt=N_("When did it start?"),
        listed="first",
        sheet=N_("When"),
        sheet_rank=-1,
        shown=lambda t, surface: treatment_months(t) if surface == "sheet" else treatment_when(t),
    )
    stopped: str = month_field(  # "" while it goes on; shown with `started`
        option="--stopped",
        help=N_("When it stopped (leave it out while it goes on)."),
        prompt=N_("When did it stop? (Enter if you are not sure)"),
    )
    why_stopped: str = field(
        default="",
        metadata=spec(
            "choice",
            choices=("", *STOP_REASONS),
            words=STOP_REASONS,
            option="--why-stopped",
            metavar=N_("REASON"),
            help=N_("stopped-working, side-effects, finished, my-choice or other."),
            prompt=N_("Why did it stop?"),
            listed=N_("Why it stopped: {why}"),
            sheet=N_("Why it stopped, how it went"),
        ),
    )
    how_it_went: str = text_field(
        option="--how",
        help=N_("How it went, in a few words."),
        prompt=N_("How did it go? A few words, or press Enter to skip."),
        hint=N_("For example: worked for two years, tired all the time"),
        listed=N_("How it went: {how}"),
        sheet=N_("Why it stopped, how it went"),
    )
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    @property
    def current(self) -> bool:
        """Still going on: no month it stopped and no reason it stopped (a reason alone means it
        stopped, the month not known)."""
        return not self.stopped and not self.why_stopped

    def problem(self) -> str:
        """What does not hold between its fields ("" when all is well)."""
        from mbcprep.dates import ends_before

        if ends_before(self.stopped, self.started):
            return _("The month it stopped is before the month it started.")
        return ""


def kind_words(kind: str) -> str:
    """What a kind of treatment is called, in the chosen language (several joined by commas)."""
    return ", ".join(_(TREATMENT_KINDS[k]) if k in TREATMENT_KINDS else k for k in kind.split(",") if k)


def kinds_of(t: Treatment) -> list[str]:
    """A treatment's kinds, as ids ("hormone", "targeted")."""
    return [k for k in t.kind.split(",") if k]


def stop_words(reason: str) -> str:
    """Why a treatment stopped, in words ("" while it goes on)."""
    return _(STOP_REASONS[reason]) if reason in STOP_REASONS else ""


def treatment_when(t: Treatment) -> str:
    """'March 2024 to January 2026', 'since February 2026, going on now', 'until 2019'... in words."""
    from mbcprep.dates import month_words

    started, stopped = month_words(t.started), month_words(t.stopped)
    if started and stopped:
        return _("{start} to {end}").format(start=started, end=stopped)
    if started and t.current:
        return _("since {start}, going on now").format(start=started)
    if started:
        return _("from {start}").format(start=started)
    if stopped:
        return _("until {end}").format(end=stopped)
    return _("going on now") if t.current else ""


def treatment_months(t: Treatment) -> str:
    """ "2024-03 to 2026-01", "2026-02 to now" (months as YYYY-MM, the words held together by no-break
    spaces, keep a sheet's column narrow and each treatment on one line); one month alone when the other
    is not known."""
    start, end = t.started[:7], _("now") if t.current else t.stopped[:7]
    if start and t.current:
        months = pgettext("from a month on, going on now, in a narrow column", "{start} to now")
        return months.format(start=start).replace(" ", "\u00a0")
    if start and end:
        months = pgettext("from one month to another, in a narrow column", "{start} to {end}")
        return months.format(start=start, end=end).replace(" ", "\u00a0")
    return start or (_("until {end}").format(end=end) if end else "")


@dataclass
class Medicine:
    """A medicine, supplement or herb: its dose, how often, what it is for and since when."""

    uuid: str = field(metadata=spec("uuid", required=True))
    name: str = text_field(  # supplements and herbs too
        required=True,
        option="--name",
        help=N_("Its name."),
        prompt=N_("What is the medicine called?"),
        hint=N_("Vitamins, herbs and supplements count too."),
        listed="head",
        sheet=N_("Medicine"),
    )
    dose: str = text_field(
        option="--dose",
        help=N_('How much, e.g. "2.5 mg".'),
        prompt=N_("How much do you take? (Enter to skip)"),
        hint=N_("For example: 2.5 mg"),
        listed="first",
        sheet=N_("Dose"),
    )
    how_often: str = text_field(
        option="--how-often",
        help=N_('How often, e.g. "once a day".'),
        prompt=N_("How often? (Enter to skip)"),
        hint=N_("For example: once a day, or when needed"),
        listed="first",
        sheet=N_("How often"),
    )
    what_for: str = text_field(
        option="--what-for",
        help=N_("What it is for."),
        prompt=N_("What is it for? (Enter to skip)"),
        listed=N_("For: {what}"),
        sheet=N_("What for"),
    )
    since: str = month_field(
        option="--since",
        help=N_("Since when: 2024-03, March 2024, or the year alone, 2024."),
        prompt=N_("Since when? (Enter to skip)"),
        listed=N_("Since {month}"),
        sheet=N_("Since"),
    )
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)


AFTER_HOURS_LINE = N_("After-hours line")  # the name of the number to call when the office is closed


@dataclass
class TeamMember:
    """Someone on the care team, and how to reach them."""

    uuid: str = field(metadata=spec("uuid", required=True))
    name: str = text_field(
        required=True,
        option="--name",
        help=N_("Its name."),
        prompt=N_("What is their name?"),
        hint=N_("For example: Dr Rivera"),
        listed="head",
        sheet=N_("Name"),
    )
    role: str = text_field(  # one of TEAM_ROLES (offered in the form) or any other words
        option="--role",
        help=N_('What they do, e.g. "oncologist", "nurse".'),
        prompt=N_("What do they do?"),
        words=TEAM_ROLES,
        listed="first",
        sheet=N_("Role"),
    )
    place: str = text_field(
        option="--place",
        help=N_("Where you see them."),
        prompt=N_("Where do you see them? (Enter to skip)"),
        listed="first",
    )
    phone: str = text_field(
        option="--phone",
        help=N_("Their phone number."),
        prompt=N_("Their phone number? (Enter to skip)"),
        listed=N_("Phone: {phone}"),
        sheet=N_("Phone"),
    )
    after_hours: bool = field(  # the one to call after hours
        default=False,
        metadata=spec(
            "flag",
            option="--after-hours/--not-after-hours",
            help=N_("Whether this is who to call when the office is closed (nights and weekends)."),
            prompt=N_("Is this who to call when the office is closed (nights and weekends)?"),
            listed=N_("Call when the office is closed."),
        ),
    )
    created_at: str = field(default="", metadata=spec("moment"))
    updated_at: str = field(default="", metadata=spec("moment"))
    id: int | None = field(default=None, metadata=spec("count", local=True))
    # False when the stored record no longer matches the checksum saved with it (damage on disk).
    intact: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        self.after_hours = bool(self.after_hours)  # SQLite gives back 0 or 1
