"""A logo or signature chooser: a thumbnail, "Choose…" (file dialog service) and "Remove".

``change()`` is what the branding service expects: None keeps the stored image, b""
removes it, bytes replace it. A file that is not PNG or JPEG is refused at once; the size
limit is checked by the service on saving (only its first bytes past the limit are read).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from siec_desk.core.i18n import _
from siec_desk.services.branding import IMAGE_MAX_BYTES, image_mime
from siec_desk.ui.kit.dialogs import Dialogs
from siec_desk.ui.widgets.accessible import tag

THUMBNAIL = (180, 72)


class ImagePicker(QWidget):
    changed = Signal()
    refused = Signal(str)  # a message for the field's error line

    def __init__(self, dialogs: Dialogs, identifier: str, title: str) -> None:
        super().__init__()
        self._dialogs = dialogs
        self._title = title
        self._stored: bytes | None = None
        self._change: bytes | None = None
        self.thumbnail = QLabel()
        tag(self.thumbnail, f"{identifier}.thumbnail", title)
        self.thumbnail.setFixedSize(*THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # White like the paper the image is printed on, in a dark theme too.
        self.thumbnail.setStyleSheet("background: white; color: #555; border: 1px solid #bbb;")
        self.choose_button = QPushButton(_("Choose…"))
        tag(self.choose_button, identifier, _("{image}: choose a file").format(image=title))
        self.remove_button = QPushButton(_("Remove"))
        tag(self.remove_button, f"{identifier}.remove", _("{image}: remove").format(image=title))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._show()

    # -- state -----------------------------------------------------------------------
    def set_stored(self, data: bytes | None) -> None:
        """The image saved now (no pending change)."""
        self._stored = data
        self._change = None
        self._show()

    def change(self) -> bytes | None:
        return self._change

    def current(self) -> bytes | None:
        """The image the letter would show if saved now."""
        if self._change is None:
            return self._stored
        return self._change or None

    # -- actions ---------------------------------------------------------------------
    def choose(self) -> None:
        path = self._dialogs.open_file(self._title, _("Images (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            with open(path, "rb") as handle:
                data = handle.read(IMAGE_MAX_BYTES + 1)  # enough for the service to refuse
        except OSError as exc:
            self.refused.emit(_("The file could not be read ({error}).").format(error=exc))
            return
        if image_mime(data) is None:
            self.refused.emit(_("Choose a PNG or JPEG image."))
            return
        self._change = data
        self._show()
        self.changed.emit()

    def remove(self) -> None:
        self._change = b"" if self._stored else None
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        data = self.current()
        self.remove_button.setEnabled(data is not None)
        if data is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("No image"))
            return
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("Cannot show this image"))
            return
        width, height = THUMBNAIL
        self.thumbnail.setPixmap(
            pixmap.scaled(
                width - 8,
                height - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
