"""The app never opens a network connection: start-up, planning and exports with sockets barred."""

import socket

import pytest
from econplan.core.report import build_report
from econplan.desktop.main_window import MainWindow
from econplan.desktop.pdf_report import write_report_pdf
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_window_planning_and_pdf_work_with_sockets_barred(qtbot, tmp_path, catalog, presets,
                                                          monkeypatch, no_network):
    window = MainWindow(catalog)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(window)
    window.show()
    window.training_tab.field("training.params").spin.setValue(13)
    for tab in (window.training_tab, window.dataset_tab, window.playbook_tab,
                window.routing_tab, window.breakeven_tab):
        tab.recompute()
    report = build_report(presets["playbook_finance"], catalog)
    assert write_report_pdf(report, tmp_path / "offline.pdf") > 5
    assert no_network == []
