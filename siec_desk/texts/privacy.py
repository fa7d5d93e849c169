"""What a purge or an erasure did, in one translated sentence (CLI and GUI alike)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from siec_desk.core.i18n import _, ngettext
from siec_desk.domain.privacy_results import ANONYMISE, EraseResult, PurgeResult


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
    done = text.format(n=n, k=result.consultations, l=result.letters)
    if result.files_left:
        done += " " + files_left_text(result.files_left)
    return done


def erase_done(result: EraseResult) -> str:
    done = _("Household {id} erased. Consultations deleted: {k}. Letters deleted: {l}.").format(
        id=result.household_id, k=result.consultations, l=result.letters
    )
    if result.files_left:
        done += " " + files_left_text(result.files_left)
    return done


def files_left_text(files: Sequence[Path]) -> str:
    """Letter files that could not be deleted, by name (they are retried at each start)."""
    return ngettext(
        "This letter file could not be deleted (is it open in another program?): {files}. "
        "SIEC Desk tries again at each start.",
        "These letter files could not be deleted (are they open in another program?): "
        "{files}. SIEC Desk tries again at each start.",
        len(files),
    ).format(files=", ".join(str(p) for p in files))


def backups_still_hold() -> str:
    """Said at every erasure: what older backups hold, and what a restore does."""
    return _(
        "Backups taken before now still contain this household. If one of them is restored, "
        "SIEC Desk erases the household again at once; delete the old backups you no longer "
        "need, and keep the others as safe as the database itself."
    )
