"""Two PCs edit the same household or consultation: the second save gets the choice to
reload the other advisor's version or to overwrite it knowingly, named and dated.
Run on a SQLite file and on a PostgreSQL server shared by both app instances."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from siec_desk.domain.consultation_records import ConsultationInput
from siec_desk.domain.household_records import HouseholdInput
from siec_desk.services.app import AppContext, open_app
from siec_desk.ui.consultations.editor import ConsultationEditor
from siec_desk.ui.households.form import HouseholdForm
from siec_desk.ui.kit.context import UiContext
from siec_desk.ui.kit.dialogs import ConflictChoice

pytestmark = [pytest.mark.ui, pytest.mark.both_backends]


@pytest.fixture
def app_ctx(db_path: Path | str) -> Iterator[AppContext]:
    """This window's app, on SQLite or on the PostgreSQL server."""
    ctx = open_app(db_path)
    yield ctx
    ctx.close()


@pytest.fixture
def other_pc(ui: UiContext, db_path: Path | str) -> Iterator[AppContext]:
    """A second instance of the app on the same database, where Bruno works."""
    ctx = open_app(db_path)
    ctx.audit.act_as(ctx.centres.add_advisor("Bruno").id)
    yield ctx
    ctx.close()


def _form(ui: UiContext, qtbot: Any, household_id: int) -> HouseholdForm:
    form = HouseholdForm(ui, household_id, None)
    qtbot.addWidget(form)
    form.show()
    return form


def _household(ui: UiContext) -> int:
    return ui.app.households.create(HouseholdInput(first_name="Ana", last_name="Roux"))


def test_the_second_save_names_who_changed_it_and_reload_shows_their_version(
    ui: UiContext, other_pc: AppContext, dialogs: Any, qtbot: Any
) -> None:
    hid = _household(ui)
    form = _form(ui, qtbot, hid)
    other_pc.households.update(hid, HouseholdInput(first_name="Anna", last_name="Roux"))
    form.fields["commune"].setText("Lyon")
    dialogs.conflict_answers = [ConflictChoice.RELOAD]

    form.save_button.click()

    assert dialogs.kinds() == ["conflict"]
    assert "Bruno" in dialogs.calls[0][1]
    assert form.isVisible()
    assert form.fields["first_name"].text() == "Anna"  # their version, mine dropped
    assert form.fields["commune"].text() == ""
    assert not form.is_modified()
    form.fields["commune"].setText("Lyon")  # saving again now works, over their version
    form.save_button.click()
    saved = other_pc.households.get(hid).summary
    assert (saved.first_name, saved.commune) == ("Anna", "Lyon")


def test_overwrite_saves_mine_over_theirs_and_the_audit_says_so(
    ui: UiContext, other_pc: AppContext, dialogs: Any, qtbot: Any
) -> None:
    hid = _household(ui)
    form = _form(ui, qtbot, hid)
    other_pc.households.update(hid, HouseholdInput(first_name="Anna", last_name="Roux"))
    form.fields["commune"].setText("Lyon")
    dialogs.conflict_answers = [ConflictChoice.OVERWRITE]

    form.save_button.click()

    assert not form.isVisible()
    saved = other_pc.households.get(hid).summary
    assert (saved.first_name, saved.commune) == ("Ana", "Lyon")  # all of mine
    latest = ui.app.audit.events(object_type="household", object_id=hid)[0]
    assert latest.details.get("overwrite") is True


def test_cancel_keeps_my_changes_in_the_window_and_saves_nothing(
    ui: UiContext, other_pc: AppContext, dialogs: Any, qtbot: Any
) -> None:
    hid = _household(ui)
    form = _form(ui, qtbot, hid)
    other_pc.households.update(hid, HouseholdInput(first_name="Anna", last_name="Roux"))
    form.fields["commune"].setText("Lyon")

    form.save_button.click()

    assert dialogs.kinds() == ["conflict"]
    assert form.isVisible() and form.fields["commune"].text() == "Lyon"
    assert other_pc.households.get(hid).summary.commune is None


def test_the_consultation_editor_offers_the_same_choice(
    ui: UiContext, other_pc: AppContext, dialogs: Any, qtbot: Any
) -> None:
    hid = _household(ui)
    when = datetime(2025, 3, 4, 10, 0)
    saved = ui.app.consultations.add(
        ConsultationInput(mode="phone", themes=("heating",), household_id=hid, occurred_at=when)
    )
    editor = ConsultationEditor(ui, saved, None, None)
    qtbot.addWidget(editor)
    editor.show()
    other_pc.consultations.update(
        saved,
        ConsultationInput(mode="email", themes=("heating",), household_id=hid, occurred_at=when),
    )
    editor.commune.setText("Bron")
    dialogs.conflict_answers = [ConflictChoice.RELOAD, ConflictChoice.OVERWRITE]

    editor.save()  # reload: their mode, my commune gone
    assert "Bruno" in dialogs.calls[-1][1]
    assert editor.isVisible() and editor.mode.code() == "email" and editor.commune.text() == ""

    editor.commune.setText("Bron")
    other_pc.consultations.update(
        saved,
        ConsultationInput(mode="video", themes=("heating",), household_id=hid, occurred_at=when),
    )
    editor.save()  # overwrite: mine wins, knowingly
    assert dialogs.kinds() == ["conflict", "conflict"]
    assert not editor.isVisible()
    detail = other_pc.consultations.get(saved)
    assert (detail.summary.mode, detail.summary.commune) == ("email", "Bron")
