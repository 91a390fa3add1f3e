"""People: the sasaran (Person), their household (KK) and the kader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
from attrs import validators as v

from posyandu_core.model._convert import to_sex
from posyandu_core.model._enums import Sex
from posyandu_core.model._nik import NIK_PATTERN

# Kader live in their own module; re-exported here where they used to be.
from posyandu_core.model.kader import Kader, kader_stratum
from posyandu_core.model.sasaran import LifeStage, Status, life_stages

_optional_nik = v.optional(v.matches_re(NIK_PATTERN))


@attrs.frozen(kw_only=True)
class Person:
    """Someone the Posyandu serves (sasaran), at any stage of life.

    Parameters
    ----------
    id : str
        Local id, stable across visits.
    name : str
        Full name.
    sex : Sex
        ``L`` or ``P`` (other common codes are converted).
    birth_date : datetime.date
        Date of birth.
    nik : str or None
        16-digit NIK as a string (newborns may not have one yet).
    nik_ibu : str or None
        Mother's NIK, used for newborns without their own.
    ihs_number : str or None
        SATUSEHAT patient id (IHS number).
    household_id : str or None
        Nomor KK of the household.
    """

    id: str = attrs.field(validator=v.min_len(1))
    name: str
    sex: Sex = attrs.field(converter=to_sex)
    birth_date: dt.date = attrs.field(validator=v.instance_of(dt.date))
    nik: str | None = attrs.field(default=None, validator=_optional_nik)
    nik_ibu: str | None = attrs.field(default=None, validator=_optional_nik)
    ihs_number: str | None = None
    household_id: str | None = None
    parent_name: str | None = None

    def life_stages(
        self, on: dt.date, status: Iterable[Status | str] = ()
    ) -> tuple[LifeStage, ...]:
        """Return the target groups this person belongs to on ``on``."""
        return life_stages(
            birth_date=self.birth_date, sex=self.sex, on=on, status=status
        )


@attrs.frozen(kw_only=True)
class Household:
    """A household (keluarga) identified by its Kartu Keluarga number."""

    kk_number: str = attrs.field(validator=v.matches_re(NIK_PATTERN))
    head_name: str
    address: str = ""
    rt: str | None = None
    rw: str | None = None
    member_ids: tuple[str, ...] = ()


__all__ = ["Household", "Kader", "Person", "kader_stratum"]
