"""The letter dialog, the letters on a household's timeline and the letter settings.

One real rendering worker serves the whole module (starting one costs a second or two);
tests about ordering and failures use a fake pool whose futures they complete by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, Qt
from PySide6.QtGui import (
    QAccessible,
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from siec_desk.core import i18n
from siec_desk.documents.letters.content import LetterContent
from siec_desk.documents.letters.pool import RenderPool
from siec_desk.documents.letters.render import RenderedLetter
from siec_desk.domain.consultation_records import ConsultationInput, MeasureChoice
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.consultations.page import ConsultationsPage
from siec_desk.ui.households.detail import LETTER_ROLE, HouseholdDetailPane
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.letter_renderer import LetterRenderer
from siec_desk.ui.letters.dialog import LetterDialog, open_letter
from siec_desk.ui.letters.settings import LetterSettingsDialog
from siec_desk.ui.letters.start import default_texts, letter_start

pytestmark = pytest.mark.ui

RENDER_TIMEOUT_MS = 60_000


# -- fixtures and helpers ----------------------------------------------------------------
@pytest.fixture(scope="module")
def render_pool() -> Iterator[RenderPool]:
    pool = RenderPool(1)
    yield pool
    pool.close()


class FakePool:
    """Futures the test completes (``auto``: at once, with a small real PDF)."""

    def __init__(self, auto: bool = True, error: Exception | None = None) -> None:
        self.auto = auto
        self.error = error
        self.jobs: list[tuple[LetterContent, str, Future[RenderedLetter]]] = []

    def submit(self, content: LetterContent, variant: str) -> Future[RenderedLetter]:
        future: Future[RenderedLetter] = Future()
        future.set_running_or_notify_cancel()  # started: too late to cancel
        self.jobs.append((content, variant, future))
        if self.error is not None:
            future.set_exception(self.error)
        elif self.auto:
            future.set_result(RenderedLetter(make_pdf(1), 1))
        return future

    def close(self, wait: bool = True) -> None:
        return None


def make_pdf(pages: int) -> bytes:
    """A small real PDF of *pages* A4 pages (QPdfWriter, no worker)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF()
        )
    )
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(100, 100, f"page {page + 1}")
    painter.end()
    buffer.close()
    return bytes(data.data())


@pytest.fixture
def real(ui: UiContext, render_pool: RenderPool) -> Iterator[UiContext]:
    """The UI context rendering through the module's real worker."""
    ui.renderer = LetterRenderer(render_pool)
    yield ui
    ui.shutdown()


@pytest.fixture
def fake(ui: UiContext) -> Iterator[tuple[UiContext, FakePool]]:
    pool = FakePool()
    ui.renderer = LetterRenderer(pool)
    yield ui, pool
    ui.shutdown()


def add_household(ui: UiContext, language: str = "fr") -> int:
    return ui.app.households.create(
        HouseholdInput(
            first_name="Éloïse",
            last_name="Martin",
            commune="Villeurbanne",
            postal_code="69100",
            letter_language=language,
        )
    )


def add_consultation(ui: UiContext, household_id: int | None, mode: str = "home_visit") -> int:
    return ui.app.consultations.add(
        ConsultationInput(
            mode=mode,
            themes=("insulation",),
            household_id=household_id,
            measures=(MeasureChoice("led_lighting"),) if household_id else (),
        )
    )


def letter_dialogs() -> list[LetterDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, LetterDialog)]


def open_dialog(qtbot: Any, ui: UiContext, consultation_id: int) -> LetterDialog:
    before = set(map(id, letter_dialogs()))
    open_letter(ui, consultation_id, None)
    opened = [d for d in letter_dialogs() if id(d) not in before]
    assert len(opened) == 1
    qtbot.addWidget(opened[0])
    return opened[0]


def wait_preview(qtbot: Any, dialog: LetterDialog | LetterSettingsDialog) -> None:
    qtbot.waitUntil(
        lambda: not dialog.preview.busy and dialog.preview.document.pageCount() > 0,
        timeout=RENDER_TIMEOUT_MS,
    )


def widget(parent: QWidget, identifier: str) -> QWidget:
    found = parent.findChild(QWidget, identifier)
    assert found is not None, identifier
    return found


# -- the letter dialog -------------------------------------------------------------------
def test_the_letter_dialog_previews_the_letter_of_a_home_visit(qtbot: Any, real: UiContext) -> None:
    household = add_household(real)
    consultation = add_consultation(real, household)
    dialog = open_dialog(qtbot, real, consultation)
    assert dialog.language.code() == "fr"
    opening, closing = default_texts("fr")
    assert dialog.opening.toPlainText() == opening
    assert dialog.closing.toPlainText() == closing
    assert dialog.findings.isVisibleTo(dialog)  # a home visit
    assert dialog.preview.busy and dialog.preview.progress.isVisibleTo(dialog)
    wait_preview(qtbot, dialog)
    assert not dialog.preview.progress.isVisibleTo(dialog)
    assert dialog.preview.current is not None
    assert dialog.preview.current.rendered.pdf.startswith(b"%PDF")
    assert dialog.preview.current.key == dialog.request()
    for identifier in (
        "letter.language",
        "letter.pdfa",
        "letter.opening",
        "letter.findings",
        "letter.closing",
        "letter.preview",
        "letter.update_preview",
        "letter.save",
        "letter.print",
        "letter.open_folder",
        "letter.close",
    ):
        field = widget(dialog, identifier)
        accessible = QAccessible.queryAccessibleInterface(field)
        assert accessible.text(QAccessible.Text.Name).strip(), identifier
        assert field.accessibleIdentifier() == identifier


def test_saving_records_the_letter_and_the_timeline_lists_it(
    qtbot: Any, real: UiContext, dialogs: Any
) -> None:
    household = add_household(real)
    consultation = add_consultation(real, household)
    pane = HouseholdDetailPane(real)
    qtbot.addWidget(pane)
    pane.load(household)
    assert pane.timeline.count() == 1  # the consultation
    dialog = open_dialog(qtbot, real, consultation)
    dialog.findings.setPlainText("Combles non isolés, simple vitrage au nord.")
    with qtbot.waitSignal(real.events.letters_changed, timeout=RENDER_TIMEOUT_MS) as saved:
        dialog.save_button.click()
    assert saved.args == [household]
    record = dialog.saved
    assert record is not None and record.path.is_file()
    assert real.app.letters.is_intact(record)
    assert record.texts.findings == "Combles non isolés, simple vitrage au nord."
    assert record.texts.opening is None  # the default text is not stored as a choice
    assert str(record.path) in dialog.saved_label.text()
    assert not dialog.save_button.isEnabled()  # saved as it is: no second copy
    # The household's timeline now shows the letter among the consultations.
    letters = [
        pane.timeline.item(i).data(LETTER_ROLE)
        for i in range(pane.timeline.count())
        if pane.timeline.item(i).data(LETTER_ROLE) is not None
    ]
    assert [r.id for r in letters] == [record.id]
    row = next(i for i in range(pane.timeline.count()) if pane.timeline.item(i).data(LETTER_ROLE))
    assert record.reference in pane.timeline.item(row).text()
    # "Open folder" and "Open letter" go through the replaceable hook.
    dialog.folder_button.click()
    assert dialogs.opened[-1] == record.path.parent
    pane.timeline.setCurrentRow(row)
    assert pane.letter_actions.open_button.isEnabled()
    pane.letter_actions.open_button.click()
    assert dialogs.opened[-1] == record.path
    # An altered file is not shown as the letter: the advisor may generate it again.
    record.path.write_bytes(b"%PDF-1.7 altered")
    dialogs.confirm_answers.append(True)
    before = set(map(id, letter_dialogs()))
    pane.letter_actions.open_button.click()
    assert "missing or has been altered" in dialogs.calls[-1][1]
    again = [d for d in letter_dialogs() if id(d) not in before]
    assert len(again) == 1
    qtbot.addWidget(again[0])
    assert again[0].findings.toPlainText() == "Combles non isolés, simple vitrage au nord."
    assert again[0].language.code() == "fr"
    dialog.close()
    again[0].close()


def test_a_consultation_without_household_shows_the_message_and_no_dialog(
    qtbot: Any, fake: tuple[UiContext, FakePool], dialogs: Any
) -> None:
    ui, pool = fake
    consultation = add_consultation(ui, None, mode="phone")
    before = len(letter_dialogs())
    open_letter(ui, consultation, None)
    assert len(letter_dialogs()) == before
    assert dialogs.kinds() == ["error"]
    assert "no household" in dialogs.calls[0][1]
    assert pool.jobs == []
    # From the editor, Ctrl+L says the same.
    editor = ConsultationEditor(ui, consultation, None, None)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.letter_button.isVisible()
    editor.letter_shortcut.activated.emit()
    assert dialogs.kinds() == ["error", "error"]
    assert editor.findChild(LetterDialog) is None


def test_the_editor_and_the_list_open_the_letter(
    qtbot: Any, fake: tuple[UiContext, FakePool], dialogs: Any
) -> None:
    ui, _pool = fake
    household = add_household(ui)
    consultation = add_consultation(ui, household, mode="walk_in")
    new = ConsultationEditor(ui, None, household, None)
    qtbot.addWidget(new)
    assert not new.letter_button.isVisibleTo(new)  # nothing saved yet: no letter
    editor = ConsultationEditor(ui, consultation, None, None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.mouseClick(editor.letter_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(LetterDialog)
    assert dialog is not None
    assert not dialog.findings.isVisibleTo(dialog)  # not a home visit
    wait_preview(qtbot, dialog)
    dialog.close()
    page = ConsultationsPage(ui)
    qtbot.addWidget(page)
    page.refresh()
    page.letter_button.click()
    assert dialogs.calls[-1] == ("info", "Choose a consultation in the list first.")
    page.table.select_row(0)
    page.letter_button.click()
    assert page.findChild(LetterDialog) is not None


def test_switching_language_refreshes_only_untouched_texts(
    qtbot: Any, fake: tuple[UiContext, FakePool]
) -> None:
    ui, pool = fake
    consultation = add_consultation(ui, add_household(ui))
    dialog = LetterDialog(ui, letter_start(ui, consultation, None))
    qtbot.addWidget(dialog)
    dialog.closing.setPlainText("Bien à vous,")
    dialog.language.set_code("ar")
    opening_ar, _closing_ar = default_texts("ar")
    assert dialog.opening.toPlainText() == opening_ar
    assert dialog.closing.toPlainText() == "Bien à vous,"
    assert dialog.opening.layoutDirection() == Qt.LayoutDirection.RightToLeft
    request = dialog.request()
    assert request.language == "ar" and request.texts.opening is None
    assert request.texts.closing == "Bien à vous,"
    dialog.pdfa.setChecked(True)
    qtbot.waitUntil(lambda: dialog.preview.current is not None and not dialog.preview.busy)
    assert pool.jobs[-1][0].language == "ar"
    assert pool.jobs[-1][1] == "pdfa"


def test_a_newer_preview_wins_over_an_older_one(qtbot: Any, ui: UiContext) -> None:
    pool = FakePool(auto=False)
    ui.renderer = LetterRenderer(pool)
    consultation = add_consultation(ui, add_household(ui))
    dialog = LetterDialog(ui, letter_start(ui, consultation, None))
    qtbot.addWidget(dialog)
    dialog.opening.setPlainText("Première version")
    dialog.update_preview()
    assert len(pool.jobs) == 2
    first, second = pool.jobs[0][2], pool.jobs[1][2]
    second.set_result(RenderedLetter(make_pdf(2), 2))
    qtbot.waitUntil(lambda: dialog.preview.document.pageCount() == 2)
    first.set_result(RenderedLetter(make_pdf(1), 1))  # late: must be ignored
    # Its outcome reaches the dialog as a queued call on this (the GUI) thread: deliver
    # every posted event now, so the checks below run after it was handled (no fixed wait).
    QCoreApplication.sendPostedEvents()
    assert dialog.preview.document.pageCount() == 2
    assert dialog.preview.current is not None
    assert dialog.preview.current.key.texts.opening == "Première version"
    ui.shutdown()


def test_a_broken_worker_gives_a_clear_message_and_saves_nothing(
    qtbot: Any, ui: UiContext, dialogs: Any
) -> None:
    ui.renderer = LetterRenderer(FakePool(error=BrokenProcessPool("worker died")))
    household = add_household(ui)
    consultation = add_consultation(ui, household)
    dialog = LetterDialog(ui, letter_start(ui, consultation, None))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: bool(dialog.preview.error))
    assert "stopped unexpectedly" in dialog.preview.status.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "error" in dialogs.kinds())
    assert "stopped unexpectedly" in dialogs.calls[-1][1]
    assert ui.app.letters.for_household(household) == []
    assert dialog.save_button.isEnabled()  # may try again
    archive = ui.app.letters.archive_dir
    assert not archive.exists() or not any(archive.rglob("*.pdf"))
    ui.shutdown()


def test_print_goes_through_the_print_dialog(
    qtbot: Any, fake: tuple[UiContext, FakePool], dialogs: Any, tmp_path: Path
) -> None:
    ui, pool = fake
    pool.auto = False
    consultation = add_consultation(ui, add_household(ui))
    dialog = LetterDialog(ui, letter_start(ui, consultation, None))
    qtbot.addWidget(dialog)
    pool.jobs[0][2].set_result(RenderedLetter(make_pdf(2), 2))
    qtbot.waitUntil(lambda: dialog.preview.document.pageCount() == 2)
    dialog.print_button.click()  # cancelled in the print dialog: nothing printed
    assert dialogs.kinds() == ["print"]
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    dialogs.printer_answers.append(printer)
    dialog.print_button.click()
    assert dialogs.kinds() == ["print", "print"]
    printed = QPdfDocument()
    printed.load(str(out))
    assert printed.pageCount() == 2
    # The page is painted on white paper, with the letter's ink on it.
    image = printed.render(0, printed.pagePointSize(0).toSize())
    corner = QColor(image.pixel(5, 5))
    assert min(corner.red(), corner.green(), corner.blue()) >= 250


# -- letter settings -----------------------------------------------------------------------
def png(path: Path) -> Path:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    assert image.save(str(path), "PNG")
    return path


def open_settings(qtbot: Any, ui: UiContext) -> LetterSettingsDialog:
    dialog = LetterSettingsDialog(ui)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_settings_refuse_a_bad_email_under_its_field_and_save_nothing(
    qtbot: Any, fake: tuple[UiContext, FakePool]
) -> None:
    ui, _pool = fake
    before = ui.app.branding.get()
    dialog = open_settings(qtbot, ui)
    email = dialog.fields["email"]
    assert isinstance(email, QLineEdit)
    email.setText("not an address")
    dialog.fields["website"].setText("https://example.org")  # type: ignore[union-attr]
    dialog.save_button.click()
    error = widget(dialog, "settings.email.error")
    assert error.isVisible() and error.text()  # type: ignore[attr-defined]
    assert email.accessibleDescription() == error.text()  # type: ignore[attr-defined]
    assert QApplication.focusWidget() is email or not dialog.isActiveWindow()
    assert "Nothing was saved" in dialog.status.text()
    assert ui.app.branding.get() == before
    # Editing the field clears its message.
    email.setFocus()
    qtbot.keyClick(email, Qt.Key.Key_Backspace)
    assert not error.isVisible()


def test_settings_save_every_field_and_the_images(
    qtbot: Any, fake: tuple[UiContext, FakePool], dialogs: Any, tmp_path: Path
) -> None:
    ui, pool = fake
    consultation = add_consultation(ui, add_household(ui))
    dialog = open_settings(qtbot, ui)
    wait_preview(qtbot, dialog)  # a sample letter: the latest consultation with a household
    assert dialog._sample == consultation
    values = {
        "name": "Espace Conseil Énergie de Lyon",
        "name_ar": "فضاء الاستشارة في الطاقة بليون",  # Arabic letters' name of the centre
        "address": "12 rue de la République\nBâtiment B",
        "postal_code": "69002",
        "commune": "Lyon",
        "phone": "04 72 00 00 00",
        "email": "contact@example.org",
        "website": "https://example.org",
        "opening_hours": "Lundi–vendredi 9 h–17 h",
        "network_banner": "Réseau France Rénov'",
        "network_code": "LYON-01",
        "letter_footer": "Service public gratuit",
        "legal_mentions": "Association loi 1901",
        "privacy_contact": "dpo@example.org",
    }
    for name, value in values.items():
        field = dialog.fields[name]
        field.setPlainText(value) if hasattr(field, "setPlainText") else field.setText(value)
    dialogs.file_answers.append(str(png(tmp_path / "logo.png")))
    widget(dialog, "settings.logo").click()  # type: ignore[attr-defined]
    assert dialog.images["logo"].thumbnail.pixmap() is not None
    assert not dialog.images["logo"].thumbnail.pixmap().isNull()
    # The preview follows the unsaved form.
    dialog.update_preview()
    qtbot.waitUntil(lambda: pool.jobs[-1][0].letterhead.name == values["name"])
    assert pool.jobs[-1][0].letterhead.logo is not None
    dialog.save_button.click()
    assert "saved" in dialog.status.text()
    stored = ui.app.branding.get(display=False)
    for name, value in values.items():
        if name != "phone":
            assert getattr(stored, name) == value, name
    assert stored.phone and stored.phone.startswith("+33")
    assert stored.logo is not None and stored.logo.mime == "image/png"
    assert not dialog.is_modified()
    # Removing the logo is saved too.
    widget(dialog, "settings.logo.remove").click()  # type: ignore[attr-defined]
    dialog.save_button.click()
    assert ui.app.branding.get().logo is None


def test_settings_refuse_a_file_that_is_not_an_image(
    qtbot: Any, fake: tuple[UiContext, FakePool], dialogs: Any, tmp_path: Path
) -> None:
    ui, _pool = fake
    dialog = open_settings(qtbot, ui)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    dialogs.file_answers.append(str(text))
    widget(dialog, "settings.signature").click()  # type: ignore[attr-defined]
    error = widget(dialog, "settings.signature.error")
    assert error.isVisible() and "PNG or JPEG" in error.text()  # type: ignore[attr-defined]
    assert dialog.images["signature"].change() is None
    assert "without" not in dialog.preview.status.text()  # no sample: a message instead
    assert dialog.preview.status.text()


def test_arabic_letter_dialog_and_settings_are_mirrored(
    qtbot: Any, fake: tuple[UiContext, FakePool], arabic: None
) -> None:
    ui, _pool = fake
    consultation = add_consultation(ui, add_household(ui, "ar"))
    dialog = LetterDialog(ui, letter_start(ui, consultation, None))
    qtbot.addWidget(dialog)
    assert QGuiApplication.isRightToLeft() and dialog.isRightToLeft()
    assert dialog.language.code() == "ar"
    with i18n.language_override("ar"):
        assert dialog.opening.toPlainText() == default_texts("ar")[0]
    settings = open_settings(qtbot, ui)
    for name in ("phone", "email", "website", "network_code"):
        assert settings.fields[name].layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert settings.fields["commune"].isRightToLeft()
