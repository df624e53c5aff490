"""What mbcprep says when words a person typed describe a warning sign, or a score is very high: the
same sentences in the interview, `edit`, the diary and the debrief, and on stderr after `--no-input`.
Plain functions and a small watcher: they return lines and never print."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from mbcprep.i18n import N_, _
from mbcprep.model.care import TeamMember
from mbcprep.model.content import Content, WarningSign

HIGH_SCORE = 8  # a score this high brings the signs that cannot wait, once
CALL_NOW = N_("If something is this bad right now, you do not have to wait for your visit.")
CALL_NOW_PAST = N_("If it is still this bad now, you do not have to wait for your visit.")
# to a caregiver, about the patient ({name})
CALL_NOW_ABOUT = N_("If it is this bad for {name} right now, you do not have to wait for the visit.")
CALL_NOW_PAST_ABOUT = N_("If it is still this bad for {name} now, you do not have to wait for the visit.")
CALL_NOW_LEVEL = "call-now"  # the level whose help line is followed by the after-hours number
CRISIS = "crisis"  # the level of thoughts of self-harm: words that match it are not a symptom to score


class SignWatch:
    """Checks what a person types about how they feel, and says each sign once however often its
    words come back. The content is loaded only when there is something to check."""

    def __init__(self, content: Content | Callable[[], Content]) -> None:
        self._content = content
        self.said: set[str] = set()  # sign ids
        self.helped: set[str] = set()  # levels whose help line was said
        self.about = ""  # the patient's first name when a caregiver fills in ("": the person themself)
        # The care team, asked for only when a sign to call about now is said: its after-hours number.
        self.team: Callable[[], Iterable[TeamMember]] = list

    def content(self) -> Content:
        if not isinstance(self._content, Content):
            self._content = self._content()
        return self._content

    def check(self, *texts: str) -> list[str]:
        """The lines to say for the signs in `texts` that were not said before (none: [])."""
        texts = tuple(t for t in texts if t and t.strip())
        if not texts:
            return []
        from mbcprep.content.warning_match import signs_in

        content = self.content()
        new: dict[str, WarningSign] = {}
        for text in texts:
            new.update((s.id, s) for s in signs_in(content, text) if s.id not in self.said)
        order = {level: n for n, level in enumerate(content.urgent_levels)}
        ordered = sorted(new.values(), key=lambda s: order.get(s.level, len(order)))
        self.said.update(new)
        return sign_lines(content, ordered, self.helped, self.about, self.team)

    def is_crisis(self, text: str) -> bool:
        """Do these words match a sign of the crisis level (thoughts of self-harm)?"""
        if not text.strip():
            return False
        from mbcprep.content.warning_match import signs_in

        return any(s.level == CRISIS for s in signs_in(self.content(), text))


def sign_lines(
    content: Content,
    signs: Iterable[WarningSign],
    helped: set[str] | None = None,
    about: str = "",
    team: Callable[[], Iterable[TeamMember]] = list,
) -> list[str]:
    """For each sign: what it is and how soon to get help, what to do now, why; and the level's help
    line ("If you cannot reach anyone, go to an emergency room") once a level, with the care team's
    after-hours number (`team`, asked for only then) under the level to call about now. With `about`
    (the patient's name, to a caregiver) the caregiver's words of the sign and level, where there are."""
    helped = set() if helped is None else helped
    lines = []
    for sign in signs:
        level = content.urgent_levels.get(sign.level)
        label = level.label if level else ""
        if about:
            text, advice, detail = (
                about_them(mine, theirs, about)
                for mine, theirs in (
                    (sign.text, sign.caregiver_text),
                    (sign.advice, sign.caregiver_advice),
                    (sign.detail, sign.caregiver_detail),
                )
            )
            said = _("{sign}: this can be a sign that should not wait for the visit. {level}.")
        else:
            text, advice, detail = sign.text, sign.advice, sign.detail
            said = _("{sign}: this can be a sign that should not wait for your visit. {level}.")
        lines.append(said.format(sign=text, level=label))
        lines += [x for x in (advice, detail) if x]
        if level is not None and level.help and level.id not in helped:
            helped.add(level.id)
            lines.append(about_them(level.help, level.caregiver_help, about) if about else level.help)
            if level.id == CALL_NOW_LEVEL:
                lines += [after_hours_line(m) for m in team() if m.after_hours]
    return lines


def about_them(mine: str, theirs: str, name: str) -> str:
    """The caregiver's words with the patient's name in them, or the general words if there are none."""
    return theirs.format(name=name) if theirs else mine


def high_score_lines(
    after_hours: Iterable[TeamMember], day: date | None = None, today: date | None = None, about: str = ""
) -> list[str]:
    """After a very high score: no need to wait for the visit (if it is still this bad, for a day
    before today; about the patient by name to a caregiver), whom to call when the office is closed,
    and one line pointing to `mbcprep urgent`. No sign is listed here: only the signs that matched what
    was typed are said (`SignWatch`), so a screen reader does not hear signs that nothing brought up."""
    past = day is not None and day < (today or date.today())
    if about:
        lines = [(_(CALL_NOW_PAST_ABOUT) if past else _(CALL_NOW_ABOUT)).format(name=about)]
    else:
        lines = [_(CALL_NOW_PAST) if past else _(CALL_NOW)]
    lines += [after_hours_line(m) for m in after_hours if m.after_hours]
    lines.append(_("'mbcprep urgent' lists every sign that cannot wait."))
    return lines


def after_hours_line(member: TeamMember) -> str:
    """ "When the office is closed, call: Oncology triage line; 555 0199"."""
    who = "; ".join(x for x in (member.name, member.role, member.phone) if x.strip())
    return _("When the office is closed, call: {who}").format(who=who)
