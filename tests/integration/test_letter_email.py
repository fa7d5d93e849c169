"""Letters leave the office (issue 20, point 3): Save as… copies the archived PDF under a
readable name; Send by e-mail… and ``letter ID --email`` send it through the centre's mail
server, read back here from a local SMTP server on 127.0.0.1 (aiosmtpd); failures say
which in one line and record nothing; the password lives in the keyring only."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.cli import Cli
from testkit.contexts import make_ctx
from testkit.databases import query
from testkit.fake_keyring import MemoryKeyring, memory_keyring, no_keyring
from testkit.letters import ARABIC, LATIN, brand, consultation
from testkit.smtp_server import PASSWORD, USER, LocalSmtp, free_port, smtp_server

from siec_desk.core.errors import SiecError
from siec_desk.core.i18n import _, language_override, pgettext
from siec_desk.documents.engine.pdf import RenderedPdf
from siec_desk.services.app import AppContext
from siec_desk.services.centre_settings import CentreChanges
from siec_desk.services.letter_types import LetterRecord, LetterRequest
from siec_desk.services.mail.smtp import MailError

pytestmark = pytest.mark.both_backends

SENDER = "accueil@centre.test"


@pytest.fixture
def centre(db_path: Path | str) -> Iterator[AppContext]:
    context = make_ctx(db_path, "MA")
    brand(context)
    yield context
    context.close()


@pytest.fixture
def keyring_memory() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def archived(ctx: AppContext, household: object = LATIN) -> LetterRecord:
    """A letter archived as the dialog saves it (fixed PDF bytes: rendering is tested
    elsewhere; here the bytes only have to travel unchanged)."""
    request = LetterRequest(consultation(ctx, household))  # type: ignore[arg-type]
    content = ctx.letters.compose(request)
    pdf = b"%PDF-1.7\n" + hashlib.sha256(content.reference.encode()).digest() * 40
    return ctx.letters.record(request, content, RenderedPdf(pdf, 1))


def use_server(ctx: AppContext, server: LocalSmtp, user: str = "") -> None:
    ctx.centre_settings.apply(
        CentreChanges(
            smtp={
                "smtp_host": server.host,
                "smtp_port": str(server.port),
                "smtp_security": server.security,
                "smtp_user": user,
                "smtp_sender": SENDER,
            }
        )
    )
    ctx.mail.tls_context = server.trust


def sendings(db_path: Path | str) -> int:
    return int(query(db_path, "SELECT count(*) FROM letter_sendings")[0][0])


# -- Save as… ---------------------------------------------------------------------------
def test_save_as_copies_the_archived_bytes_under_a_readable_name(
    centre: AppContext, tmp_path: Path
) -> None:
    record = archived(centre)
    name = centre.letters.copy_name(record.id)
    assert name.endswith(f"-{record.reference}-Légaré.pdf")
    assert not set(name) & set('<>:"/\\|?*')
    out = centre.letters.save_copy(record.id, tmp_path / "chosen")
    assert out == tmp_path / "chosen.pdf"
    assert out.read_bytes() == record.path.read_bytes()


def test_save_as_names_an_arabic_letter_in_arabic_script(centre: AppContext) -> None:
    record = archived(centre, ARABIC)
    with language_override("ar"):
        word = pgettext("file name", "Letter")  # رسالة once the catalogue has it
    assert centre.letters.copy_name(record.id) == f"{word}-{record.reference}-العمراني.pdf"


def test_save_as_refuses_an_altered_archive(centre: AppContext, tmp_path: Path) -> None:
    record = archived(centre)
    record.path.write_bytes(b"%PDF-1.7 altered")
    with pytest.raises(SiecError, match=record.reference):
        centre.letters.save_copy(record.id, tmp_path / "copy.pdf")
    assert not (tmp_path / "copy.pdf").exists()


# -- sending ----------------------------------------------------------------------------
def test_letter_sent_with_starttls_and_auth_arrives_whole(
    centre: AppContext, db_path: Path | str, tmp_path: Path, keyring_memory: MemoryKeyring
) -> None:
    record = archived(centre)
    with smtp_server(tmp_path, "starttls", auth=True) as server:
        use_server(centre, server, USER)
        centre.mail.save_password(PASSWORD)
        result = centre.mail.send_letter(record.id, None)
    assert keyring_memory.store == {("siec-desk", f"smtp:{USER}@127.0.0.1"): PASSWORD}
    (message,) = server.messages
    assert server.envelopes == [(SENDER, ["eloise.legare@example.fr"])]
    assert message["From"] == SENDER
    assert record.reference in message["Subject"]
    assert message["Content-Language"] == "fr"
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == centre.letters.copy_name(record.id)
    assert attachment.get_content() == record.path.read_bytes()
    assert result.reference == record.reference
    assert sendings(db_path) == 1
    assert centre.letters.get(record.id).sent_by_email == (result.sent_at,)
    (event,) = centre.audit.events(object_type="letter", object_id=record.id, action="send")
    assert event.details == {
        "household_id": record.household_id,
        "reference": record.reference,
        "language": "fr",
    }
    assert "example.fr" not in str(query(db_path, "SELECT * FROM letter_sendings"))


def test_arabic_letter_mail_is_in_arabic_and_right_to_left(
    centre: AppContext, tmp_path: Path
) -> None:
    record = archived(centre, ARABIC)
    with smtp_server(tmp_path, "tls") as server:
        use_server(centre, server)
        centre.mail.send_letter(record.id, "autre@example.ma")
    (message,) = server.messages
    assert message["Content-Language"] == "ar"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert all(line.startswith("\u200f") for line in plain.splitlines() if line)
    assert f"\u2066{record.reference}\u2069" in plain  # the reference reads left to right
    with language_override("ar"):
        hello = _("Hello,")
    assert plain.splitlines()[0] == "\u200f" + hello
    assert server.envelopes[0][1] == ["autre@example.ma"]


@pytest.mark.parametrize(
    ("security", "auth", "password", "to", "kind"),
    [
        ("starttls", True, "wrong password", None, "authentication"),
        ("none", False, None, "nobody@refused.test", "refused"),
    ],
)
def test_failures_say_which_in_one_line_and_record_nothing(
    centre: AppContext,
    db_path: Path | str,
    tmp_path: Path,
    keyring_memory: MemoryKeyring,
    security: str,
    auth: bool,
    password: str | None,
    to: str | None,
    kind: str,
) -> None:
    record = archived(centre)
    with smtp_server(tmp_path, security, auth=auth) as server:
        use_server(centre, server, USER if auth else "")
        if password:
            centre.mail.save_password(password)
        with pytest.raises(MailError) as failure:
            centre.mail.send_letter(record.id, to)
    assert failure.value.kind == kind
    assert "\n" not in str(failure.value)
    assert server.messages == []
    assert sendings(db_path) == 0
    assert centre.audit.events(action="send") == []
    assert centre.letters.is_intact(record)


def test_unreachable_server_and_untrusted_certificate(
    centre: AppContext, db_path: Path | str, tmp_path: Path
) -> None:
    record = archived(centre)
    centre.centre_settings.apply(
        CentreChanges(
            smtp={
                "smtp_host": "127.0.0.1",
                "smtp_port": str(free_port()),  # nobody listens
                "smtp_security": "none",
                "smtp_sender": SENDER,
            }
        )
    )
    with pytest.raises(MailError) as unreachable:
        centre.mail.send_letter(record.id, None)
    assert unreachable.value.kind == "unreachable"
    with smtp_server(tmp_path, "starttls") as server:
        use_server(centre, server)
        centre.mail.tls_context = None  # the system's authorities: self-signed is refused
        with pytest.raises(MailError) as untrusted:
            centre.mail.send_letter(record.id, None)
    assert untrusted.value.kind == "tls"
    assert sendings(db_path) == 0


def test_bad_recipient_or_none_is_refused_before_connecting(centre: AppContext) -> None:
    record = archived(centre)
    with pytest.raises(SiecError, match="not a valid e-mail"):
        centre.mail.send_letter(record.id, "pas une adresse")
    without = LATIN.__class__(**{**LATIN.__dict__, "email": None})
    other = archived(centre, without)
    with pytest.raises(SiecError, match="no e-mail address"):
        centre.mail.send_letter(other.id, None)


def test_no_password_store_changes_nothing(centre: AppContext) -> None:
    centre.centre_settings.apply(
        CentreChanges(smtp={"smtp_host": "smtp.example.org", "smtp_user": USER})
    )
    with no_keyring():
        assert not centre.mail.password_store_available()
        with pytest.raises(SiecError, match="no password store"):
            centre.mail.save_password(PASSWORD)
        assert not centre.mail.has_password()


def test_erasure_leaves_no_sending_and_rights_export_lists_them(
    centre: AppContext, db_path: Path | str, tmp_path: Path
) -> None:
    record = archived(centre)
    with smtp_server(tmp_path) as server:
        use_server(centre, server)
        centre.mail.send_letter(record.id, None)
    data = centre.rights.collect(record.household_id)
    (letter,) = data["letters"]
    assert [s["status"] for s in letter["sent_by_email"]] == ["sent"]
    assert any(e["action"] == "send" for e in data["audit"])
    centre.rights.erase(record.household_id)
    assert sendings(db_path) == 0


# -- command line -----------------------------------------------------------------------
def test_cli_letter_email_and_smtp_test(
    centre: AppContext,
    db_path: Path | str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cid = consultation(centre, LATIN)
    cli = Cli(db_path, capsys)
    with smtp_server(tmp_path) as server:
        code, out, err = cli(
            "centre", "set", "--smtp-host", server.host, "--smtp-port", str(server.port),
            "--smtp-security", "none", "--smtp-sender", SENDER,
        )  # fmt: skip
        assert code == 0, err
        code, out, err = cli("letter", "--smtp-test")
        assert (code, err) == (0, "")
        assert SENDER in out
        code, out, err = cli("letter", str(cid), "--smtp-test", "--to", "x@example.org")
        assert code == 0, err
        sent = cli.json("letter", str(cid), "--email")
        code, _out, err = cli("letter", str(cid), "--email", "--to", "y@refused.test")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert isinstance(sent, dict) and sent["reference"]
    assert [m["To"] for m in server.messages] == [SENDER, "x@example.org", LATIN.email]
    assert sendings(db_path) == 1  # archived once, sent once; the refused one not recorded
    assert len(centre.letters.for_consultation(cid)) == 1


def test_cli_centre_set_refuses_bad_smtp_settings_whole(
    centre: AppContext, db_path: Path | str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(db_path, capsys)
    code, _out, err = cli(
        "centre", "set", "--smtp-host", "smtp.example.org", "--smtp-port", "99999",
        "--smtp-security", "ssl", "--smtp-sender", "nope",
    )  # fmt: skip
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "65535" in err and "none, starttls or tls" in err
    assert centre.centre_settings.get().smtp.host is None
    shown = cli.json("centre", "show")
    assert isinstance(shown, dict) and shown["smtp_host"] is None


def test_cli_password_from_stdin_goes_to_the_keyring_only(
    centre: AppContext,
    db_path: Path | str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    cli = Cli(db_path, capsys)
    args = ("centre", "set", "--smtp-host", "smtp.example.org", "--smtp-user", USER)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with no_keyring():
        code, _out, err = cli(*args, "--smtp-password-stdin")
    assert code == 1 and "no password store" in err and len(err.strip().splitlines()) == 1
    assert centre.centre_settings.get().smtp.host is None  # nothing else changed
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    with memory_keyring() as backend:
        shown = cli.json(*args, "--smtp-password-stdin")
        assert isinstance(shown, dict) and shown["centre"]["smtp_password_stored"] is True
    assert list(backend.store.values()) == [PASSWORD]
    dump = "".join(str(row) for row in query(db_path, "SELECT * FROM audit_events"))
    assert PASSWORD not in dump
    assert PASSWORD not in str(query(db_path, "SELECT * FROM centres"))
