#!/usr/bin/env python3
"""Write the seed corpora under fuzz/seeds/ from records/ and the test fixtures.

Each load/edit/layout seed is a record file prefixed with the bytes the target reads first (the kind,
and for edit the operation, field and index); config seeds are the ccag.toml files. Run from
the repository root: python3 fuzz/make_seeds.py
"""
import hashlib
import pathlib

KINDS = ["actions", "changes", "risks", "milestones", "meetings"]
root = pathlib.Path(__file__).resolve().parent.parent
seeds = root / "fuzz" / "seeds"


def kind_byte(path: pathlib.Path) -> int:
    for i, k in enumerate(KINDS):
        if k in path.parts:
            return i
    return 0


def put(target: str, data: bytes) -> None:
    d = seeds / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


yamls = sorted(root.glob("records/**/*.yaml")) + sorted(root.glob("tests/cmd/**/*.yaml"))
for n, path in enumerate(yamls):
    body = path.read_bytes()
    if len(body) > 64 * 1024:
        continue
    k = kind_byte(path)
    put("load", bytes([k]) + body)
    put("layout", bytes([k]) + body)
    put("edit", bytes([k, n % 6, n % 14, n % 8]) + body + b"\0Updated by the fuzzer")
for path in sorted(root.glob("**/ccag.toml")):
    if "target" in path.parts:
        continue
    put("config", path.read_bytes())
for text in [
    'prefix = "CCAG"\nstart = "10:00"\ndate_format = "DD/MM/YYYY"\n',
    '[[body]]\nname = "BSC"\npattern = \'(CP|P)\\d{3,4}\'\n[[body]]\nname = "REC"\npattern = \'R\\d{4}\'\n',
    'prefix = "XYZ"\n[[body]]\nname = "UNC"\npattern = \'UNC\\d{4}\'\n',
]:
    put("config", text.encode())
