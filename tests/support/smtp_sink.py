"""An SMTP server for the mail tests: aiosmtpd's server with a handler that writes each
message it accepts, as received, into a folder the tests read.

    PYTHONPATH=tests/support python -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIR

Each message becomes DIR/<n>.eml as received, and DIR/<n>.json with what the tests check,
decoded: envelope recipients, From, To, Subject, and the text/plain and text/html parts. Both
are written to a temporary name first and then renamed, so a reader never sees half a one.
"""

import email
import email.policy
import itertools
import json
import os


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)
        os.makedirs(folder, exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes the folder to write messages into")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        name = os.path.join(self.folder, f"{number:06}.eml")
        with open(name + ".part", "wb") as out:
            out.write(f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n".encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        parts = {}
        for part in message.walk():
            if part.get_content_type() in ("text/plain", "text/html"):
                parts[part.get_content_type()] = part.get_content()
        summary = {
            "envelope_to": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
        }
        summary_name = os.path.join(self.folder, f"{number:06}.json")
        with open(summary_name + ".part", "w", encoding="utf-8") as out:
            json.dump(summary, out)
        os.rename(summary_name + ".part", summary_name)
        return "250 Message accepted for delivery"
