"""The records kept beside the visits: each is a top-level list in a backup and a table in the data
file. Adding one is a line here, its declaration and a migration; the backup, the import and the
store walk this list."""

from __future__ import annotations

from dataclasses import dataclass

from mbcprep.i18n import N_
from mbcprep.model.care import Medicine, TeamMember, Treatment
from mbcprep.model.diary import DiaryEntry
from mbcprep.model.profile import CancerSite, Profile, TumourResult
from mbcprep.model.results import Result


@dataclass(frozen=True)
class RecordList:
    """A list of records kept beside the visits: its key, record, table and names."""

    key: str  # its name in a backup
    cls: type
    table: str  # its table in the data file
    label: str  # what one is called in a message (marked for translation)
    many: str  # and what several are called


RECORD_LISTS = (
    RecordList("diary", DiaryEntry, "diary_entries", N_("diary entry"), N_("Diary entries")),
    RecordList("treatments", Treatment, "treatments", N_("treatment"), N_("Treatments")),
    RecordList("medicines", Medicine, "medicines", N_("medicine"), N_("Medicines")),
    RecordList("care_team", TeamMember, "care_team", N_("care team member"), N_("Care team")),
    # Who I am and my cancer (`mbcprep profile`): one profile, the test results over time, the places.
    RecordList("profile", Profile, "profile", N_("profile"), N_("Profile")),
    RecordList("tumour_results", TumourResult, "tumour_results", N_("test result"), N_("Tumor test results")),
    RecordList("cancer_sites", CancerSite, "cancer_sites", N_("place of spread"), N_("Where it has spread")),
    RecordList("results", Result, "results", N_("result"), N_("Results")),
)
BY_KEY = {r.key: r for r in RECORD_LISTS}
