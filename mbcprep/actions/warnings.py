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


class SignWatch:
    """Checks what a person types about how they feel, and says each sign once however often its
    words come back. The content is loaded only when there is something to check."""

    def __init__(self, content: Content | Callable[[], Content]) -> None:
        self._content = content
        self.said: set[str] = set()  # sign ids
        self.helped: set[str] = set()  # levels whose help line was said

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
        return sign_lines(content, ordered, self.helped)


def sign_lines(content: Content, signs: Iterable[WarningSign], helped: set[str] | None = None) -> list[str]:
    """For each sign: what it is and how soon to get help, what to do now, why; and the level's help
    line ("If you cannot reach anyone, go to an emergency room") once a level."""
    helped = set() if helped is None else helped
    lines = []
    for sign in signs:
        level = content.urgent_levels.get(sign.level)
        lines.append(
            _("{sign}: this can be a sign that should not wait for your visit. {level}.").format(
                sign=sign.text, level=level.label if level else ""
            )
        )
        lines += [x for x in (sign.advice, sign.detail) if x]
        if level is not None and level.help and level.id not in helped:
            helped.add(level.id)
            lines.append(level.help)
    return lines


def high_score_lines(
    content: Content, after_hours: Iterable[TeamMember], day: date | None = None, today: date | None = None
) -> list[str]:
    """After a very high score: no need to wait for the visit (if it is still this bad, for a day
    before today), whom to call when the office is closed, and which signs mean calling now or 911."""
    past = day is not None and day < (today or date.today())
    lines = [_(CALL_NOW_PAST) if past else _(CALL_NOW)]
    lines += [after_hours_line(m) for m in after_hours if m.after_hours]
    for level in content.urgent_levels.values():
        signs = [w.text for w in content.warning_signs.values() if w.level == level.id]
        if signs:
            more = _(" (and more)") if len(signs) > 2 else ""
            lines.append(_("{level}: {signs}{more}.").format(level=level.label, signs="; ".join(signs[:2]), more=more))
    lines.append(_("'mbcprep urgent' lists every sign that cannot wait."))
    return lines


def after_hours_line(member: TeamMember) -> str:
    """ "When the office is closed, call: Oncology triage line; 555 0199"."""
    who = "; ".join(x for x in (member.name, member.role, member.phone) if x.strip())
    return _("When the office is closed, call: {who}").format(who=who)
