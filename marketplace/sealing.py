"""Tokens at rest: the tracking and invitation tokens a later mail needs, kept sealed.

A token opens something (a buyer's page, an invited account), so the database keeps only
its digest to find it by, and, while a mail still has to carry the link, its ciphertext.
The cipher is Fernet (AES-128-CBC with HMAC-SHA256) from `cryptography`.

Its key is derived from CONSORTIA_VAULT_KEY with HKDF and a purpose label, not read from a
variable of its own: that key is already required in production (settings.problems),
already kept outside the database, and already cannot change without a migration (the
e-mail digests depend on it). HKDF with its own label makes the cipher key independent
of the HMAC key the digests use, so neither reveals the other. A copy of the database
without the environment then opens nothing.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Mapping

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

log = logging.getLogger(__name__)

PURPOSE = b"consortia/vault/sealed-tokens/v1"
# The vault fields that open something: the buyer's tracking token, the invitation's, the
# buyer's one-time sign-in link to their own space (marketplace/buyers/), and a "forgot
# password" link's (marketplace/accounts/resets.py).
TOKEN_FIELDS = ("token", "invitation", "sign_in", "reset")
SEALED_PREFIX = "sealed_"


def token_key(vault_key: bytes) -> bytes:
    """The Fernet key for tokens (URL-safe base64), derived for this purpose only."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=PURPOSE).derive(vault_key)
    return base64.urlsafe_b64encode(derived)


def token_cipher(vault_key: bytes) -> Fernet:
    """The Fernet cipher for tokens."""
    return Fernet(token_key(vault_key))


def has_clear_token(record: Mapping[str, object]) -> bool:
    """Whether a stored record still holds a token in clear (a store from before sealing)."""
    return any(name in record for name in TOKEN_FIELDS)


def seal(record: Mapping[str, str], cipher: Fernet) -> dict[str, str]:
    """The record as it is stored: each token replaced by its ciphertext."""
    stored = {name: value for name, value in record.items() if name not in TOKEN_FIELDS}
    for name in TOKEN_FIELDS:
        if record.get(name):
            stored[SEALED_PREFIX + name] = cipher.encrypt(record[name].encode()).decode()
    return stored


def unseal(stored: Mapping[str, str], cipher: Fernet) -> dict[str, str]:
    """The record as the application reads it: each token that is still kept, in clear."""
    record = {name: value for name, value in stored.items()
              if not name.startswith(SEALED_PREFIX)}
    for name in TOKEN_FIELDS:
        sealed = stored.get(SEALED_PREFIX + name)
        if not sealed:
            continue
        try:
            record[name] = cipher.decrypt(sealed.encode()).decode()
        except InvalidToken:
            # Sealed under another vault key: the mail goes without its link, not at all.
            log.warning("a sealed %s cannot be opened with this vault key", name)
    return record


def without_tokens(stored: Mapping[str, str]) -> dict[str, str]:
    """The stored record once its tokens are destroyed: no mail will carry them again."""
    return {name: value for name, value in stored.items()
            if name not in TOKEN_FIELDS and not name.startswith(SEALED_PREFIX)}
