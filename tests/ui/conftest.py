"""UI fixtures: a UiContext with synchronous DB work and scripted dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from testkit.databases import SqliteTemplate

from siec_desk.core import i18n
from siec_desk.services.app import AppContext, open_app
from siec_desk.ui.kit.context import UiContext, error_text
from siec_desk.ui.kit.dialogs import ConflictChoice, Unsaved
from siec_desk.ui.kit.events import DataEvents
from siec_desk.ui.kit.runner import ImmediateRunner
from siec_desk.ui.kit.ui_settings import UiSettings


class FakeDialogs:
    """Records every question; answers from the prepared lists (defaults otherwise)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.confirm_answers: list[bool] = []
        self.unsaved_answers: list[Unsaved] = []
        self.conflict_answers: list[ConflictChoice] = []
        self.file_answers: list[str | None] = []
        self.files_answers: list[list[str]] = []  # open_files: the files chosen
        self.printer_answers: list[Any] = []  # a QPrinter, or None for "Cancel"
        self.opened: list[Path] = []

    def info(self, title: str, text: str) -> None:
        self.calls.append(("info", text))

    def error(self, title: str, text: str) -> None:
        self.calls.append(("error", text))

    def confirm(self, title: str, text: str, action: str) -> bool:
        self.calls.append(("confirm", text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def ask_unsaved(self, what: str) -> Unsaved:
        self.calls.append(("unsaved", what))
        return self.unsaved_answers.pop(0) if self.unsaved_answers else Unsaved.CANCEL

    def resolve_conflict(self, title: str, text: str) -> ConflictChoice:
        self.calls.append(("conflict", text))
        return self.conflict_answers.pop(0) if self.conflict_answers else ConflictChoice.CANCEL

    def save_file(self, title: str, suggested: str, filters: str) -> str | None:
        self.calls.append(("save_file", suggested))
        return self.file_answers.pop(0) if self.file_answers else None

    def open_file(self, title: str, filters: str) -> str | None:
        self.calls.append(("open_file", title))
        return self.file_answers.pop(0) if self.file_answers else None

    def open_files(self, title: str, filters: str) -> list[str]:
        self.calls.append(("open_files", title))
        return self.files_answers.pop(0) if self.files_answers else []

    def choose_folder(self, title: str, start: str) -> str | None:
        self.calls.append(("choose_folder", start))
        return self.file_answers.pop(0) if self.file_answers else None

    def choose_printer(self, title: str) -> Any:
        self.calls.append(("print", title))
        return self.printer_answers.pop(0) if self.printer_answers else None

    def open_path(self, path: Path) -> bool:
        self.calls.append(("open_path", str(path)))
        self.opened.append(path)
        return True

    def kinds(self) -> list[str]:
        return [kind for kind, _text in self.calls]


@pytest.fixture
def app_ctx(tmp_path: Path, sqlite_template: SqliteTemplate) -> Iterator[AppContext]:
    ctx = open_app(sqlite_template.copy_to(tmp_path / "ui.sqlite3"))  # fresh, migrated
    yield ctx
    ctx.close()


@pytest.fixture
def dialogs() -> FakeDialogs:
    return FakeDialogs()


@pytest.fixture
def ui(app_ctx: AppContext, dialogs: FakeDialogs, qapp: Any, tmp_path: Path) -> UiContext:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    context = UiContext(
        app=app_ctx,
        runner=ImmediateRunner(lambda exc: dialogs.error("", error_text(exc))),
        dialogs=dialogs,  # type: ignore[arg-type]
        events=DataEvents(),
        settings=UiSettings(settings),
    )
    advisors = app_ctx.centres.advisors()
    context.advisor_id = advisors[0].id if advisors else app_ctx.centres.add_advisor("Test").id
    return context


@pytest.fixture
def arabic(qapp: Any) -> Iterator[None]:
    """Arabic messages and a right-to-left application for the duration of a test."""
    from PySide6.QtCore import Qt

    from siec_desk.ui.app.launch import install_language

    i18n.set_language("ar")
    translators = install_language(qapp, "ar")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    i18n.set_language("en")
