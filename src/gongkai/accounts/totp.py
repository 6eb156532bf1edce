"""One-time codes for logging in (TOTP, RFC 6238: 6 digits, 30-second steps, SHA-1 — what
every authenticator app reads from an ``otpauth://`` URI). Pure: no ORM, no settings.

A code is accepted one step early or late (a phone's clock is often off by some seconds, and
typing takes time), and only for a step later than the last one used, so a code seen over
someone's shoulder cannot be used again (RFC 6238 §5.2).
"""

from __future__ import annotations

import datetime as dt
import io

import pyotp
import segno

ISSUER = "Gongkai 政务公开"
DIGITS = 6
STEP_SECONDS = 30
DRIFT_STEPS = 1  # steps accepted either side of now


def new_secret() -> str:
    """A random 160-bit secret, base32 (RFC 4226 §4 recommends 160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The URI as a QR code, an inline SVG drawn here (no image service, no script)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out, kind="svg", scale=4, xmldecl=False, svgns=True, title="动态口令绑定二维码"
    )
    return out.getvalue().decode("utf-8")


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalize(code: str) -> str:
    """What the user typed, without the spaces and dashes some apps show."""
    return "".join(ch for ch in code if ch not in " -\u3000")


def matching_step(secret: str, code: str, at: dt.datetime, last_step: int) -> int | None:
    """The time step whose code ``code`` is, if it is within the drift and later than
    ``last_step``; None otherwise."""
    typed = normalize(code)
    if len(typed) != DIGITS or not (typed.isascii() and typed.isdigit()):
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    now = totp.timecode(at)
    for offset in range(-DRIFT_STEPS, DRIFT_STEPS + 1):
        step = now + offset
        if step > last_step and pyotp.utils.strings_equal(
            totp.at(at, counter_offset=offset), typed
        ):
            return step
    return None


def code_at(secret: str, at: dt.datetime) -> str:
    """The code an authenticator app shows at ``at`` (for tests and the command line)."""
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).at(at)
