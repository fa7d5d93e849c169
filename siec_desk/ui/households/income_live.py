"""The French household form's MaPrimeRénov' colour, shown live as the advisor types, and
the Île-de-France zone deduced from the postcode.

The zone is the renovated dwelling's (``domain.income.income_zone``): with a French
postcode it is deduced and the "Lives in Île-de-France" box shows it, greyed; without a
postcode, or for a landlord (whose own residence decides, and is not recorded), the box
is the advisor's to tick. The colour is computed by the same rule as the service's, from
the income scale in force (reference data in memory: no database)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from siec_desk.core.i18n import _
from siec_desk.domain.income import income_zone
from siec_desk.texts.labels import INCOME_CATEGORIES, label
from siec_desk.ui.widgets.form_fields import on_change, read_field

#: The colour of (household size, reference income, in Île-de-France).
Colour = Callable[[int | None, int | None, bool], str]

_FOLLOWED = ("postal_code", "tenure", "household_size", "reference_income", "ile_de_france")


def follow_income(
    fields: Mapping[str, QWidget], note: QLabel | None, colour: Colour
) -> Callable[[], None]:
    """Keep *note* (France only; None elsewhere) and the Île-de-France box in step with
    the form; returns the update, to call once the form is filled."""
    if note is None:
        return lambda: None
    box = fields["ile_de_france"]
    assert isinstance(box, QCheckBox)
    ticked = [box.isChecked()]  # what the advisor ticked, kept while the postcode decides

    def update(*_args: object) -> None:
        postal, tenure = read_field(fields["postal_code"]), read_field(fields["tenure"])
        zone, deduced = income_zone(postal, tenure, ticked[0])
        box.blockSignals(True)
        box.setChecked(zone)
        box.blockSignals(False)
        box.setEnabled(not deduced)
        box.setToolTip(
            _("Deduced from the postcode of the dwelling.")
            if deduced
            else _("Without a postcode, or for a landlord: tick it if the owner lives there.")
        )
        size = read_field(fields["household_size"])
        income = read_field(fields["reference_income"])
        found = label(INCOME_CATEGORIES, colour(size, income, zone))
        where = _("Île-de-France") if zone else _("outside Île-de-France")
        note.setText(
            _("MaPrimeRénov' colour, computed: {colour}").format(colour=found) + f" · {where}"
        )

    def ticked_now(checked: bool) -> None:
        ticked[0] = checked
        update()

    box.toggled.connect(ticked_now)
    for name in _FOLLOWED[:-1]:
        widget = fields[name]
        on_change(widget, update)
        if isinstance(widget, QLineEdit):  # typed, or filled when a household is shown
            widget.textChanged.connect(update)
    update()
    return update
