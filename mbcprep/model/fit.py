"""What is known about the person, as the `when:` tags of the question bank name it, for choosing and
ordering the suggested questions (`mbcprep.content.suggest`).

Each tag is True (it fits), False (it does not: the question is not suggested) or None (not known:
the question is suggested as it always was). A question whose tags all fit comes early. Nothing here
is a medical judgement: each tag reads only what the person wrote in their profile, treatments and
results, by the groupings these public sources use:
- HER2-low (IHC 1+, or 2+ with a negative ISH test) and HER2-ultralow (IHC 0 with faint staining):
  FDA, "FDA approves fam-trastuzumab deruxtecan-nxki for unresectable or metastatic HR-positive,
  HER2-low or HER2-ultralow breast cancer" (2025); National Cancer Institute, "HER2-low breast cancer".
- Hormone-receptor positive (ER or PR positive, low positive included) and ESR1 testing when it grows
  on hormone therapy: ASCO, "Testing for ESR1 Mutations to Guide Therapy for Hormone Receptor-Positive,
  HER2-Negative Metastatic Breast Cancer: ASCO Guideline Rapid Recommendation Update" (2023).
- Triple-negative (ER, PR and HER2 negative; HER2-low counts as HER2-negative here) and PD-L1 testing:
  NCCN Guidelines for Patients, "Metastatic Breast Cancer" (2024).
- The bone-strengthening drugs (bone-modifying agents) given when breast cancer is in the bones:
  denosumab, zoledronic acid and pamidronate. ASCO, "Use of Bone-Modifying Agents in Patients With
  Metastatic Breast Cancer: ASCO Guideline Update" (2022).
No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from mbcprep.model.profile import her2_group
from mbcprep.model.profile_summary import ProfileView, age_on

# The tags a question may name under `when:`, in the order fitting questions are suggested.
WHEN_TAGS = (
    "scan-worse",  # the latest scan's report says bigger or new spots (from the results, when kept)
    "brain",  # the cancer has reached the brain
    "grew-on-hormone-therapy",  # hormone-receptor positive, and it grew on hormone therapy
    "her2-low",  # HER2 0 to 2+ with a negative ISH test (HER2-low, ultralow or 0)
    "her2-positive",  # HER2 3+, or 2+ with a positive ISH test
    "triple-negative",  # ER, PR and HER2 negative
    "hormone-receptor-positive",  # ER or PR positive
    "bone",  # the cancer is in the bones
    "no-bone-drug",  # no bone-strengthening drug among the medicines and treatments written down
    "liver",  # the cancer is in the liver
    "male",  # a man
    "pregnancy-possible",  # a pregnancy is possible
    "caregiver",  # a caregiver fills in the visit
)
WORSE_SCAN = ("bigger", "new")  # the report's words that mean grown
# The bone-strengthening drugs, as their names and brand names begin in English and Spanish
# (denosumab: Xgeva, Prolia; zoledronic acid, "ácido zoledrónico": Zometa, Reclast; pamidronate,
# "pamidronato": Aredia).
BONE_DRUGS = ("denosumab", "xgeva", "prolia", "zoledron", "zoledrón", "zometa", "reclast", "pamidron", "aredia")
STEADY_SCAN = ("stable", "smaller")
Facts = Mapping[str, "bool | None"]


def facts_of(
    view: ProfileView | None,
    treatments: Iterable[Any] = (),
    *,
    medicines: Iterable[Any] = (),
    scan: str = "",
    caregiver: bool = False,
    today: date | None = None,
) -> dict[str, bool | None]:
    """Each tag of `WHEN_TAGS`: True, False or None (not known). `scan` is the latest scan report's
    word (bigger, new, stable, smaller, mixed, not-sure or ""), from the results when they are kept.
    "no-bone-drug" is False only when a bone-strengthening drug is written down (a medicine, or a
    treatment that goes on)."""
    view = view or ProfileView()
    p = view.profile
    facts: dict[str, bool | None] = dict.fromkeys(WHEN_TAGS)
    facts["caregiver"] = caregiver
    facts["scan-worse"] = True if scan in WORSE_SCAN else False if scan in STEADY_SCAN else None
    treatments, medicines = list(treatments), list(medicines)
    taken = [m.name for m in medicines] + [t.what for t in treatments if t.current]
    # None written down counts as none taken: the question whether to start one stays where it was.
    facts["no-bone-drug"] = not any(drug in name.casefold() for name in taken for drug in BONE_DRUGS)
    if p is not None:
        facts["male"] = {"male": True, "female": False}.get(p.sex)
        facts["pregnancy-possible"] = {"yes": True, "no": False}.get(p.pregnancy_possible)
        if facts["pregnancy-possible"] is None and p.sex == "male":
            facts["pregnancy-possible"] = False
        age = age_on(p.born, today or date.today()) if p.born else None
        if facts["pregnancy-possible"] is None and age is not None and age >= 60:
            facts["pregnancy-possible"] = False  # not asked: a person who can, says so in the profile
    if view.sites:
        places = {s.site for s in view.sites}
        for place in ("brain", "bone", "liver"):
            facts[place] = place in places
    er, pr, her2 = (view.latest(m) for m in ("er", "pr", "her2"))
    hormone = [r.result for r in (er, pr) if r is not None and r.known]
    if any(x in ("positive", "low") for x in hormone):
        facts["hormone-receptor-positive"] = True
    elif len(hormone) == 2:
        facts["hormone-receptor-positive"] = False
    group = her2_group(her2.result) if her2 is not None and her2.known else ""
    if group:
        facts["her2-positive"] = group == "positive"
        facts["her2-low"] = group != "positive"
    if facts["hormone-receptor-positive"] is False and facts["her2-positive"] is False:
        facts["triple-negative"] = True
    elif facts["hormone-receptor-positive"] or facts["her2-positive"]:
        facts["triple-negative"] = False
    if facts["hormone-receptor-positive"] is False:
        facts["grew-on-hormone-therapy"] = False
    elif facts["hormone-receptor-positive"]:
        grew = any(t.kind == "hormone" and t.why_stopped == "stopped-working" for t in treatments)
        facts["grew-on-hormone-therapy"] = True if grew else None
    return facts


def fits(when: Iterable[str], facts: Facts) -> bool | None:
    """A question's tags against the facts: False when one does not fit, True when all do (and there
    is at least one), None otherwise."""
    tags = list(when)
    found = [facts.get(t) for t in tags]
    if any(x is False for x in found):
        return False
    if tags and all(x is True for x in found):
        return True
    return None
