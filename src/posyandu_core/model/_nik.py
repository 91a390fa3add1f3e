"""NIK (Nomor Induk Kependudukan): format and the birth-date/sex encoding."""

from __future__ import annotations

import datetime as dt
import re

from posyandu_core.model._enums import Sex

NIK_PATTERN = re.compile(r"^\d{16}$")


def is_valid_nik(value: str) -> bool:
    """Return whether ``value`` has the NIK format: exactly 16 digits.

    Examples
    --------
    >>> is_valid_nik("6474011203150001"), is_valid_nik("647401120315000")
    (True, False)
    """
    return bool(NIK_PATTERN.match(value))


def nik_mismatches(nik: str, *, birth_date: dt.date, sex: Sex) -> list[str]:
    """Return which of birth date and sex disagree with the NIK's encoding.

    Digits 7–12 of a NIK are DDMMYY of the birth date, with 40 added to DD for
    women (DOMAIN.md §14.2, confidence [S/U]), so a mismatch is only ever a
    warning: the date may be wrong, or the NIK may follow an older scheme.

    Examples
    --------
    >>> nik_mismatches("6474015203150001", birth_date=dt.date(2015, 3, 12),
    ...                sex=Sex.FEMALE)
    []
    >>> nik_mismatches("6474011203150001", birth_date=dt.date(2015, 3, 12),
    ...                sex=Sex.FEMALE)
    ['sex']
    """
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    problems = []
    encoded_female = day > 40
    if encoded_female != (sex is Sex.FEMALE):
        problems.append("sex")
    if (day % 40, month, year2) != (
        birth_date.day,
        birth_date.month,
        birth_date.year % 100,
    ):
        problems.append("birth_date")
    return problems
