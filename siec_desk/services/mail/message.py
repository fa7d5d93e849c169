"""The e-mail that carries a letter: subject and body in the letter's language, the
archived PDF attached under its readable name.

Plain text (each Arabic line opens with RLM, the reference and e-mails isolated) and an
HTML alternative with ``dir="rtl"`` for Arabic, so that mail programs lay it out right.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from siec_desk.core.formatting import isolate_ltr_runs, ltr
from siec_desk.core.i18n import _, language_override

RLM = "\u200f"


@dataclass(frozen=True)
class MailText:
    """Subject and body (paragraphs) of an e-mail, already in its language."""

    language: str
    subject: str
    paragraphs: tuple[str, ...]

    @property
    def direction(self) -> str:
        return "rtl" if self.language == "ar" else "ltr"

    def plain(self) -> str:
        lead = RLM if self.direction == "rtl" else ""
        lines = [lead + line for p in self.paragraphs for line in p.splitlines()]
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        body = "".join(
            "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
            for p in self.paragraphs
        )
        return (
            f'<!DOCTYPE html><html lang="{self.language}" dir="{self.direction}">'
            f'<head><meta charset="utf-8"></head><body dir="{self.direction}">{body}</body></html>'
        )


def letter_mail_text(language: str, centre: str, reference: str, kind: str) -> MailText:
    """The e-mail of a letter (or an attestation) of *centre*, in *language*."""
    with language_override(language):
        rtl = language == "ar"
        ref = ltr(reference) if rtl else reference
        if kind == "attestation":
            subject = _("Your attestation {reference} — {centre}")
            what = _(
                "Please find attached the attestation {reference} of your France Rénov' "
                "appointment at {centre}."
            )
        else:
            subject = _("Your advice letter {reference} — {centre}")
            what = _(
                "Please find attached the letter {reference} with the advice we gave you "
                "at {centre}."
            )
        paragraphs = (
            _("Hello,"),
            (isolate_ltr_runs if rtl else str)(what.format(reference=ref, centre=centre)),
            _("Please keep this reference if you contact us about it."),
            _("Kind regards,") + "\n" + centre,
        )
        return MailText(language, subject.format(reference=reference, centre=centre), paragraphs)


def smtp_test_text(language: str, centre: str) -> MailText:
    """A short message that shows the settings work."""
    with language_override(language):
        return MailText(
            language,
            _("SIEC Desk: test message from {centre}").format(centre=centre),
            (
                _("This message was sent by SIEC Desk to check the mail server settings."),
                _("If you received it, letters can be sent by e-mail."),
            ),
        )


def build_message(
    text: MailText,
    sender: str,
    recipient: str,
    attachment: tuple[str, bytes] | None = None,
) -> EmailMessage:
    """The MIME message: plain text + HTML alternative, and the PDF attached."""
    message = EmailMessage()
    message["Subject"] = text.subject
    message["From"] = sender
    message["To"] = recipient
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(text.plain())
    message.add_alternative(text.html(), subtype="html")
    if attachment is not None:
        name, pdf = attachment
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    message["Content-Language"] = text.language  # after the parts: set_content drops it
    return message
