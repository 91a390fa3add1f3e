"""Closed vocabularies of the domain model, with Indonesian and English labels."""

from __future__ import annotations

import enum

from posyandu_core.errors import UsageError


class Sex(enum.StrEnum):
    """Sex as recorded in the register (jenis kelamin)."""

    MALE = "L"  # laki-laki
    FEMALE = "P"  # perempuan

    @classmethod
    def parse(cls, value: object) -> Sex:
        """Read the codes found in real files: L/P, M/F, 1/2, words.

        Examples
        --------
        >>> Sex.parse("perempuan"), Sex.parse(1), Sex.parse(" m ")
        (<Sex.FEMALE: 'P'>, <Sex.MALE: 'L'>, <Sex.MALE: 'L'>)
        """
        text = str(value).strip().lower()
        if text in _SEX_CODES:
            return _SEX_CODES[text]
        msg = f"unknown sex code {value!r}"
        raise UsageError(
            msg,
            message_id=f"kode jenis kelamin tidak dikenal {value!r}",
            fix="use L/P, M/F or 1/2",
            fix_id="pakai L/P, M/F atau 1/2",
        )


_SEX_CODES = {
    "l": Sex.MALE, "m": Sex.MALE, "1": Sex.MALE, "laki-laki": Sex.MALE,
    "male": Sex.MALE, "lk": Sex.MALE,
    "p": Sex.FEMALE, "f": Sex.FEMALE, "2": Sex.FEMALE, "perempuan": Sex.FEMALE,
    "female": Sex.FEMALE, "pr": Sex.FEMALE, "w": Sex.FEMALE,
}  # fmt: skip


class MeasureMethod(enum.StrEnum):
    """How length/height was measured (cara ukur)."""

    LYING = "terlentang"  # recumbent length, PB
    STANDING = "berdiri"  # standing height, TB

    @classmethod
    def parse(cls, value: object) -> MeasureMethod:
        """Read ``l``/``h`` (WHO), ``terlentang``/``berdiri`` (e-PPGBM) or English.

        Examples
        --------
        >>> MeasureMethod.parse("Berdiri"), MeasureMethod.parse("l")
        (<MeasureMethod.STANDING: 'berdiri'>, <MeasureMethod.LYING: 'terlentang'>)
        """
        text = str(value).strip().lower()
        if text in (
            "l",
            "terlentang",
            "telentang",
            "lying",
            "recumbent",
            "length",
            "pb",
        ):
            return cls.LYING
        if text in ("h", "berdiri", "standing", "height", "tb"):
            return cls.STANDING
        msg = f"unknown measuring method {value!r}"
        raise UsageError(
            msg,
            message_id=f"cara ukur tidak dikenal {value!r}",
            fix="use terlentang/berdiri or l/h",
            fix_id="pakai terlentang/berdiri atau l/h",
        )

    @property
    def who_code(self) -> str:
        """WHO anthro's code: ``"l"`` or ``"h"``."""
        return "l" if self is MeasureMethod.LYING else "h"


class MeasurementKind(enum.StrEnum):
    """What a measurement measures; the unit is fixed per kind."""

    WEIGHT = "weight"
    LENGTH_HEIGHT = "length_height"  # PB lying or TB standing: see ``method``
    MUAC = "muac"  # LiLA
    HEAD_CIRCUMFERENCE = "head_circumference"  # LK
    WAIST = "waist"  # lingkar perut
    SYSTOLIC = "systolic"
    DIASTOLIC = "diastolic"
    PULSE = "pulse"
    TEMPERATURE = "temperature"
    GLUCOSE = "glucose"
    HEMOGLOBIN = "hemoglobin"
    TRICEPS_SKINFOLD = "triceps_skinfold"
    SUBSCAPULAR_SKINFOLD = "subscapular_skinfold"

    @property
    def unit(self) -> str:
        """The unit a value of this kind is stored in."""
        return _UNITS[self]


_UNITS = {
    MeasurementKind.WEIGHT: "kg",
    MeasurementKind.LENGTH_HEIGHT: "cm",
    MeasurementKind.MUAC: "cm",
    MeasurementKind.HEAD_CIRCUMFERENCE: "cm",
    MeasurementKind.WAIST: "cm",
    MeasurementKind.SYSTOLIC: "mmHg",
    MeasurementKind.DIASTOLIC: "mmHg",
    MeasurementKind.PULSE: "/min",
    MeasurementKind.TEMPERATURE: "Cel",
    MeasurementKind.GLUCOSE: "mg/dL",
    MeasurementKind.HEMOGLOBIN: "g/dL",
    MeasurementKind.TRICEPS_SKINFOLD: "mm",
    MeasurementKind.SUBSCAPULAR_SKINFOLD: "mm",
}


class VisitType(enum.StrEnum):
    """Where a contact with a sasaran took place."""

    HARI_BUKA = "hari_buka"  # Posyandu open day
    KUNJUNGAN_RUMAH = "kunjungan_rumah"  # home visit
    SWEEPING = "sweeping"  # finding missed targets


class Langkah(enum.IntEnum):
    """The 5 langkah of the open day (ILP order: pelayanan before penyuluhan)."""

    PENDAFTARAN = 1  # registration
    PENIMBANGAN_PENGUKURAN = 2  # weighing and measuring, early detection
    PENCATATAN = 3  # recording
    PELAYANAN = 4  # health services
    PENYULUHAN = 5  # counselling


class VenueType(enum.StrEnum):
    """Where the Posyandu holds its open day (tempat pelaksanaan)."""

    BALAI = "balai"  # dusun/RT/RW hall
    MASJID = "masjid"
    MUSHOLA = "mushola"
    PUSTU = "pustu"
    RUMAH = "rumah"  # a resident's house
    SEKOLAH = "sekolah"
    LAINNYA = "lainnya"


class KaderStratum(enum.StrEnum):
    """Kader competency stratum (strata kader)."""

    PURWA = "purwa"
    MADYA = "madya"
    UTAMA = "utama"


class ReferralTarget(enum.StrEnum):
    """Where a sasaran is referred to (tujuan rujukan)."""

    NAKES = "nakes"  # health worker at the open day
    PUSTU = "pustu"
    PUSKESMAS = "puskesmas"
    FKTL = "fktl"  # hospital / advanced care
    OPD = "opd"  # regional government office (non-health bidang)


class EquipmentKind(enum.StrEnum):
    """Posyandu equipment (alat antropometri and kit)."""

    BABY_SCALE = "baby_scale"  # timbangan bayi
    FLOOR_SCALE = "floor_scale"  # timbangan injak
    LENGTH_BOARD = "length_board"  # alat ukur panjang badan
    STADIOMETER = "stadiometer"  # alat ukur tinggi badan
    MUAC_TAPE = "muac_tape"  # pita LiLA
    HEAD_TAPE = "head_tape"  # pita lingkar kepala
    BP_MONITOR = "bp_monitor"  # tensimeter digital
    GLUCOMETER = "glucometer"
    THERMOMETER = "thermometer"
