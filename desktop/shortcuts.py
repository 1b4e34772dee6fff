"""Application shortcuts that win over a focused input's own key handling.

A spin box (its line edit) claims Ctrl+Z, Ctrl+Y and friends for its own text
undo through ``ShortcutOverride``, so the window's Undo, Save or Export never
fire while the cursor is in a number box — which is where it is right after
typing a value. ``ApplicationShortcuts`` watches the override events of one
window and refuses them for the key sequences of the window's enabled actions,
so the document's undo (and every other menu shortcut) takes precedence.

Keys no window action uses (Ctrl+C, Ctrl+V, Ctrl+A, arrows) stay the widget's.
An action that is disabled (nothing to undo) lets the widget have the key.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QWidget


def menu_text(text: str) -> str:
    """``text`` shown as is in a menu: "&" would otherwise underline the next letter
    ("Finance & Banking" read "Finance _Banking")."""
    return text.replace("&", "&&")


class _UndoTexts(QObject):
    # A QObject receiver (not a lambda) so the connection ends with the actions.
    def __init__(self, undo: QAction, redo: QAction):
        super().__init__(undo)
        self.undo, self.redo = undo, redo

    def undo_text(self, text: str) -> None:
        if shiboken6.isValid(self.undo):  # the window may be going away
            self.undo.setText(f"&Undo {menu_text(text)}" if text else "&Undo")

    def redo_text(self, text: str) -> None:
        if shiboken6.isValid(self.redo):
            self.redo.setText(f"&Redo {menu_text(text)}" if text else "&Redo")


def follow_undo_texts(stack: QUndoStack, undo: QAction, redo: QAction) -> None:
    """Keep "Undo …" / "Redo …" with the command text escaped for the menu.

    QUndoStack's own actions put the text in raw, so a choice such as "Vertical →
    Finance & Banking" lost its "&". Connected after the stack's own update, so it wins.
    """
    texts = _UndoTexts(undo, redo)
    stack.undoTextChanged.connect(texts.undo_text)
    stack.redoTextChanged.connect(texts.redo_text)


def key_sequence(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


class ApplicationShortcuts(QObject):
    """Filters the override events of whichever widget of ``window`` has focus.

    The filter goes on a widget when it gains focus (tabs are built lazily, so their
    inputs do not exist yet at start-up) rather than on the whole application, which
    would run Python for every paint and mouse move of a slider drag.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)
        focused = QApplication.focusWidget()
        if focused is not None:
            self._focus_changed(None, focused)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self.window:
            new.installEventFilter(self)  # installing twice keeps one filter

    def window_actions(self) -> list[QAction]:
        """Every action reachable from the window: its own, its menus' and submenus'."""
        seen: dict[int, QAction] = {}
        pending = list(self.window.actions())
        menu_bar = getattr(self.window, "menuBar", None)
        if callable(menu_bar):
            pending += menu_bar().actions()
        while pending:
            action = pending.pop()
            if id(action) in seen:
                continue
            seen[id(action)] = action
            if action.menu() is not None:
                pending += action.menu().actions()
        return list(seen.values())

    def claims(self, sequence: QKeySequence) -> bool:
        """Whether an enabled window action is bound to ``sequence``."""
        for action in self.window_actions():
            if action.isEnabled() and any(
                    shortcut.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
                    for shortcut in action.shortcuts()):
                return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QWidget)
                and watched.window() is self.window and isinstance(event, QKeyEvent)
                and event.modifiers() and self.claims(key_sequence(event))):
            event.ignore()  # not overridden: the shortcut map delivers it to the action
            return True
        return False
