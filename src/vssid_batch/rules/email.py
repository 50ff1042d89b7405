"""E-mail addresses: a pragmatic syntax check, no look-up (the rules do no I/O).

One ``@``, a non-empty local part, a domain with a dot, no spaces, at most 254 characters. The
domain is lower-cased (it is case-insensitive); the local part is kept as written.

>>> validate(" Nguyen.An@Example.COM.vn ")
'Nguyen.An@example.com.vn'
>>> validate("an@gmail")
Traceback (most recent call last):
    ...
vssid_batch.rules.errors.RuleError: invalid
"""

from __future__ import annotations

import re

from vssid_batch.rules.errors import RuleError

MAX_LENGTH = 254

# ASCII only in the local part: "nguyễn@…" is a slip of the Vietnamese keyboard, not an address
# a mail server will deliver. No quoting, no comments: nobody needs them here.
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
# Labels of letters, digits and inner hyphens (Unicode letters for internationalised domains),
# at least two labels, a top-level domain of letters.
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_DOMAIN = re.compile(rf"(?:{_LABEL}\.)+[^\W\d_]{{2,}}")


def validate(email: str) -> str:
    """Return the address with its domain lower-cased, or raise ``RuleError("invalid")``
    (``RuleError("missing")`` for an empty cell).

    >>> validate("a.b@c.vn")
    'a.b@c.vn'
    >>> [is_valid(text) for text in ("an @x.vn", "an@@x.vn", "an@x..vn", "an@x.vn; bo@y.vn")]
    [False, False, False, False]
    """
    email = email.strip()
    if not email:
        raise RuleError("missing")
    if len(email) > MAX_LENGTH or email.count("@") != 1:
        raise RuleError("invalid")
    local, domain = email.split("@")
    domain = domain.lower()
    if not (_LOCAL.fullmatch(local) and _DOMAIN.fullmatch(domain)):
        raise RuleError("invalid")
    return f"{local}@{domain}"


def is_valid(email: str) -> bool:
    """Whether ``validate`` accepts the address.

    >>> is_valid("hr@congty.vn"), is_valid("hr.congty.vn")
    (True, False)
    """
    try:
        validate(email)
    except RuleError:
        return False
    return True
