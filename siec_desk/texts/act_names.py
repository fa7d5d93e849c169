"""The centre's own act types in words: the one table the act labels fall back on.

The services install the centre's act types (:func:`install`) when a database is opened
and after each change; :data:`siec_desk.texts.labels.ACT_LEVELS` then answers an own code
(``x_…``) with its wording in the language being shown (the UI's, or a document's under
``language_override``), falling back French, English, Arabic, then the code. A process
holds one centre database at a time (GUI, CLI command), hence one table.
"""

from __future__ import annotations

from siec_desk.core.i18n import LazyText, current_language, ngettext
from siec_desk.domain.act_types import CentreActs

_installed: list[CentreActs] = [CentreActs()]


def install(acts: CentreActs) -> None:
    """Make *acts* the centre's act types for every label shown from now on."""
    _installed[0] = acts


def installed() -> CentreActs:
    return _installed[0]


class OwnActText(LazyText):
    """An own act type's wording, chosen in the language current when it is shown."""

    __slots__ = ()

    def __str__(self) -> str:
        own = _installed[0].own.get(self.message)
        return own.label_in(current_language()) if own is not None else self.message

    def __repr__(self) -> str:
        return f"OwnActText({self.message!r})"


def own_act_text(code: str) -> OwnActText | None:
    """The wording of the centre's own type *code*, or None if it has none such."""
    return OwnActText(code) if code in _installed[0].own else None


def left_out_text(n: int) -> str:
    """The network export's local note: consultations of own act types it leaves out."""
    return ngettext(
        "{n} consultation of the centre's own act types counting as no shared act is "
        "left out of the network export.",
        "{n} consultations of the centre's own act types counting as no shared act are "
        "left out of the network export.",
        n,
    ).format(n=n)
