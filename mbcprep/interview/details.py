"""The first step: when the visit is, with whom, what kind, and who fills it in."""

from __future__ import annotations

from mbcprep.i18n import _, long_date
from mbcprep.inputs import DATE_HINT, TIME_HINT, clean_text, means_nothing
from mbcprep.interview.conversation import SKIP, Conversation
from mbcprep.model.visit import FILLED_BY, Visit
from mbcprep.prompts.base import NO_DEFAULT, Option

SOMEONE_ELSE = "\x00someone-else"  # "Someone else": never a name (names are printable)
SOMEWHERE_ELSE = "\x00somewhere-else"  # "Somewhere else": never a place


class VisitDetails(Conversation):
    def ask_details(self, visit: Visit) -> None:
        # The reading of dates loads once the first answer is typed, not before the first question.
        def valid_date(answer: str) -> str | None:
            from mbcprep.dates import out_of_reach, reach_sentence, read_date

            if out_of_reach(answer, self.today):
                return reach_sentence()
            if read_date(answer, self.today) is None:
                return _("Please type {hint}.").format(hint=_(DATE_HINT))
            return None

        while True:
            answer = self.p.ask_text(
                _("When is the visit?"),
                default=visit.visit_date,
                hint=_("Type {hint}.").format(hint=_(DATE_HINT)),
                validate=valid_date,
            )
            from mbcprep.dates import by_day_name, far_from_today, read_date

            day = read_date(answer, self.today)
            assert day is not None
            self.touched = True
            self.p.say(_("That is {date}.").format(date=long_date(day)))
            odd = far_from_today(day, self.today)
            already = day.isoformat() == visit.visit_date
            if odd is None and by_day_name(answer) and not already:
                if self.p.confirm(_("Is that the right day?"), default=True):
                    break
                continue
            if odd is None or self.p.confirm(
                _("{problem} Is that the right date?").format(problem=odd), default=already
            ):
                break
        visit.visit_date = day.isoformat()
        visit.visit_time = self.ask_time(visit)
        visit.with_whom = self.ask_with_whom(visit)
        visit.place = self.ask_place(visit)
        visit.kind = self.p.choose(
            _("What kind of visit is it?"),
            [Option(k.label, k.id, k.help) for k in self.content.kinds.values()],
            default=visit.kind,
        )
        visit.filled_by = self.p.choose(
            _("Who is filling this in?"),
            [
                Option(_("I am the patient"), "patient"),
                Option(_("I am a caregiver, relative or friend"), "caregiver"),
            ],
            default=visit.filled_by if visit.filled_by in FILLED_BY else "patient",
        )
        if visit.filled_by == "caregiver":
            visit.patient_name = clean_text(
                self.p.ask_text(
                    _("What is the first name of the person you are helping? (Enter to skip)"),
                    default=visit.patient_name,
                )
            )

    def ask_time(self, visit: Visit) -> str:
        """The time of day ("HH:MM"), or "" to leave it out (an all-day event); "none" clears one."""

        from mbcprep.dates import read_time

        def valid_time(answer: str) -> str | None:
            if not answer.strip() or means_nothing(answer) or read_time(answer):
                return None
            return _("Please type {hint}, or press Enter to skip.").format(hint=_(TIME_HINT))

        answer = self.p.ask_text(
            _("What time is the visit? (Enter to skip)"),
            default=visit.visit_time,
            hint=_("Type {hint}.").format(hint=_(TIME_HINT)),
            validate=valid_time,
        )
        return "" if means_nothing(answer) else read_time(answer) or ""

    def ask_place(self, visit: Visit) -> str:
        """Where the visit is: a place from the care team's records (`mbcprep team`), or typed."""
        team = [m for m in self.store.team.all() if not m.after_hours]
        met = next((m for m in team if m.name == visit.with_whom and m.place.strip()), None)
        places = list(dict.fromkeys(m.place.strip() for m in team if m.place.strip()))
        typed_prompt = _("Where is the visit? (the clinic or hospital, or press Enter to skip)")
        if not places:
            return clean_text(self.p.ask_text(typed_prompt, default=visit.place))
        options = [Option(place, place) for place in places]
        options += [Option(_("Somewhere else (type it)"), SOMEWHERE_ELSE), Option(_("Skip this one"), SKIP)]
        if visit.place:
            default = visit.place if visit.place in places else SOMEWHERE_ELSE
        else:
            default = met.place.strip() if met is not None else NO_DEFAULT
        picked = self.p.choose(_("Where is the visit?"), options, default=default)
        if picked == SOMEWHERE_ELSE:
            return clean_text(self.p.ask_text(typed_prompt, default="" if visit.place in places else visit.place))
        return str(picked)

    def ask_with_whom(self, visit: Visit) -> str:
        """A name from the care team (`mbcprep team`), or typed."""
        team = [m for m in self.store.team.all() if not m.after_hours]  # a line to call, not who it is with
        if not team:
            return self.p.ask_text(
                _("Who is it with? (a name, or press Enter to skip)"), default=visit.with_whom
            ).strip()
        names = {m.name for m in team}
        options = [
            Option(_("{name} ({role})").format(name=m.name, role=m.role) if m.role else m.name, m.name) for m in team
        ]
        options += [Option(_("Someone else (type the name)"), SOMEONE_ELSE), Option(_("Skip this one"), SKIP)]
        typed_before = visit.with_whom and visit.with_whom not in names
        default = SOMEONE_ELSE if typed_before else (visit.with_whom or NO_DEFAULT)
        picked = self.p.choose(_("Who is it with?"), options, default=default)
        if picked == SOMEONE_ELSE:
            return self.p.ask_text(
                _("Who is it with? (a name, or press Enter to skip)"),
                default="" if visit.with_whom in names else visit.with_whom,
            ).strip()
        return str(picked)
