"""Personal data at rest: identity-document numbers are stored encrypted, with keys kept outside
the database, and found again by a keyed hash — never by their clear value.

- Encryption: Fernet (AES-128-CBC with HMAC-SHA256, from ``cryptography``) under a list of keys,
  the first of which encrypts; the others still decrypt (MultiFernet), so a key can be rotated
  without a moment in which old rows cannot be read (``gongkai keys rotate``).
- Search: HMAC-SHA256 of the normalised number under a key derived (HKDF) from the Fernet key,
  so the hash reveals nothing without the key file and a stolen database cannot be searched by
  guessing numbers. Lookups try the hash under every key (rows not yet rotated are found).
- Keys: ``GONGKAI_PERSONAL_DATA_KEYS`` (comma-separated, first is current), or else the file
  ``DATA_DIR/personal_data_keys`` (one key a line, first is current), generated at first start
  with mode 600 — like the secret key, never in the repository, never in the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from gongkai.env import SettingError

KEY_FILE_NAME = "personal_data_keys"  # `gongkai backup` includes this file by name
_LOOKUP_INFO = b"gongkai personal data lookup v1"


class PersonalDataKeyError(RuntimeError):
    """Stored personal data cannot be read with the configured keys."""


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def _checked(keys: Sequence[str], where: str) -> tuple[str, ...]:
    if not keys:
        raise SettingError(f"{where} 中没有密钥 (no key)")
    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise SettingError(
                f"{where} 第{number}个密钥无效：应为 Fernet 密钥（32字节的 URL 安全 Base64 编码，"
                "可用 gongkai keys generate 生成） (invalid Fernet key)"
            ) from None
    if len(set(keys)) != len(keys):
        raise SettingError(f"{where} 中有重复的密钥 (duplicate key)")
    return tuple(keys)


def read_key_file(path: Path) -> tuple[str, ...]:
    lines = path.read_text(encoding="ascii").splitlines()
    keys = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return _checked(keys, str(path))


def write_key_file(path: Path, keys: Sequence[str]) -> None:
    """Replace the key file atomically (a crash leaves the old file or the new one, never half
    of one), mode 600 from the first byte."""
    _checked(keys, str(path))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write("\n".join(keys) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def load_keys(configured: Sequence[str], data_dir: Path) -> tuple[str, ...]:
    """The keys, current first: from the environment when given, else from the key file in the
    data folder, which is created (mode 600) with a new key when there is none."""
    if configured:
        return _checked(configured, "GONGKAI_PERSONAL_DATA_KEYS")
    path = data_dir / KEY_FILE_NAME
    if path.exists():
        return read_key_file(path)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = generate_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return read_key_file(path)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return (key,)


def normalise(value: str) -> str:
    """The form a number is compared in: no spaces, upper case (身份证 X)."""
    return "".join(value.split()).upper()


class Keyring:
    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        fernets = [Fernet(k.encode("ascii")) for k in self.keys]
        self._current = fernets[0]
        self._all = MultiFernet(fernets)
        self._lookup_keys = [self._derive(k) for k in self.keys]

    @staticmethod
    def _derive(key: str) -> bytes:
        material = base64.urlsafe_b64decode(key.encode("ascii"))
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_LOOKUP_INFO).derive(
            material
        )

    def encrypt(self, text: str) -> str:
        return self._current.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._all.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeEncodeError):
            raise PersonalDataKeyError(
                "无法解密已存储的个人信息：所用密钥不在 GONGKAI_PERSONAL_DATA_KEYS 或数据目录的 "
                "personal_data_keys 中（恢复数据时须一并恢复密钥文件，见 docs/deployment.md）"
            ) from None

    def is_current(self, token: str) -> bool:
        try:
            self._current.decrypt(token.encode("ascii"))
        except InvalidToken:
            return False
        return True

    def rotate(self, token: str) -> str:
        """The token re-encrypted under the current key."""
        return self.encrypt(self.decrypt(token))

    def lookup_hash(self, value: str) -> str:
        """The hash stored beside the encrypted value (under the current key)."""
        return self._hash(self._lookup_keys[0], value)

    def lookup_hashes(self, value: str) -> list[str]:
        """The hashes a row holding ``value`` may carry: one per key, current first."""
        return [self._hash(key, value) for key in self._lookup_keys]

    @staticmethod
    def _hash(key: bytes, value: str) -> str:
        return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


_rings: dict[tuple[str, ...], Keyring] = {}


def keyring() -> Keyring:
    """The keyring of the keys in the settings (built once per list of keys)."""
    from django.conf import settings

    keys = tuple(settings.GONGKAI_PERSONAL_DATA_KEYS)
    ring = _rings.get(keys)
    if ring is None:
        ring = _rings[keys] = Keyring(keys)
    return ring


def reload_key_file() -> bool:
    """Take the keys from the key file again (``gongkai keys rotate`` ran in another process
    while this one was serving); True when they changed. Keys given by the environment only
    change with a restart."""
    from django.conf import settings

    path = settings.PERSONAL_DATA_KEY_FILE
    if path is None or not Path(path).exists():
        return False
    keys = read_key_file(Path(path))
    if keys == tuple(settings.GONGKAI_PERSONAL_DATA_KEYS):
        return False
    settings.GONGKAI_PERSONAL_DATA_KEYS = keys
    return True
