"""Speed budget: mbcprep against a bare Typer app (and a bare questionary prompt), side by side,
with 1,000 visits, ten years of daily diary scores (3,650 days x 9 symptoms), ten years of monthly
lab values (20 a month) and a treatment history stored.

Run:  python bench/startup.py [--runs 15]
Each command and its baseline are run in turn (alternating, so machine noise hits both), and the
median wall times are compared with the budget. The interview is timed from its start until its
first question is drawn in a pseudo-terminal, against a bare questionary prompt timed the same way.
Exit 1 if any ratio is over budget.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

BARE_APP = """
import typer

app = typer.Typer()


@app.command()
def main(version: bool = typer.Option(False, "--version")) -> None:
    print("bare 0.0")


app()
"""

BARE_PROMPT = """
import questionary

questionary.text("When is the visit?").unsafe_ask()
"""

# (label, mbcprep arguments, budget as a multiple of the bare app's time)
CASES = [
    ("--version", ["--version"], 1.1),
    ("visits", ["visits"], 1.5),
    ("show latest", ["show", "latest"], 1.5),
    ("trends", ["trends"], 1.5),
    ("diary list", ["diary", "list"], 1.5),  # the last 30 days of ten years (issue 20, point 7)
    ("profile", ["profile"], 1.5),  # a full profile with ten years of test results (issue 21)
    # Ten years of monthly labs, 20 values a month (issue 21, points 2, 3 and 6).
    ("results", ["results"], 1.5),
    ("trends --results", ["trends", "--results"], 1.5),
    ("trends --by-treatment", ["trends", "--by-treatment"], 1.5),
    ("export latest", ["export", "latest", "-o", "{out}/latest.md", "--force"], 1.5),
    ("questions --json", ["questions", "--json"], 1.5),
    ("export --all --format json", ["export", "--all", "--format", "json", "-o", "{out}/all.json", "--force"], 2.0),
    # In Spanish: the catalogue is read at start-up, and Typer's help words are put in place.
    ("--lang es --version", ["--lang", "es", "--version"], 1.1),
    ("--lang es visits", ["--lang", "es", "visits"], 1.5),
    ("--lang es export latest", ["--lang", "es", "export", "latest", "-o", "{out}/es.md", "--force"], 1.5),
]
FIRST_PROMPT_BUDGET = 1.3
FIRST_QUESTION = "When is the visit?"
FIRST_QUESTION_ES = "¿Cuándo es la cita?"


DIARY_SYMPTOMS = ("pain", "tiredness", "nausea", "sleep", "appetite", "low-mood", "worry", "breathlessness", "cough")


def fill(home: Path, count: int, diary_days: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from datetime import date, timedelta

    from mbcprep.model.diary import DiaryEntry
    from mbcprep.model.visit import ConsiderationAnswer, SymptomScore, Visit, VisitQuestion
    from mbcprep.storage.store import Store

    with Store.open(home) as store:
        visits = []
        for n in range(count):
            visits.append(
                Visit(
                    uuid=str(uuid.uuid4()),
                    visit_date=f"20{20 + n // 365:02d}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    kind="routine",
                    with_whom="Dr Rivera",
                    status="ready",
                    notes="Bring the list of pills. " * 4,
                    questions=[
                        VisitQuestion(f"Question {i} for visit {n}?", "care-team", "Ask this if ...", None, None)
                        for i in range(8)
                    ],
                    symptoms=[
                        SymptomScore("pain", "Pain", n % 11),
                        SymptomScore("tiredness", "Tiredness", (n * 3) % 11),
                    ],
                    considerations=[ConsiderationAnswer("how-to-talk", "How should we talk?", "plain facts")],
                )
            )
        store.import_visits(visits)
        first = date.today() - timedelta(days=diary_days - 1)
        entries = [
            DiaryEntry(str(uuid.uuid4()), (first + timedelta(days=d)).isoformat(), sid, sid.capitalize(), (d + n) % 11)
            for d in range(diary_days)
            for n, sid in enumerate(DIARY_SYMPTOMS)
        ]
        with store.transaction() as db:
            store.diary.import_in(db, entries)
        fill_profile(store)
        fill_results(store, first, diary_days)


def fill_profile(store: Any) -> None:
    """A full profile: the person, a result for each marker twice a year for ten years, four places."""
    from datetime import date

    from mbcprep.demo.sample import profile
    from mbcprep.model.profile import MARKERS, CancerSite, TumourResult

    results = [
        TumourResult(str(uuid.uuid4()), marker, result="unknown", tested=f"{2016 + n // 2}-{1 + 6 * (n % 2):02d}")
        for n in range(20)
        for marker in MARKERS
        if marker != "other"
    ]
    sites = [CancerSite(str(uuid.uuid4()), site, since="2024-03") for site in ("bone", "liver", "lung", "brain")]
    with store.transaction() as db:
        store.records("profile").import_in(db, [profile(date.today())])
        store.records("tumour_results").import_in(db, results)
        store.records("cancer_sites").import_in(db, sites)


LAB_IDS = (
    "ca15-3", "ca27-29", "cea", "neutrophils", "white-cells", "lymphocytes", "hemoglobin", "platelets", "alt", "ast",
    "alkaline-phosphatase", "bilirubin", "albumin", "creatinine", "egfr", "bun", "glucose", "calcium", "potassium",
    "sodium",
)  # fmt: skip


def fill_results(store, first, days: int) -> None:  # type: ignore[no-untyped-def]
    """Ten years of monthly blood tests (20 values a month), a scan every three months, and a line of
    treatment every two years."""
    from datetime import timedelta

    from mbcprep.model.care import Treatment
    from mbcprep.model.results import Result

    months = days // 30
    results = [
        Result(str(uuid.uuid4()), (first + timedelta(days=30 * m)).isoformat(), lab, lab, 10.0 + (m + n) % 7, "U/L")
        for m in range(months)
        for n, lab in enumerate(LAB_IDS)
    ]
    results += [
        Result(str(uuid.uuid4()), (first + timedelta(days=30 * m + 1)).isoformat(), scan="ct", finding="stable")
        for m in range(0, months, 3)
    ]
    kinds = ("hormone,targeted", "chemotherapy", "adc", "chemotherapy", "hormone")
    treatments = [
        Treatment(
            str(uuid.uuid4()),
            f"treatment {n}",
            kinds[n],
            (first + timedelta(days=730 * n)).isoformat()[:7],
            "" if n == 4 else (first + timedelta(days=730 * n + 700)).isoformat()[:7],
        )
        for n in range(5)
    ]
    with store.transaction() as db:
        store.records("results").import_in(db, results)
        store.treatments.import_in(db, treatments)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def until_prompt(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from start until the first question is drawn in an 80x24 pseudo-terminal."""
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(cmd[0], cmd[1:], env=env, dimensions=(24, 80), encoding="utf-8", timeout=30)
    try:
        while True:  # answer the terminal's cursor-position question, as a real terminal does
            if child.expect_exact(["\x1b[6n", FIRST_QUESTION, FIRST_QUESTION_ES]) > 0:
                return time.perf_counter() - start
            child.send("\x1b[1;1R")
    finally:
        child.close(force=True)


def compare(label: str, ours: list[str], bare: list[str], budget: float, runs: int, env: dict[str, str], how) -> bool:  # type: ignore[no-untyped-def]
    base_times, our_times = [], []
    for _ in range(runs):
        base_times.append(how(bare, env))
        our_times.append(how(ours, env))
    base, mine = statistics.median(base_times), statistics.median(our_times)
    ratio = mine / base
    flag = "" if ratio <= budget else "  OVER"
    print(f"{label:<28} {base * 1000:>6.0f}ms {mine * 1000:>7.0f}ms {ratio:>6.2f} {budget:>6.1f}x{flag}")
    return ratio <= budget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--diary-days", type=int, default=3650)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mbcprep-bench-"))
    try:
        home, out, empty = work / "home", work / "out", work / "empty-home"
        out.mkdir()
        fill(home, args.visits, args.diary_days)
        bare, prompt = work / "bare.py", work / "prompt.py"
        bare.write_text(BARE_APP)
        prompt.write_text(BARE_PROMPT)
        # Same interpreter, same way of starting, for both: `python -m mbcprep` against `python bare.py`.
        # (An editable install's console script adds an import hook of its own, which would blur the figures.)
        mbcprep = [sys.executable, "-m", "mbcprep"]
        env = {**os.environ, "MBCPREP_HOME": str(home), "TERM": "xterm-256color"}
        # An installed package has its bytecode cached (pip compiles it on install); let a source checkout
        # cache it too, or mbcprep would be compiled afresh on every run while the bare app's libraries are not.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(2):  # warm the file cache, the bytecode and mbcprep's checked copy of its content
            timed([sys.executable, str(bare), "--version"], env)
            timed([*mbcprep, "--version"], env)
            timed([*mbcprep, "questions", "--json"], env)
        print(
            f"{args.visits} visits and {args.diary_days} diary days stored; median of {args.runs} runs each;"
            f" python {sys.version.split()[0]}"
        )
        print(f"{'command':<28} {'bare':>8} {'mbcprep':>9} {'ratio':>6} {'budget':>7}")
        ok = True
        baseline = [sys.executable, str(bare), "--version"]
        for label, argv, budget in CASES:
            argv = [a.format(out=out) for a in argv]
            ok &= compare(label, [*mbcprep, *argv], baseline, budget, args.runs, env, timed)
        # The interview's first question, with no draft waiting (a data folder of its own).
        first = {**env, "MBCPREP_HOME": str(empty)}
        timed([*mbcprep, "questions", "--json"], first)  # its own checked copy of the content, as in use
        ok &= compare(
            "new-visit: first question",
            [*mbcprep, "new-visit"],
            [sys.executable, str(prompt)],
            FIRST_PROMPT_BUDGET,
            args.runs,
            first,
            until_prompt,
        )
        ok &= compare(
            "new-visit --lang es: first",
            [*mbcprep, "--lang", "es", "new-visit"],
            [sys.executable, str(prompt)],
            FIRST_PROMPT_BUDGET,
            args.runs,
            first,
            until_prompt,
        )
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
