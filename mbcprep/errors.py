"""The project's own error types. Each carries one plain sentence for the person."""

from __future__ import annotations


class MbcprepError(Exception):
    """An expected problem: shown as "Error: <message>" and exit 1, never a traceback."""


class UsageError(MbcprepError):
    """The person asked for something that cannot be done (unknown id, bad date, ...)."""


class ContentError(MbcprepError):
    """A mistake in a YAML content file, with the file and line it sits on."""

    def __init__(self, problems: list[Problem], intro: str = "") -> None:
        self.problems = problems
        super().__init__("\n".join([intro] * bool(intro) + [str(p) for p in problems]))


class StoreError(MbcprepError):
    """The data file cannot be used as it is. `reason` says why, for code that must tell cases apart:
    "damaged", "foreign", "newer", "busy", "special", "link", "unreadable", "disk", "read-only", and
    "replaced" (the file was locked, unlocked or deleted in another window since it was opened)."""

    def __init__(self, message: str, reason: str = "damaged") -> None:
        super().__init__(message)
        self.reason = reason


class VisitChangedElsewhere(MbcprepError):
    """The visit was saved from another window since this copy of it was read."""

    def __init__(self, visit_id: int) -> None:
        from mbcprep.i18n import _

        super().__init__(_("Visit {id} was changed in another window. Nothing was saved over it.").format(id=visit_id))
        self.visit_id = visit_id


class InterviewStopped(Exception):
    """Ctrl-C, Ctrl-D or a closed terminal ended an interview. `visit_id` is the kept draft, if any."""

    def __init__(self, visit_id: int | None, kept: str, count: int = 0) -> None:
        super().__init__(kept)
        self.visit_id = visit_id
        # "draft" | "edit-draft" | "saved" | "nothing" | "unchanged" | "diary" (count: scores kept)
        # | "debrief-draft" (count: questions gone through)
        self.kept = kept
        self.count = count


class Problem:
    """One content mistake: FILE:LINE: what is wrong."""

    __slots__ = ("line", "message", "path")

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def __repr__(self) -> str:
        return f"Problem({str(self)!r})"
