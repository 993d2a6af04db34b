"""vp remind: on the right days, one digest per person of what is theirs, sent to a real SMTP
server the test starts on 127.0.0.1 (aiosmtpd), with and without STARTTLS."""

from __future__ import annotations

import datetime as dt
import email
import socket
from email import policy

import pytest

from serving import SECRETARY, git

# Vård och Omsorg's plan: tertial 2 2018 is to be reported by 14 September 2018, so the
# reminders fall on 17 August (28 days before), 7 September (7 before) and 15 September.
REMINDER_DAYS = {"2018-08-17": "first", "2018-09-07": "second", "2018-09-15": "late"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def configure(root, port: int, starttls: bool = False, cafile: str | None = None) -> None:
    lines = [
        "[server]",
        'public_url = "https://vp.degerfors.example"',
        "[smtp]",
        'host = "127.0.0.1"',
        f"port = {port}",
        f"starttls = {'true' if starttls else 'false'}",
        'sender = "vp@degerfors.example"',
    ]
    if cafile:
        lines.append(f'cafile = "{cafile}"')
    (root / ".vp/serve.toml").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "day", ["2018-08-16", "2018-08-18", "2018-09-06", "2018-09-14", "2018-09-16"]
)
def test_no_reminder_on_other_days(served, run_vp, day):
    result = run_vp("remind", "--period", "2018-T2", "--today", day)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"Ingen påminnelse att skicka {day} för 2018-T2" in result.stderr


def test_the_next_reminder_day_is_said(served, run_vp):
    result = run_vp("remind", "--period", "2018-T2", "--today", "2018-08-18")
    assert "nästa påminnelsedag är 7 september 2018" in result.stderr
    late = run_vp("remind", "--period", "2018-T2", "--today", "2018-09-16")
    assert "nästa" not in late.stderr


@pytest.mark.parametrize(("day", "kind"), REMINDER_DAYS.items())
def test_reminders_without_send_print_the_mails_and_send_nothing(served, run_vp, day, kind):
    result = run_vp("remind", "--period", "2018-T2", "--today", day)
    assert result.exit_code == 0, result.output
    mails = result.stdout.split("─" * 60)
    assert len(mails) == 2  # Anna (her own) and Sara (the whole plan)
    anna = mails[0]
    assert anna.startswith("To: Anna Berg <anna.berg@degerfors.example>\n")
    subject = {
        "first": "Subject: Påminnelse: rapportera tertial 2 2018 senast 14 september 2018",
        "second": "Subject: Påminnelse: en vecka kvar att rapportera tertial 2 2018 "
        "(senast 14 september 2018)",
        "late": "Subject: Sista dagen har passerat: tertial 2 2018 skulle vara rapporterad "
        "14 september 2018",
    }[kind]
    assert subject in anna
    assert "Verksamhetsplan för Vård och Omsorg 2018–2019 (påhittat exempel) – sista dag " in anna
    assert "milstolpen utskrivning-rutin-2018 saknar bedömning för 2018-T2" in anna
    assert "Socialnämnden" not in anna  # nothing of a plan that is not hers
    assert "Provkörning: 2 påminnelser skickades inte; skicka med --send." in result.stderr
    if kind == "first":
        # 17 August: July has ended and has no value; August has not ended
        assert "saknar värde för 2018-07\n" in anna
        assert "ska vara klar om 28 dagar" in anna
    if kind == "second":
        assert "saknar värde för 2018-07, 2018-08" in anna
        assert "ska vara klar om 7 dagar" in anna


def test_send_delivers_one_digest_per_person_over_smtp(served, run_vp, smtp_server):
    controller, inbox = smtp_server
    configure(served, controller.port)
    result = run_vp("remind", "--period", "2018-T2", "--today", "2018-09-07", "--send")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Skickade 2 påminnelser för 2018-T2: anna.berg@degerfors.example, {SECRETARY[3]}.\n"
    )
    assert [m["To"] for m in inbox.messages] == [
        "Anna Berg <anna.berg@degerfors.example>",
        "Sara Sekreterare <sara@degerfors.example>",
    ]
    anna = inbox.messages[0]
    assert anna["From"] == "vp@degerfors.example"
    body = anna.get_content()
    assert "Skriv in det i vp under Mitt arbete: https://vp.degerfors.example/arbete" in body
    assert "aktiviteten hemgang-infora är inte uppföljd" in body
    # the secretary's digest holds what is missing in every plan with a deadline for the
    # period; Socialnämnden's plan declares none, so it is not in it
    sara = inbox.messages[1].get_content()
    assert "Det här saknas i planerna:" in sara and "Socialnämnden 2018–2019 –" not in sara


def test_what_is_done_is_not_reminded_of(served, run_vp, smtp_server):
    controller, inbox = smtp_server
    configure(served, controller.port)
    for month, value in (("2018-07", "87"), ("2018-08", "88")):
        added = run_vp("data", "add", "genomforandeplan-hemtjanst", month, value)
        assert added.exit_code == 0, added.output
    git(served, "commit", "-qam", "värden")
    assert run_vp("remind", "--period", "2018-T2", "--today", "2018-09-15", "--send").exit_code == 0
    body = inbox.messages[0].get_content()
    assert "genomforandeplan-hemtjanst" not in body
    assert "milstolpen utskrivning-rutin-2018 saknar bedömning" in body


def test_starttls_with_the_municipalitys_own_ca(served, run_vp, tmp_path):
    import ssl

    from aiosmtpd.controller import Controller

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), tls_context=context, require_starttls=True
    )
    controller.start()
    try:
        configure(served, controller.port, starttls=True)  # the CA is not trusted yet
        refused = run_vp("remind", "--period", "2018-T2", "--today", "2018-09-07", "--send")
        assert refused.exit_code == 1
        assert f"kunde inte skicka påminnelserna via 127.0.0.1:{controller.port}" in refused.stderr
        assert "CERTIFICATE_VERIFY_FAILED" in refused.stderr
        assert inbox.messages == []
        configure(served, controller.port, starttls=True, cafile=str(cert))
        sent = run_vp("remind", "--period", "2018-T2", "--today", "2018-09-07", "--send")
        assert sent.exit_code == 0, sent.output
        assert len(inbox.messages) == 2
    finally:
        controller.stop()


def test_send_without_a_server_and_a_period_without_deadline_are_refused(served, run_vp):
    result = run_vp("remind", "--period", "2018-T2", "--today", "2018-09-07", "--send")
    assert result.exit_code == 2
    assert "ingen e-postserver är inställd" in result.stderr
    result = run_vp("remind", "--period", "2018-T1", "--today", "2018-05-01")
    assert result.exit_code == 2
    assert "ingen plan har en sista dag för 2018-T1" in result.stderr
    assert run_vp("remind", "--period", "2018-X9").exit_code == 2


def self_signed(folder):
    """A certificate for 127.0.0.1, signed by itself: a municipality's own CA in one."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommunens CA")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "ca.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return cert, private
