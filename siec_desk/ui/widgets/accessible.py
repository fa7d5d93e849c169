"""Accessible names and stable identifiers, set in one call.

``identifier`` is what tests and assistive tools rely on (``households.search``); it
never changes with the language. ``name`` is what a screen reader says; leave it out for
a field that has a buddy label (Qt then uses the label's text).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def tag(widget: QWidget, identifier: str, name: str | None = None) -> QWidget:
    widget.setObjectName(identifier)
    widget.setAccessibleIdentifier(identifier)
    if name is not None:
        widget.setAccessibleName(name)
    return widget


def labelled(text: str, field: QWidget, identifier: str) -> QLabel:
    """A label tied to *field* (Alt+letter focuses it; screen readers announce it)."""
    label = QLabel(text)
    label.setBuddy(field)
    tag(field, identifier)
    field.setAccessibleName(text.replace("&", ""))
    return label
