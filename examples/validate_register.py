"""Read a register, validate it, and print what the rules found.

Run: python examples/validate_register.py
"""

from __future__ import annotations

from collections import Counter

from posyandu_core.register.sample import load_sample_register
from posyandu_core.rules import validate_register

register = load_sample_register()
issues = validate_register(register)

print(f"{len(register)} rows from {len(register.by_person())} people")
print("issues by code:", dict(Counter(issue.code for issue in issues)))
for issue in issues[:5]:
    print(
        f"row {issue.row} {issue.field}={issue.value!r}: {issue.message_id} / {issue.message_en}"
    )
