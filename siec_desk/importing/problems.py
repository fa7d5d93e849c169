"""Errors of an import the user can act on, and one bad value of one row."""

from __future__ import annotations

from siec_desk.core.errors import SiecError


class ImportFileError(SiecError):
    """The file cannot be read as a table (format, encoding, damaged workbook)."""


class MappingFileError(SiecError):
    """A mapping file is not valid JSON of the expected shape."""


class ImportMappingError(SiecError):
    """The column mapping leaves nothing to import."""


class ImportCancelledError(SiecError):
    """The user cancelled; the transaction was rolled back, nothing was written."""


class CellValueError(ValueError):
    """One cell cannot be read; ``str()`` is the translated reason."""
