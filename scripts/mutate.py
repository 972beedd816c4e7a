"""Mutation testing of the code that words and checks figures (``make mutate``, not part of ``make test``).

mutmut makes small changes (mutants) to the modules ``[tool.mutmut] only_mutate`` in pyproject.toml lists
(statements, formatting, formula, history, rules/, drafts/figures, drafts/matching) and runs the unit tier
against each; a mutant no test notices survived. Mutants that behave exactly as the code does are listed,
each with its reason, in tests/mutants-equivalent.txt ("name  # why") and count as neither. Prints each
survivor, then the share killed and the time taken; fails when under 90 %.

Usage: python -m scripts.mutate [--rerun] [NAME ...]   (--rerun: only print the results of the last run;
NAME: only the mutants named, shell patterns allowed, e.g. 'macros.data.statements*'; make mutate MUTANTS=…)
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutants-equivalent.txt"
GOAL = 0.90
MUTMUT = [sys.executable, "-m", "mutmut"]


def equivalent() -> dict[str, str]:
    """The mutants listed as equivalent, with why: 'macros.x.y__mutmut_3  # reason'."""
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines() if EQUIVALENT.exists() else []:
        name, _, why = line.partition("#")
        if name.strip():
            if not why.strip():
                raise SystemExit(f"{EQUIVALENT.name}: {name.strip()} needs a reason after '#'")
            found[name.strip()] = why.strip()
    return found


def results() -> dict[str, str]:
    """Every mutant of the last run and what became of it (killed, survived, no tests, timeout …)."""
    run = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True)
    return dict(re.findall(r"^\s+(\S+): (.+)$", run.stdout, re.M))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rerun", action="store_true", help="only report the last run's results")
    parser.add_argument("names", nargs="*", default=os.environ.get("MUTANTS", "").split(), help="only these mutants (shell patterns)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if not args.rerun:
        subprocess.run([*MUTMUT, "run", "--max-children", str(os.cpu_count() or 1), *args.names], cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    found, same = results(), equivalent()
    if not found or all(status == "not checked" for status in found.values()):
        print("mutate: no mutant was checked (mutmut's first run of the tests failed: see above)")
        return 1
    stale = sorted(set(same) - set(found))
    counted = {name: status for name, status in found.items() if name not in same and status != "not checked"}
    killed = sum(status == "killed" for status in counted.values())
    for name, status in sorted(counted.items()):
        if status != "killed":
            print(f"{status}: {name}  (mutmut show {name})")
    share = killed / len(counted) if counted else 0.0
    unchecked = sum(status == "not checked" for status in found.values())
    print(
        f"mutate: {killed} of {len(counted)} mutants killed ({share:.1%}), {len(same)} equivalent, "
        f"{unchecked} not checked, {len(found)} in all; {seconds / 60:.1f} min"
    )
    if stale:
        print(f"{EQUIVALENT.name} lists mutants that no longer exist: {', '.join(stale)}")
    return 0 if share >= GOAL and not stale else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
