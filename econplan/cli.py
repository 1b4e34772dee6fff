"""The ``econplan`` command: the window with no arguments, scripts otherwise.

Subcommands never import Qt, so they work on machines with no display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from core.paths import catalog_path


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
    from core.catalog import load_catalog as load

    catalog = load()
    if catalog.notice:
        print(f"econplan: note: {catalog.notice}", file=sys.stderr)
    return catalog


def _print_table_csv(frame) -> None:
    sys.stdout.write(frame.write_csv())


def _cmd_catalog_build(args: argparse.Namespace) -> int:
    from core.catalog_build import build_catalog, source_files
    from core.paths import catalog_sources_dir

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
    from core.scenario_io import scenario_json_schema

    print(json.dumps(scenario_json_schema(), indent=2))
    return 0


def _cmd_compute(args: argparse.Namespace) -> int:
    from core.compute import compute_all
    from core.scenario_io import load_scenario

    scenario = load_scenario(args.scenario)
    payload = compute_all(scenario, load_catalog())
    # allow_nan=False: the planners keep every figure finite, and JSON has no NaN/Infinity.
    print(json.dumps(payload, indent=2, allow_nan=False))
    return 0


def _headless_qt() -> None:
    """PDF and chart output draw with Qt; with no display, draw offscreen."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop.app import create_application

    create_application([])


def _report_inputs(args: argparse.Namespace) -> list[Path]:
    return [Path(args.scenario), catalog_path()]


def _report_from_args(args: argparse.Namespace):
    from core.report import SECTION_BUILDERS, ReportOptions, build_report
    from core.scenario_io import load_scenario

    scenario = load_scenario(args.scenario)
    planners = args.planners.split(",") if args.planners else list(SECTION_BUILDERS)
    options = ReportOptions(title=args.title, organisation=args.organisation,
                            author=args.author, page_size=args.page_size,
                            planners=[p.strip() for p in planners if p.strip()])
    return build_report(scenario, load_catalog(), options)


def _cmd_report(args: argparse.Namespace) -> int:
    check_outputs([Path(args.output)], _report_inputs(args), args.force)
    report = _report_from_args(args)
    _headless_qt()
    from desktop.pdf_report import write_report_pdf

    started = time.perf_counter()
    pages = write_report_pdf(report, args.output)
    print(f"wrote {args.output} ({pages} pages, {time.perf_counter() - started:.2f} s)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from core.exports import csv_paths, write_tables_csv, write_tables_xlsx

    if not (args.xlsx or args.csv_dir or args.charts_dir):
        print("econplan: export needs --xlsx, --csv-dir and/or --charts-dir", file=sys.stderr)
        return 2
    report = _report_from_args(args)
    outputs = [Path(args.xlsx)] if args.xlsx else []
    if args.csv_dir:
        outputs += csv_paths(report, args.csv_dir)
    if args.charts_dir:
        _headless_qt()
        from desktop.chart_export import chart_paths

        outputs += chart_paths(report, args.charts_dir, args.chart_format)
    check_outputs(outputs, _report_inputs(args), args.force)
    if args.xlsx:
        print(f"wrote {write_tables_xlsx(report, args.xlsx)}")
    if args.csv_dir:
        for path in write_tables_csv(report, args.csv_dir):
            print(f"wrote {path}")
    if args.charts_dir:
        from desktop.chart_export import export_all_charts

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
                        help="comma-separated planners to include (default: all)")
    _add_force(parser)


def _add_force(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true", help="replace existing output files")


def _cmd_gui(args: argparse.Namespace) -> int:
    from desktop.app import run_app

    return run_app(args.scenario)


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
    compute.set_defaults(func=_cmd_compute)

    report = sub.add_parser("report", help="write the PDF budget proposal (no display needed)")
    _add_report_options(report)
    report.add_argument("-o", "--output", required=True, help="PDF file to write")
    report.set_defaults(func=_cmd_report)

    export = sub.add_parser("export", help="result tables to CSV/XLSX, charts to PNG/SVG/PDF")
    _add_report_options(export)
    export.add_argument("--xlsx", help="workbook to write (one sheet per planner)")
    export.add_argument("--csv-dir", help="folder for one CSV per result table")
    export.add_argument("--charts-dir", help="folder for one file per chart")
    export.add_argument("--chart-format", choices=("png", "svg", "pdf"), default="png")
    export.set_defaults(func=_cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from core.catalog import CatalogError
    from core.catalog_build import CatalogBuildError
    from core.scenario_io import ScenarioFileError
    from core.training import PlanError

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from econplan.self_test import run_self_test

        return run_self_test()
    if args.command is None:
        args = parser.parse_args(["gui"])
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
