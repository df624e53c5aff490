"""Speed budget: mbcprep commands against a bare Typer app, side by side, with 1,000 visits stored.

Run:  python bench/startup.py [--runs 15]
Each command and its baseline are run in turn (alternating, so machine noise hits both), and the
median wall times are compared with the budget. Exit 1 if any ratio is over budget.
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

BARE_APP = """
import typer

app = typer.Typer()


@app.command()
def main(version: bool = typer.Option(False, "--version")) -> None:
    print("bare 0.0")


app()
"""

# (label, mbcprep arguments, budget as a multiple of the bare app's time)
CASES = [
    ("--version", ["--version"], 1.1),
    ("visits", ["visits"], 1.5),
    ("export latest", ["export", "latest", "-o", "{out}/latest.md", "--force"], 1.5),
    ("questions --json", ["questions", "--json"], 1.5),
    ("export --all --format json", ["export", "--all", "--format", "json", "-o", "{out}/all.json", "--force"], 2.0),
]


def fill(home: Path, count: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
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


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--visits", type=int, default=1000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="mbcprep-bench-"))
    try:
        home, out = work / "home", work / "out"
        out.mkdir()
        fill(home, args.visits)
        bare = work / "bare.py"
        bare.write_text(BARE_APP)
        # Same interpreter, same way of starting, for both: `python -m mbcprep` against `python bare.py`.
        # (An editable install's console script adds an import hook of its own, which would blur the figures.)
        mbcprep = [sys.executable, "-m", "mbcprep"]
        env = {**os.environ, "MBCPREP_HOME": str(home)}
        # An installed package has its bytecode cached (pip compiles it on install); let a source checkout
        # cache it too, or mbcprep would be compiled afresh on every run while the bare app's libraries are not.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(2):  # warm the file cache
            timed([sys.executable, str(bare), "--version"], env)
            timed([*mbcprep, "--version"], env)
        print(f"{args.visits} visits stored; median of {args.runs} runs each; python {sys.version.split()[0]}")
        print(f"{'command':<28} {'bare':>8} {'mbcprep':>9} {'ratio':>6} {'budget':>7}")
        failed = False
        for label, argv, budget in CASES:
            argv = [a.format(out=out) for a in argv]
            base_times, our_times = [], []
            for _ in range(args.runs):
                base_times.append(timed([sys.executable, str(bare), "--version"], env))
                our_times.append(timed([*mbcprep, *argv], env))
            base, ours = statistics.median(base_times), statistics.median(our_times)
            ratio = ours / base
            failed |= ratio > budget
            flag = "" if ratio <= budget else "  OVER"
            print(f"{label:<28} {base * 1000:>6.0f}ms {ours * 1000:>7.0f}ms {ratio:>6.2f} {budget:>6.1f}x{flag}")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
