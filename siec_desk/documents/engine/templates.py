"""The Jinja2 environment of a document's templates (reports, network report): autoescaped,
strict, translated in the document's language, with the bidi filters of the letters."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from siec_desk.core.i18n import translations_for
from siec_desk.core.paths import resource_path
from siec_desk.documents.letters.template import bidi, finalize, ltr


@lru_cache(maxsize=8)
def document_environment(folder: str, language: str) -> Environment:
    """Templates of ``resources/<folder>``, with ``{% trans %}`` in *language*."""
    env = Environment(
        loader=FileSystemLoader(str(resource_path(folder))),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations_for(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(ltr=ltr, bidi=bidi)
    if language == "ar":  # isolates only where the text runs right to left
        env.finalize = finalize
    return env
