"""The ``econplan`` command: the window with no arguments, scripts otherwise.

Subcommands never import Qt, so they work on machines with no display.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from econplan.core.paths import catalog_path


class OutputRefused(ValueError):
    """An output would replace one of the command's inputs or an existing file."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist yet: compare where each would land
        return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(outputs: Sequence[Path], inputs: Sequence[Path], force: bool) -> None:
    """Refuse before anything is written: an output onto an input (even with --force),
    or onto an existing file without --force."""
    for output in outputs:
        for source in inputs:
            if _same_file(output, source):
                raise OutputRefused(f"will not write {output}: it is an input of this command "
                                    f"({source}); choose another output")
    if not force and (existing := [str(o) for o in outputs if o.exists() and not o.is_dir()]):
        shown = ", ".join(existing[:3]) + (f" and {len(existing) - 3} more"
                                           if len(existing) > 3 else "")
        raise OutputRefused(f"will not overwrite {shown}; add --force to replace")


def load_catalog():
    """The catalog; a file that had to be rebuilt from its sources is reported on stderr,
    so stdout (JSON, CSV) stays clean for the program reading it."""
    from econplan.core.catalog import load_catalog as load

    catalog = load()
    if catalog.notice:
        print(f"econplan: note: {catalog.notice}", file=sys.stderr)
    return catalog


def planning_catalog():
    """The catalog the planners use: the bundled one with the user's own prices laid over
    it, as in the app. Overrides that cannot be used are reported on stderr."""
    from econplan.core.price_overrides import with_user_overrides

    catalog, notes = with_user_overrides(load_catalog())
    _print_notes(notes)
    return catalog


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"econplan: note: {note}", file=sys.stderr)


def _print_table_csv(frame) -> None:
    sys.stdout.write(frame.write_csv())


def _cmd_catalog_build(args: argparse.Namespace) -> int:
    from econplan.core.catalog_build import build_catalog, source_files
    from econplan.core.paths import catalog_sources_dir

    output = Path(args.output) if args.output else catalog_path()
    check_outputs([output], source_files(catalog_sources_dir()), args.force)
    counts = build_catalog(output)
    for table, rows in counts.items():
        print(f"{table:32s} {rows:5d} rows")
    print(f"built {output} ({len(counts)} tables, {sum(counts.values())} rows)")
    return 0


def _cmd_catalog_list(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    for name in catalog.table_names():
        frame = catalog.table(name)
        print(f"{name:32s} {frame.height:5d} rows  {catalog.title(name)}")
    return 0


def _cmd_catalog_show(args: argparse.Namespace) -> int:
    import polars as pl

    catalog = load_catalog()
    if args.table not in catalog.tables:
        print(
            f"econplan: no catalog table {args.table!r}; "
            f"'econplan catalog list' shows them",
            file=sys.stderr,
        )
        return 2
    frame = catalog.table(args.table)
    if args.csv:
        _print_table_csv(frame)
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
            print(frame)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from econplan.core.scenario_io import scenario_json_schema

    print(json.dumps(scenario_json_schema(), indent=2))
    return 0


def _bounded_int(name: str, low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, not {text!r}")\
                from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be {low:,}–{high:,} (got {value:,})")
        return value
    return parse


def _draws_count(text: str) -> int:
    from econplan.core.uncertainty_inputs import MAX_DRAWS, MIN_DRAWS

    return _bounded_int("--draws", MIN_DRAWS, MAX_DRAWS)(text)


def _seed_value(text: str) -> int:
    return _bounded_int("--seed", 0, 2**32 - 1)(text)


def _report_draws(text: str) -> int:
    """A proposal's draws: 0 turns the P10–P90 off, else as ``compute --draws``."""
    return 0 if text.strip() == "0" else _draws_count(text)


def _cmd_compute(args: argparse.Namespace) -> int:
    from econplan.core.compute import compute_all
    from econplan.core.scenario_io import load_scenario

    if args.seed is not None and args.draws is None:
        raise ValueError("--seed needs --draws: without draws there is nothing to seed")
    catalog = planning_catalog()
    notes: list[str] = []
    scenario = load_scenario(args.scenario, catalog, notes)
    _print_notes(notes)
    payload = compute_all(scenario, catalog)
    if args.draws is not None:  # Monte Carlo percentiles only when asked: the default output
        from econplan.core.uncertainty import compute_uncertainty, uncertainty_json

        payload["uncertainty"] = uncertainty_json(
            compute_uncertainty(scenario, catalog, args.draws, args.seed))
    # allow_nan=False: the planners keep every figure finite, and JSON has no NaN/Infinity.
    print(json.dumps(payload, indent=2, allow_nan=False))
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    from econplan.core.compare import compare_scenarios, comparison_payload, comparison_table_text
    from econplan.core.scenario_io import load_scenario

    catalog = load_catalog()
    baseline, current = load_scenario(args.baseline, catalog), load_scenario(args.current, catalog)
    comparisons = compare_scenarios(baseline, current, catalog)
    if args.json:
        payload = comparison_payload(comparisons, baseline.name, current.name)
        print(json.dumps(payload, indent=2, allow_nan=False))
    else:
        print(comparison_table_text(comparisons, baseline.name, current.name))
    return 0


def _add_compare_parser(sub) -> None:
    compare = sub.add_parser("compare", help="every headline figure of two scenarios with its "
                             "absolute and %% delta")
    compare.add_argument("baseline", help="scenario JSON file compared against (A)")
    compare.add_argument("current", help="scenario JSON file compared (B)")
    compare.add_argument("--json", action="store_true", help="print JSON instead of a table")
    compare.set_defaults(func=_cmd_compare)


def _headless_qt() -> None:
    """PDF and chart output draw with Qt; with no display, draw offscreen."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from econplan.desktop.app import create_application

    create_application([])


def _report_inputs(args: argparse.Namespace) -> list[Path]:
    compared = [Path(args.compare)] if getattr(args, "compare", None) else []
    return [Path(args.scenario), *compared, catalog_path()]


def _report_from_args(args: argparse.Namespace):
    from econplan.core.report import ReportOptions, build_report
    from econplan.core.scenario_io import load_scenario

    catalog = planning_catalog()
    notes: list[str] = []
    scenario = load_scenario(args.scenario, catalog, notes)
    _print_notes(notes)
    # Default: the planners the scenario says the plan uses.
    planners = ([p.strip() for p in args.planners.split(",") if p.strip()]
                if args.planners else None)
    # The PDF's budget bands default to the scenario's own draws and seed, as in the app;
    # the table and chart exports carry no bands.
    draws = getattr(args, "draws", 0)
    options = ReportOptions(title=args.title, organisation=args.organisation,
                            author=args.author, page_size=args.page_size, planners=planners,
                            appendix=args.appendix, sensitivity=args.sensitivity,
                            draws=scenario.uncertainty.draws if draws is None else draws,
                            seed=getattr(args, "seed", None))
    baseline = None
    if getattr(args, "compare", None):
        from econplan.core.plan import compute_plan
        from econplan.core.report import Baseline

        other = load_scenario(args.compare, catalog, notes)
        baseline = Baseline(name=other.name, scenario=other,
                            plan=compute_plan(other, catalog))
    return build_report(scenario, catalog, options, baseline=baseline)


def _cmd_report(args: argparse.Namespace) -> int:
    check_outputs([Path(args.output)], _report_inputs(args), args.force)
    report = _report_from_args(args)
    _headless_qt()
    from econplan.desktop.pdf_report import write_report_pdf

    started = time.perf_counter()
    pages = write_report_pdf(report, args.output)
    print(f"wrote {args.output} ({pages} pages, {time.perf_counter() - started:.2f} s)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from econplan.core.exports import csv_paths, write_tables_csv, write_tables_xlsx

    if not (args.xlsx or args.csv_dir or args.charts_dir):
        print("econplan: export needs --xlsx, --csv-dir and/or --charts-dir", file=sys.stderr)
        return 2
    report = _report_from_args(args)
    outputs = [Path(args.xlsx)] if args.xlsx else []
    if args.csv_dir:
        outputs += csv_paths(report, args.csv_dir)
    if args.charts_dir:
        _headless_qt()
        from econplan.desktop.chart_export import chart_paths

        outputs += chart_paths(report, args.charts_dir, args.chart_format)
    check_outputs(outputs, _report_inputs(args), args.force)
    if args.xlsx:
        print(f"wrote {write_tables_xlsx(report, args.xlsx)}")
    if args.csv_dir:
        for path in write_tables_csv(report, args.csv_dir):
            print(f"wrote {path}")
    if args.charts_dir:
        from econplan.desktop.chart_export import export_all_charts

        for path in export_all_charts(report, args.charts_dir, args.chart_format):
            print(f"wrote {path}")
    return 0


def _add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("scenario", help="scenario JSON file")
    parser.add_argument("--title", default="AI model budget proposal")
    parser.add_argument("--organisation", default="")
    parser.add_argument("--author", default="")
    parser.add_argument("--page-size", choices=("A4", "Letter"), default="A4")
    parser.add_argument("--planners", default="",
                        help="comma-separated planners to include, from training, dataset, "
                             "playbook, routing, breakeven (default: the ones the scenario "
                             "uses)")
    parser.add_argument("--appendix", choices=("compact", "full", "none"), default="compact",
                        help="sources appendix: one entry per source (compact), every figure "
                             "(full) or none")
    parser.add_argument("--sensitivity", action="store_true",
                        help="add a sensitivity section: every range input's effect on the "
                             "budget")
    _add_force(parser)


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace existing output files")


def _cmd_gui(args: argparse.Namespace) -> int:
    from econplan.desktop.app import run_app

    return run_app(args.scenario)


# -- prices: the user's own prices (overrides, LiteLLM import, stale prices) --------------


def _current_overrides():
    """The user's overrides, or None after printing why the file cannot be used."""
    from econplan.core.price_overrides import load_overrides

    loaded = load_overrides()
    if loaded.problem:
        print(f"econplan: {loaded.problem} 'econplan prices reset --all' starts afresh.",
              file=sys.stderr)
        return None
    return loaded.overrides


def _print_rejected(title: str, entries) -> None:
    if entries:
        print(f"\n{title} ({len(entries)}):")
        for entry in entries:
            print(f"  {entry.name}: {entry.reason}")


def _cmd_prices_import(args: argparse.Namespace) -> int:
    from econplan.core.catalog import load_catalog
    from econplan.core.litellm_import import PriceFileError, import_prices, merged_overrides
    from econplan.core.price_overrides import apply_overrides, save_overrides

    overrides = _current_overrides()
    if overrides is None:
        return 2
    try:
        result = import_prices(args.file, apply_overrides(load_catalog(), overrides))
    except PriceFileError as exc:
        print(f"econplan: {exc}; nothing was written", file=sys.stderr)
        return 2
    print(f"{args.file}: {len(result.file.prices)} text-model prices, imported "
          f"{result.file.imported_on.isoformat()}")
    for status in ("changed", "new", "unchanged"):
        diffs = result.of_status(status)
        print(f"\n{status.capitalize()} ({len(diffs)}):")
        for diff in diffs:
            print(f"  {diff.model:40s} {diff.price_id:40s} {diff.describe()}")
    _print_rejected("Invalid", result.file.invalid)
    _print_rejected("Skipped", result.file.skipped + result.duplicates)
    items = result.overrides(include_new=not args.no_new)
    if not args.apply:
        print(f"\n{len(items)} prices would be written; add --apply to write them.")
        return 0
    path = save_overrides(merged_overrides(overrides, result, include_new=not args.no_new))
    print(f"\nwrote {len(items)} prices to {path}")
    return 0


def _cmd_prices_list(args: argparse.Namespace) -> int:
    from econplan.core.price_overrides import figures_text, overrides_path

    overrides = _current_overrides()
    if overrides is None:
        return 2
    if not overrides.overrides:
        print(f"no price overrides ({overrides_path()})")
        return 0
    for item in overrides.overrides:
        print(f"{item.kind:5s} {item.key:40s} {figures_text(item)}  "
              f"[{item.source}, as of {item.as_of}]")
    return 0


def _cmd_prices_reset(args: argparse.Namespace) -> int:
    from econplan.core.price_overrides import PriceOverrides, save_overrides

    if args.all == bool(args.id):
        print("econplan: prices reset needs one ID or --all", file=sys.stderr)
        return 2
    if args.all:
        print(f"removed every override; wrote {save_overrides(PriceOverrides())}")
        return 0
    overrides = _current_overrides()
    if overrides is None:
        return 2
    matching = [o for o in overrides.overrides
                if o.key == args.id and args.kind in (None, o.kind)]
    if not matching:
        print(f"econplan: no price override {args.id!r}; 'econplan prices list' shows them",
              file=sys.stderr)
        return 2
    for item in matching:
        overrides = overrides.without(item.kind, item.key)
    save_overrides(overrides)
    print(f"removed {len(matching)} override(s) of {args.id}")
    return 0


def _cmd_prices_stale(args: argparse.Namespace) -> int:
    import datetime as dt

    from econplan.core.catalog import load_catalog
    from econplan.core.price_overrides import apply_overrides
    from econplan.core.price_staleness import price_staleness
    from econplan.core.scenario_io import load_scenario

    overrides = _current_overrides()
    if overrides is None:
        return 2
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"econplan: --today must be a date like 2026-12-01, not {args.today!r}",
              file=sys.stderr)
        return 2
    catalog = apply_overrides(load_catalog(), overrides)
    result = price_staleness(load_scenario(args.scenario), catalog, today, args.months)
    for price in result.prices:
        age = "" if price.age_months is None else f"{price.age_months:.0f} months"
        print(f"{price.status:8s} {price.planner:10s} {price.label:45s} "
              f"{price.as_of or '-':10s} {age}")
    print(result.note or f"every price this plan uses is at most {args.months:g} months old")
    return 0


def _add_prices_parser(sub) -> None:
    prices = sub.add_parser("prices", help="your own prices: import, list, reset, stale check")
    prices_sub = prices.add_subparsers(dest="prices_command", required=True)
    imp = prices_sub.add_parser("import", help="compare a LiteLLM price file with the catalog")
    imp.add_argument("file", help="a model_prices_and_context_window.json you downloaded")
    imp.add_argument("--apply", action="store_true", help="write the new and changed prices")
    imp.add_argument("--no-new", action="store_true",
                     help="only update models the catalog has; add no new ones")
    imp.set_defaults(func=_cmd_prices_import)
    prices_sub.add_parser("list", help="list your overrides").set_defaults(func=_cmd_prices_list)
    reset = prices_sub.add_parser("reset", help="remove one override (or --all)")
    reset.add_argument("id", nargs="?", help="the price, GPU or rate id")
    reset.add_argument("--kind", choices=("api", "gpu", "rate"), help="only this kind")
    reset.add_argument("--all", action="store_true", help="remove every override")
    reset.set_defaults(func=_cmd_prices_reset)
    stale = prices_sub.add_parser("stale", help="prices a scenario uses that are old or undated")
    stale.add_argument("scenario", help="scenario JSON file")
    stale.add_argument("--months", type=float, default=6.0, help="age threshold (default 6)")
    stale.add_argument("--today", help="date to measure from (default: today)")
    stale.set_defaults(func=_cmd_prices_stale)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="econplan",
        description="Plan what AI models cost. With no command, opens the window.",
    )
    parser.add_argument("--self-test", action="store_true",
                        help="check this copy works: plan and show every example, write a "
                        "PDF, print one line (exit 1 naming what failed)")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="open the window (the default)")
    gui.add_argument("scenario", nargs="?", help="scenario file to open")
    gui.set_defaults(func=_cmd_gui)

    catalog = sub.add_parser("catalog", help="build or inspect the bundled catalog")
    catalog_sub = catalog.add_subparsers(dest="catalog_command", required=True)
    build = catalog_sub.add_parser("build", help="build catalog.duckdb from resources/catalog")
    build.add_argument("-o", "--output", help="where to write (default: the bundled catalog)")
    _add_force(build)
    build.set_defaults(func=_cmd_catalog_build)
    listing = catalog_sub.add_parser("list", help="list the catalog's tables")
    listing.set_defaults(func=_cmd_catalog_list)
    show = catalog_sub.add_parser("show", help="print one table")
    show.add_argument("table")
    show.add_argument("--csv", action="store_true", help="print as CSV")
    show.set_defaults(func=_cmd_catalog_show)

    schema = sub.add_parser("schema", help="print the scenario file's JSON schema")
    schema.set_defaults(func=_cmd_schema)

    compute = sub.add_parser("compute", help="print every derived figure of a scenario as JSON")
    compute.add_argument("scenario", help="scenario JSON file")
    compute.add_argument("--draws", type=_draws_count, metavar="N",
                         help="add P10/P50/P90 of every headline figure from N Monte Carlo "
                              "draws (key 'uncertainty')")
    compute.add_argument("--seed", type=_seed_value, metavar="S",
                         help="seed of the draws (default: the scenario's own); needs --draws")
    compute.set_defaults(func=_cmd_compute)

    report = sub.add_parser("report", help="write the PDF budget proposal (no display needed)")
    _add_report_options(report)
    report.add_argument("-o", "--output", required=True, help="PDF file to write")
    report.add_argument("--draws", type=_report_draws, metavar="N",
                        help="Monte Carlo draws behind the budget's P10–P90 (default: the "
                             "scenario's own, 10,000 unless it says otherwise; 0: none)")
    report.add_argument("--seed", type=_seed_value, metavar="S",
                        help="seed of the draws (default: the scenario's own)")
    report.add_argument("--compare", metavar="OTHER.json",
                        help="add a section comparing the plan with another scenario file: "
                             "every headline figure with its change, and the budget's")
    report.set_defaults(func=_cmd_report)

    export = sub.add_parser("export", help="result tables to CSV/XLSX, charts to PNG/SVG/PDF")
    _add_report_options(export)
    export.add_argument("--xlsx", help="workbook to write (one sheet per planner)")
    export.add_argument("--csv-dir", help="folder for one CSV per result table")
    export.add_argument("--charts-dir", help="folder for one file per chart")
    export.add_argument("--chart-format", choices=("png", "svg", "pdf"), default="png")
    export.set_defaults(func=_cmd_export)

    _add_prices_parser(sub)
    _add_compare_parser(sub)
    return parser


def hold_collection() -> None:
    """No automatic cycle collection from here: called before the window's start imports
    anything. The libraries' modules, classes and functions all live as long as the process,
    and collecting while they and the core were imported (~230 collections) was 70–100 ms of
    a start that freed nothing; the window's start turns collection back on once it has painted
    (econplan.desktop.heap)."""
    gc.disable()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from econplan.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        args = parser.parse_args(["gui"])
    if args.command == "gui":
        hold_collection()
    from econplan.core.catalog import CatalogError
    from econplan.core.catalog_build import CatalogBuildError
    from econplan.core.scenario_io import ScenarioFileError
    from econplan.core.training import PlanError

    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe must surface here, not at interpreter exit
        return code
    except ScenarioFileError as exc:
        print(f"econplan: {exc}", file=sys.stderr)
        return 2
    except (CatalogError, CatalogBuildError, PlanError, ValueError) as exc:
        print(f"econplan: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`econplan compute | head`): not an error. Point stdout at
        # devnull so the interpreter's final flush does not complain either.
        _silence_stdout()
        return 0
    except OSError as exc:
        print(f"econplan: cannot write: {exc.strerror or exc}"
              + (f" ({exc.filename})" if exc.filename else ""), file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout may be a captured stream with no descriptor
        pass


if __name__ == "__main__":
    sys.exit(main())
