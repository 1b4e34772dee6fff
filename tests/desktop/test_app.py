"""Start-up path of the real application (the event loop itself is skipped)."""

from econplan.core.paths import scenarios_dir
from econplan.desktop import app as app_module
from PySide6.QtWidgets import QApplication


def test_run_app_opens_the_window_with_a_scenario(qtbot, monkeypatch):
    shown = {}

    def fake_exec():
        window = next(w for w in QApplication.topLevelWidgets()
                      if type(w).__name__ == "MainWindow" and w.isVisible())
        shown["window"] = window
        qtbot.addWidget(window)
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    example = scenarios_dir() / "deepseek_v3_reference.json"
    assert app_module.run_app(str(example)) == 0
    window = shown["window"]
    assert window.document.path == example
    assert window.document.scenario.training.architecture == "moe"
    assert QApplication.organizationName() == "EconPlan"
    assert "DejaVu Sans" in QApplication.font().family()
    window.document.undo_stack.setClean()


def test_the_application_has_the_econplan_icon_at_every_size(qapp):
    from econplan.desktop.app import create_application

    app = create_application([])
    sizes = {(s.width(), s.height()) for s in app.windowIcon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
