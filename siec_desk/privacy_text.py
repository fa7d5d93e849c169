"""What a purge or an erasure did, in one translated sentence (CLI and GUI alike)."""

from __future__ import annotations

from siec_desk.i18n import _, ngettext
from siec_desk.services.retention import ANONYMISE, PurgeResult
from siec_desk.services.rights import EraseResult


def purge_done(result: PurgeResult) -> str:
    n = result.households
    if result.mode == ANONYMISE:
        text = ngettext(
            "{n} household anonymised. Consultations kept for statistics: {k}. "
            "Letters deleted: {l}.",
            "{n} households anonymised. Consultations kept for statistics: {k}. "
            "Letters deleted: {l}.",
            n,
        )
    else:
        text = ngettext(
            "{n} household deleted. Consultations deleted: {k}. Letters deleted: {l}.",
            "{n} households deleted. Consultations deleted: {k}. Letters deleted: {l}.",
            n,
        )
    return text.format(n=n, k=result.consultations, l=result.letters)


def erase_done(result: EraseResult) -> str:
    return _("Household {id} erased. Consultations deleted: {k}. Letters deleted: {l}.").format(
        id=result.household_id, k=result.consultations, l=result.letters
    )
