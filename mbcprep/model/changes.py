"""What changed since the last visit: the rule that says whether a symptom's score moved enough to
talk about. No I/O here; `mbcprep.actions.changes` gathers the scores and says it in words.

The figures come from research on 0-10 symptom scores (the README cites them in full):
- about 1 point is the smallest change people notice (Hui and others, 2015, for ten common
  symptoms in people with advanced cancer);
- 2 points, or 30% for pain, is a change that clearly matters (Farrar and others, 2001);
- 4 and 7 are where a score is usually read as moderate and severe (Serlin and others, 1995,
  for cancer pain; the same cut-offs are used for other symptoms).
A change is something to talk about, never an alarm: the signs that cannot wait are elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

MINIMAL = 1.0  # points: the smallest change people notice
CLEAR = 2.0  # points: a change that clearly matters
PAIN_CLEAR_SHARE = 0.30  # for pain, a change of 30% clearly matters too
MODERATE = 4  # from here on a score is moderate
SEVERE = 7  # and from here on, severe
PAIN = "pain"

SAME, MINIMAL_CHANGE, CLEAR_CHANGE = "same", "minimal", "clear"


@dataclass(frozen=True)
class Scored:
    """A symptom's score at one time: a visit's check-in, or the average of some diary days."""

    key: str
    symptom_id: str
    name: str
    score: float
    days: int = 0  # how many diary days it is the average of (0: a visit's own score)


@dataclass(frozen=True)
class Change:
    """A symptom's score before and now, and how much it changed."""

    key: str
    symptom_id: str
    name: str
    before: float
    after: float
    size: str  # SAME, MINIMAL_CHANGE or CLEAR_CHANGE
    band_before: str  # "mild", "moderate" or "severe"
    band_after: str

    @property
    def worse(self) -> bool:
        return self.after > self.before

    @property
    def crossed(self) -> bool:
        return self.band_before != self.band_after

    @property
    def to_talk_about(self) -> bool:
        """Clearly worse, or severe now: its questions come to the top of the suggestions."""
        return (self.worse and self.size == CLEAR_CHANGE) or self.after >= SEVERE


def band(score: float) -> str:
    if score >= SEVERE:
        return "severe"
    if score >= MODERATE:
        return "moderate"
    return "mild"


def size_of(before: float, after: float, symptom_id: str) -> str:
    moved = abs(after - before)
    if moved >= CLEAR - 1e-9:
        return CLEAR_CHANGE
    if symptom_id == PAIN and before > 0 and moved >= MINIMAL - 1e-9 and moved / before >= PAIN_CLEAR_SHARE - 1e-9:
        return CLEAR_CHANGE
    if moved >= MINIMAL - 1e-9:
        return MINIMAL_CHANGE
    return SAME


def compare(before: dict[str, Scored], after: dict[str, Scored]) -> list[Change]:
    """A change for every symptom scored both times; the ones that matter most first (clearly worse,
    then clearly better, then the small changes), each group in the order `after` lists them."""
    changes = []
    for key, now in after.items():
        then = before.get(key)
        if then is None:
            continue
        changes.append(
            Change(
                key,
                now.symptom_id,
                now.name,
                round(then.score, 1),
                round(now.score, 1),
                size_of(round(then.score, 1), round(now.score, 1), now.symptom_id),
                band(round(then.score, 1)),
                band(round(now.score, 1)),
            )
        )
    order = {CLEAR_CHANGE: 0, MINIMAL_CHANGE: 2, SAME: 4}
    return sorted(changes, key=lambda c: order[c.size] + (0 if c.worse or c.size == SAME else 1))
