"""The econplan command: catalog, schema and compute, with errors instead of tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from econplan.core.defaults import default_scenario
from econplan.core.scenario_io import save_scenario

from econplan.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run_cli(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_compute_prints_every_training_figure(tmp_path, capsys, catalog):
    path = tmp_path / "plan.json"
    save_scenario(default_scenario(catalog), path)
    code, out, _ = run_cli(capsys, "compute", str(path))
    assert code == 0
    payload = json.loads(out)
    figures = payload["training"]
    for key in ("flops", "gpu_hours", "wall_clock_days", "compute_cost_usd", "total_usd",
                "one_off_usd", "ongoing_usd", "lines", "warnings", "references"):
        assert key in figures
    assert set(figures["total_usd"]) == {"low", "base", "high"}
    assert payload["catalog"]["sources_sha256"] == catalog.meta["sources_sha256"]


def test_compute_on_a_broken_file_names_the_field_and_exits_2(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"schema_version": 1, "name": "x", "description": "",
                                "training": {"gpu_count": -1}}))
    code, out, err = run_cli(capsys, "compute", str(path))
    assert code == 2
    assert out == ""
    assert "training.gpu_count" in err
    assert "Traceback" not in err


def test_catalog_list_and_show(capsys, catalog):
    code, out, _ = run_cli(capsys, "catalog", "list")
    assert code == 0
    assert "gpus" in out and "role_overspend" in out
    code, out, _ = run_cli(capsys, "catalog", "show", "gpus", "--csv")
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[-2:] == ["source", "as_of"]
    assert len(out.splitlines()) == catalog.table("gpus").height + 1


def test_catalog_show_unknown_table_is_an_error(capsys):
    code, _, err = run_cli(capsys, "catalog", "show", "nope")
    assert code == 2
    assert "no catalog table 'nope'" in err


def test_schema_prints_the_json_schema(capsys):
    code, out, _ = run_cli(capsys, "schema")
    assert code == 0
    assert json.loads(out)["title"] == "Scenario"


def test_catalog_build_writes_a_readable_file(tmp_path, capsys):
    target = tmp_path / "catalog.duckdb"
    code, out, _ = run_cli(capsys, "catalog", "build", "-o", str(target))
    assert code == 0
    assert target.exists() and "tables" in out
    assert not list(tmp_path.glob("*.wal"))


@pytest.mark.parametrize("args", [["--help"], ["compute", "--help"]])
def test_console_script_runs_without_a_display(args):
    result = subprocess.run([sys.executable, "-m", "econplan.cli", *args], capture_output=True,
                            text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0
    assert "econplan" in result.stdout


def test_report_and_export_run_headless(tmp_path):
    preset = ROOT / "resources" / "scenarios" / "task_management_assistant.json"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    pdf = tmp_path / "plan.pdf"
    result = subprocess.run([sys.executable, "-m", "econplan.cli", "report", str(preset), "-o",
                             str(pdf), "--title", "Budget", "--page-size", "Letter"],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    result = subprocess.run([sys.executable, "-m", "econplan.cli", "export", str(preset),
                             "--xlsx", str(tmp_path / "t.xlsx"), "--csv-dir", str(tmp_path),
                             "--charts-dir", str(tmp_path), "--chart-format", "svg"],
                            capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "t.xlsx").exists()
    assert (tmp_path / "training_cost_breakdown.svg").exists()


def test_report_includes_the_scenarios_planners_unless_told(tmp_path):
    from pypdf import PdfReader

    preset = ROOT / "resources" / "scenarios" / "task_management_assistant.json"
    outlines = {}
    for name, extra in (("default", []), ("chosen", ["--planners", "routing,training",
                                                     "--appendix", "none"])):
        pdf = tmp_path / f"{name}.pdf"
        assert main(["report", str(preset), "-o", str(pdf), *extra]) == 0
        outlines[name] = [item.title for item in PdfReader(pdf).outline]
    # The example declares training and break-even; the option replaces them.
    assert outlines["default"] == ["Executive summary", "Training budget",
                                   "Self-host break-even", "Appendix: sources"]
    assert outlines["chosen"] == ["Executive summary", "Training budget", "Routing overspend"]


def test_report_to_a_missing_folder_fails_cleanly(tmp_path, capsys):
    preset = ROOT / "resources" / "scenarios" / "task_management_assistant.json"
    code = main(["report", str(preset), "-o", str(tmp_path / "no" / "plan.pdf")])
    assert code == 1
    assert "folder does not exist" in capsys.readouterr().err


_WINDOW_COMMAND = r"""
import gc, importlib.abc, json, sys
collecting = {}
class _Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        collecting.setdefault(name, gc.isenabled())
sys.meta_path.insert(0, _Watch())
from econplan import cli
def _window_stand_in(args):  # the window itself is tests/desktop/test_startup_laziness.py
    print(json.dumps({"imported": {name: collecting.get(name) for name in
                                   ("duckdb", "polars", "pydantic")},
                      "collecting_at_the_window": gc.isenabled()}))
    return 0
cli._cmd_gui = _window_stand_in
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("args", [[], ["gui"]])
def test_the_window_command_holds_collection_off_before_the_libraries_come_in(args):
    result = subprocess.run([sys.executable, "-c", _WINDOW_COMMAND, *args], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=60)
    shown = json.loads(result.stdout)
    assert shown == {"imported": {"duckdb": False, "polars": False, "pydantic": False},
                     "collecting_at_the_window": False}


def test_a_script_command_collects_as_ever():
    result = subprocess.run([sys.executable, "-c", _WINDOW_COMMAND.replace(
        "sys.exit(cli.main(sys.argv[1:]))",
        "cli.main(['schema']); print(json.dumps(gc.isenabled()))")],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(result.stdout.splitlines()[-1]) is True
