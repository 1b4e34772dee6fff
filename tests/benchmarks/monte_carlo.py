"""Monte Carlo benchmark: 10,000 draws of all five planners, and P50 convergence.

Run: python tests/benchmarks/monte_carlo.py [--no-convergence]
Timings are medians on this machine, set against a baseline measured in the same run:
one deterministic ``compute_plan`` of the same scenario (all five planners, once).
"Cold" clears the kept deterministic steps (routing, break-even curves) first, as after
an edit of those planners; "warm" is a rerun after an edit elsewhere (a training slider).
Convergence: each example's P50 of every headline figure at 10,000 against 100,000
draws; the goal is a move under 1% (for the first-year ROI, under 1 point of ROI).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.timing import median_ms  # noqa: E402

DRAWS = 10_000
GOAL_MS, STRETCH_MS = 50.0, 20.0


def _clear_kept_steps() -> None:
    from econplan.core import monte_carlo

    for kept in (monte_carlo._routing_results, monte_carlo._breakeven_curves,
                 monte_carlo._breakeven_results, monte_carlo._breakeven_charts):
        kept.entries.clear()


def _examples(catalog):
    from econplan.core.scenario import Scenario
    from econplan.core.scenario_io import load_scenario

    for path in sorted((ROOT / "resources" / "scenarios").glob("*.json")):
        scenario = load_scenario(path, catalog)
        yield path.stem, scenario
        if path.stem == "breakeven_autocomplete_500k":
            # The break-even planner's vectorised path: fine-tuning cost linked to training.
            payload = scenario.model_dump(mode="json")
            payload["breakeven"]["one_off"]["finetune_source"] = "training_plan"
            yield path.stem + " (linked)", Scenario.model_validate(payload)


def run_timing(catalog) -> None:
    from econplan.core.plan import compute_plan
    from econplan.core.uncertainty import compute_uncertainty

    rows = []
    for name, scenario in _examples(catalog):
        baseline = median_ms(lambda s=scenario: compute_plan(s, catalog), 5)

        def cold(s=scenario) -> None:
            _clear_kept_steps()
            compute_uncertainty(s, catalog, DRAWS, 1)

        cold_ms = median_ms(cold, 5)
        compute_uncertainty(scenario, catalog, DRAWS, 1)
        warm_ms = median_ms(lambda s=scenario: compute_uncertainty(s, catalog, DRAWS, 1), 9)
        rows.append((name, baseline, cold_ms, warm_ms))
    print(f"Monte Carlo, {DRAWS:,} draws of all five planners (bands + CDFs), median ms:")
    print(f"  {'example':44s} {'plan once':>9s} {'cold':>7s} {'warm':>7s} {'warm/plan':>9s}")
    for name, baseline, cold_ms, warm_ms in rows:
        print(f"  {name:44s} {baseline:9.1f} {cold_ms:7.1f} {warm_ms:7.1f} "
              f"{warm_ms / baseline:8.2f}×")
    worst_warm = max(row[3] for row in rows)
    worst_cold = max(row[2] for row in rows)
    print(f"  worst warm {worst_warm:.1f} ms, worst cold {worst_cold:.1f} ms "
          f"(goal ≤ {GOAL_MS:g} ms, stretch ≤ {STRETCH_MS:g} ms)")


def run_convergence(catalog) -> None:
    from econplan.core.uncertainty import compute_uncertainty

    print("P50 convergence, 10,000 vs 100,000 draws (largest relative move per example):")
    over = 0
    for name, scenario in _examples(catalog):
        small = compute_uncertainty(scenario, catalog, 10_000, 1)
        large = compute_uncertainty(scenario, catalog, 100_000, 1)
        worst, worst_id = 0.0, ""
        for figure_id, band in small.bands.items():
            other = large.bands[figure_id]
            if band.p50 is None or other.p50 is None:
                if (band.p50 is None) != (other.p50 is None):
                    worst, worst_id = float("inf"), figure_id
                continue
            # ROI is a fraction that crosses zero: its move is in points (0.01 = 1 point
            # of ROI), every other figure's relative to its value.
            scale = 1.0 if band.unit == "ratio" else max(abs(other.p50), 1e-12)
            move = abs(band.p50 - other.p50) / scale
            if move > worst:
                worst, worst_id = move, figure_id
        over += worst >= 0.01
        print(f"  {name:44s} {worst:7.3%}  {worst_id}")
    print(f"  examples whose P50 moved ≥ 1%: {over}")


def main() -> None:
    from econplan.core.catalog import load_catalog

    catalog = load_catalog()
    run_timing(catalog)
    if "--no-convergence" not in sys.argv:
        run_convergence(catalog)


if __name__ == "__main__":
    main()
