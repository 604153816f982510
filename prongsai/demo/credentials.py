"""Demo passwords: made with `secrets`, listed in a table for whoever runs the demo.

A password is three short English words and four digits joined by hyphens (e.g.
``maple-orbit-candle-4821``): easy to type from the list, never reused, at least 12 characters.

The passwords are written in plain text to the credentials file, so a costly hash would protect
nothing more; hashing a hundred accounts at the project's full Argon2 cost (100 MiB, about 0.3 s
each) would instead dominate the load. Demo accounts are therefore hashed with Argon2 at small
parameters, and Django re-hashes each at the configured full cost the first time that person
signs in (the hasher's ``must_update``). Under any other default hasher (e.g. the tests' MD5) the
default is used as is.
"""

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher, make_password

_WORDS = (
    "acorn",
    "amber",
    "anchor",
    "apple",
    "apron",
    "arrow",
    "aspen",
    "atlas",
    "autumn",
    "badge",
    "bamboo",
    "banjo",
    "barley",
    "basil",
    "beacon",
    "berry",
    "birch",
    "bison",
    "blossom",
    "bramble",
    "breeze",
    "brook",
    "bucket",
    "cactus",
    "camel",
    "candle",
    "canoe",
    "canyon",
    "carrot",
    "cedar",
    "cello",
    "chalk",
    "cherry",
    "cider",
    "cinder",
    "clover",
    "cobalt",
    "comet",
    "copper",
    "coral",
    "cotton",
    "crane",
    "crater",
    "cricket",
    "crystal",
    "daisy",
    "delta",
    "desert",
    "dingo",
    "dolphin",
    "dragon",
    "drum",
    "eagle",
    "ember",
    "falcon",
    "fern",
    "fiddle",
    "finch",
    "fjord",
    "flint",
    "forest",
    "fossil",
    "fox",
    "galaxy",
    "garden",
    "garnet",
    "gecko",
    "ginger",
    "glacier",
    "globe",
    "granite",
    "grape",
    "gravel",
    "harbor",
    "hazel",
    "heron",
    "hickory",
    "honey",
    "horizon",
    "husky",
    "iris",
    "island",
    "ivory",
    "jade",
    "jasmine",
    "jelly",
    "juniper",
    "kayak",
    "kettle",
    "kiwi",
    "koala",
    "ladder",
    "lagoon",
    "lantern",
    "lemon",
    "lily",
    "linen",
    "lizard",
    "lotus",
    "lunar",
    "magnet",
    "mango",
    "maple",
    "marble",
    "meadow",
    "melon",
    "meteor",
    "mint",
    "mosaic",
    "moss",
    "nectar",
    "nickel",
    "nutmeg",
    "oasis",
    "ocean",
    "olive",
    "onyx",
    "orbit",
    "orchid",
    "otter",
    "oyster",
    "paddle",
    "panda",
    "papaya",
    "parrot",
    "pebble",
    "pepper",
    "piano",
    "pine",
    "planet",
    "plum",
    "polar",
    "poppy",
    "prairie",
    "pumpkin",
    "quartz",
    "quill",
    "rabbit",
    "radar",
    "raven",
    "reef",
    "ribbon",
    "river",
    "robin",
    "rocket",
    "saffron",
    "salmon",
    "sapphire",
    "satin",
    "sierra",
    "silver",
    "sparrow",
    "spruce",
    "squash",
    "summit",
    "sunset",
    "swan",
    "tango",
    "teapot",
    "thistle",
    "thunder",
    "tiger",
    "timber",
    "topaz",
    "tulip",
    "tundra",
    "turtle",
    "valley",
    "velvet",
    "violet",
    "walnut",
    "willow",
    "window",
    "winter",
    "yarrow",
    "zebra",
    "zephyr",
)


def password_generate() -> str:
    """Return a new random password of three words and four digits."""
    words = [secrets.choice(_WORDS) for _ in range(3)]
    return f"{'-'.join(words)}-{secrets.randbelow(10_000):04d}"


class _DemoArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 at small parameters; `Argon2PasswordHasher.must_update` upgrades it at first sign-in."""

    time_cost = 1
    memory_cost = 8192
    parallelism = 1


def password_hash(password: str) -> str:
    """Return the stored form of a demo password (see the module docstring for the cost chosen)."""
    if isinstance(get_hasher(), Argon2PasswordHasher):
        return make_password(password, hasher=_DemoArgon2PasswordHasher())
    return make_password(password)


@dataclass(frozen=True)
class CredentialRow:
    username: str
    roles: str
    unit: str
    password: str
    name: str = ""


HEADER = ("username", "role(s)", "unit", "password")


def credentials_table(rows: Sequence[CredentialRow]) -> str:
    """Return the rows as an aligned plain-text table (username first, password last on each line)."""
    cells = [HEADER, *((r.username, r.roles, r.unit, r.password) for r in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def credentials_document(
    rows: Sequence[CredentialRow], *, generated: str, second_factor_keys: Sequence[tuple[str, str]] = ()
) -> str:
    """Return the whole credentials file: a short notice, the two-factor keys, and the table."""
    notice = (
        "Prongsai (โปร่งใส) demo — sign-in names and passwords\n"
        f"Generated {generated}. Illustrative data only: never use these accounts outside a demo.\n"
        "Roles at the person's own unit come first, roles elsewhere follow by unit ('ops: reporter' = reporter\n"
        "at the department); '(group)' = held as a member of a review group.\n\n"
    )
    if second_factor_keys:
        width = max(len(username) for username, _key in second_factor_keys)
        notice += (
            "Administrators and ICT monitors also give a 6-digit code after the password (two-factor sign-in).\n"
            "Add their key to an authenticator app (FreeOTP, Google Authenticator …), or print the current code\n"
            "with `manage.py demo_code USERNAME`:\n"
            + "".join(f"  {username.ljust(width)}  {key}\n" for username, key in second_factor_keys)
            + "\n"
        )
    return notice + credentials_table(rows)


def credentials_write(path: Path, text: str) -> None:
    """Write the credentials file readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    path.chmod(0o600)
