"""Long fuzzing runs over scenario files: ``python3 tests/fuzz/fuzz_scenarios.py --runs 50000``.

Prints how many mutated documents were accepted, rejected (by reason) and how
many broke the rule (accepted ⇒ planners finish fast with finite, ordered
figures; rejected ⇒ a ScenarioFileError naming a field or a whole-file reason).
Failing documents are written to --keep so that they can be replayed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from econplan.core.catalog import load_catalog

from tests.fuzz.mutations import FuzzFailure, check_document, fuzzed_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"),
                        help="folder for documents that broke the rule")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    catalog = load_catalog()
    outcomes: Counter[str] = Counter()
    failures = 0
    started = time.monotonic()
    for run in range(args.runs):
        document = fuzzed_document(rng)
        try:
            outcomes[check_document(document.data, catalog)] += 1
        except Exception as exc:  # the rule allows nothing else: record whatever it was
            failures += 1
            kind = "rule broken" if isinstance(exc, FuzzFailure) else type(exc).__name__
            outcomes[f"FAILURE: {kind}"] += 1
            args.keep.mkdir(parents=True, exist_ok=True)
            name = f"run{run}_{document.example.removesuffix('.json')}"
            (args.keep / f"{name}.json").write_bytes(document.data)
            (args.keep / f"{name}.txt").write_text(
                f"mutations: {', '.join(document.mutations)}\n"
                + "".join(traceback.format_exception(exc)), encoding="utf-8")
    elapsed = time.monotonic() - started
    accepted = outcomes["accepted"] + outcomes["accepted_plan_error"]
    print(f"seed {seed}: {args.runs:,} documents in {elapsed:.0f} s")
    print(f"  accepted: {accepted:,} (of which a planner refused with a planning error: "
          f"{outcomes['accepted_plan_error']:,})")
    rejected = {key: n for key, n in outcomes.items() if key.startswith("rejected")}
    print(f"  rejected: {sum(rejected.values()):,}")
    for key, count in sorted(rejected.items(), key=lambda item: -item[1]):
        print(f"    {count:>7,}  {key.removeprefix('rejected: ')}")
    print(f"  failures: {failures:,}" + (f" (documents in {args.keep})" if failures else ""))
    for key, count in outcomes.items():
        if key.startswith("FAILURE"):
            print(f"    {count:>7,}  {key.removeprefix('FAILURE: ')}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
