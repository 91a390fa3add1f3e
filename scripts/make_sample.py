"""Generate the packaged sample register of Posyandu Melati, Kota Bontang.

Everything in it is **synthetic**: the names, NIKs, household numbers and
measurements are drawn from a seeded random generator; no real person is in it.

The sample is one Posyandu (``64.74.01.1001.001``, Posyandu Melati, Kecamatan
Bontang Selatan) over the twelve months 2025-12 to 2026-11, with an open day
(hari buka) on the 10th of every month. About a hundred people in thirty-odd
households (kk) cover every life stage (sasaran):

* about 45 under-fives, weighed monthly along WHO-like trajectories with
  individual z-score offsets: several stunted (one severely), a couple wasted
  or underweight (below the red line, BGM), a couple overweight, some whose
  weight stalls (T, 2T), some who miss months (O), one who moves in mid-year
  (B) and one who moves out (``moved_out_on``); five are born during the year
  and appear from their birth day. The wasted, overweight and severely
  stunted children and a 2T toddler all come to the last open day. Two
  children are weighed again at home a week after an open day (a re-check:
  the month still counts its first weighing);
* routine immunizations recorded on the visit they were given, mostly on time,
  some late (catch-up), two given too early, some never given (overdue).
  Doses given before a child's first row in the sample (HB-0 at birth, then
  on time at earlier open days, or elsewhere for the child who moves in) are
  copied from the Buku KIA at that first row as ``CODE@YYYY-MM-DD``;
  vitamin A in February and August (6-59 months), deworming in August
  (12-59 months), with a sweeping round for children who missed the open day;
* a few preschool children (5-6 y), school-age children and adolescents
  (with their school grade), pregnant women (LiLA, blood pressure, Hb, Td),
  postpartum and breastfeeding mothers, adults and elderly people (blood
  pressure, waist, glucose) who come once or twice a year;
* deliberate data-quality findings: three measuring-method mismatches and a
  glucometer whose calibration lapses on 2026-09-30.

Run from the repository root to rewrite the packaged files::

    python scripts/make_sample.py            # writes src/posyandu_core/data/sample/
    python scripts/make_sample.py --out DIR  # writes the two files into DIR

The output is byte-identical on every run and platform: one seeded generator,
only arithmetic (no libm calls) on the drawn numbers, explicit float formats,
fixed dates, and rows sorted before writing.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import itertools
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from posyandu_core.model import Sex, completed_months, life_stages, load_life_stages
from posyandu_core.register import COLUMNS

SEED = 64_74_01_1001
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "src" / "posyandu_core" / "data" / "sample"

POSYANDU_NUMBER = "64.74.01.1001.001"
POSYANDU_NAME = "Posyandu Melati"
HOME_REGION = "647401"  # Kota Bontang, Kecamatan Bontang Selatan
OTHER_REGIONS = ("647402", "647403")  # Bontang Utara, Bontang Barat

OPEN_DAY = 10
OPEN_DAYS = tuple(
    dt.date(2025 + (11 + i) // 12, (11 + i) % 12 + 1, OPEN_DAY) for i in range(12)
)  # 2025-12-10 ... 2026-11-10
SWEEPING_DAY = 24  # vitamin A sweeping in February and August
RECHECK_AFTER_DAYS = 7  # a child re-weighed at home a week after the open day
VITAMIN_A_MONTHS = (2, 8)
DEWORMING_MONTH = 8
NEW_SCHOOL_YEAR = dt.date(2026, 7, 13)

KADERS = ("Nurhayati", "Andi Marlina", "Sitti Hasnah", "Yuliana", "Rahmawati")

# --------------------------------------------------------------------------
# Equipment
# --------------------------------------------------------------------------

BABY_SCALE, FLOOR_SCALE = "TBY-01", "TIJ-01"
LENGTH_BOARD, STADIOMETER = "PB-01", "TB-01"
MUAC_TAPE, HEAD_TAPE = "LILA-01", "LK-01"
BP_MONITOR, GLUCOMETER = "TD-01", "GD-01"

EQUIPMENT_FIELDS = (
    "id",
    "kind",
    "model",
    "serial_number",
    "calibrated_on",
    "calibration_due",
)
EQUIPMENT = (
    (BABY_SCALE, "baby_scale", "Digital baby scale 20 kg / 10 g", "SN-TBY-24-0117",
     "2025-11-20", "2026-11-19"),
    (FLOOR_SCALE, "floor_scale", "Digital floor scale 150 kg / 100 g", "SN-TIJ-24-0342",
     "2025-11-20", "2026-11-19"),
    (LENGTH_BOARD, "length_board", "Infantometer 0-100 cm / 1 mm", "SN-PB-23-0051",
     "2025-11-21", "2026-11-20"),
    (STADIOMETER, "stadiometer", "Stadiometer 0-200 cm / 1 mm", "SN-TB-23-0088",
     "2025-11-21", "2026-11-20"),
    (MUAC_TAPE, "muac_tape", "LiLA tape 0-33 cm (child / adult)", "LILA-2025-014",
     "2025-07-01", "2026-12-31"),
    (HEAD_TAPE, "head_tape", "Head-circumference tape 0-60 cm", "LK-2025-009",
     "2025-07-01", "2026-12-31"),
    (BP_MONITOR, "bp_monitor", "Digital sphygmomanometer, upper arm", "SN-TD-25-1203",
     "2025-10-15", "2026-12-31"),
    # The glucometer's calibration lapses mid-sample: later glucose readings warn.
    (GLUCOMETER, "glucometer", "Blood glucose meter, capillary", "SN-GD-24-0761",
     "2025-10-01", "2026-09-30"),
)  # fmt: skip

# --------------------------------------------------------------------------
# WHO-like reference values (medians, rounded) by age in months.
# Lengths are recumbent; standing height is length - 0.7 cm.
# --------------------------------------------------------------------------

AGES = (0, 1, 2, 3, 4, 5, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 72)
WEIGHT_MEDIAN = {
    "L": (3.3, 4.5, 5.6, 6.4, 7.0, 7.5, 7.9, 8.9, 9.6, 10.3, 10.9, 11.5, 12.2,
          13.3, 14.3, 15.3, 16.3, 17.3, 18.3, 20.5),
    "P": (3.2, 4.2, 5.1, 5.8, 6.4, 6.9, 7.3, 8.2, 8.9, 9.6, 10.2, 10.9, 11.5,
          12.7, 13.9, 15.0, 16.1, 17.2, 18.2, 20.2),
}  # fmt: skip
LENGTH_MEDIAN = {
    "L": (49.9, 54.7, 58.4, 61.4, 63.9, 65.9, 67.6, 72.0, 75.7, 79.1, 82.3, 85.1, 87.8,
          92.6, 96.8, 100.6, 104.0, 107.4, 110.7, 116.7),
    "P": (49.1, 53.7, 57.1, 59.8, 62.1, 64.0, 65.7, 70.1, 74.0, 77.5, 80.7, 83.7, 86.4,
          91.4, 95.8, 99.7, 103.4, 106.9, 110.1, 115.8),
}  # fmt: skip
HEAD_AGES = (0, 1, 2, 3, 4, 5, 6, 9, 12, 18, 24, 72)
HEAD_MEDIAN = {
    "L": (34.5, 37.3, 39.1, 40.5, 41.6, 42.6, 43.3, 45.0, 46.1, 47.4, 48.3, 51.0),
    "P": (33.9, 36.5, 38.3, 39.5, 40.6, 41.5, 42.2, 43.8, 44.9, 46.2, 47.2, 50.0),
}
MUAC_AGES = (6, 12, 24, 36, 48, 60, 72)
MUAC_MEDIAN = {
    "L": (14.3, 14.6, 15.3, 15.8, 16.2, 16.5, 16.8),
    "P": (13.9, 14.4, 15.2, 15.7, 16.1, 16.5, 16.8),
}
WEIGHT_CV, LENGTH_CV, HEAD_SD, MUAC_SD = 0.12, 0.037, 1.2, 1.1
DAYS_PER_MONTH = 30.4375
# KBM by completed months at the weighing, months 0..10; 200 g from 11 months.
KBM_KG = (0.0, 0.8, 0.9, 0.8, 0.6, 0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.2)
STANDING_FROM_DAYS = 731  # WHO: length below 731 days, height from 731 days
LYING_TO_STANDING_CM = 0.7

# --------------------------------------------------------------------------
# Immunization schedule (DOMAIN.md §6.2): code, due age in completed months.
# --------------------------------------------------------------------------

SCHEDULE = (
    ("BCG", 0), ("OPV1", 0),
    ("DPT-HB-Hib1", 2), ("OPV2", 2), ("RV1", 2), ("PCV1", 2),
    ("DPT-HB-Hib2", 3), ("OPV3", 3), ("RV2", 3), ("PCV2", 3),
    ("DPT-HB-Hib3", 4), ("OPV4", 4), ("RV3", 4), ("IPV1", 4),
    ("MR1", 9), ("IPV2", 9),
    ("PCV3", 12),
    ("DPT-HB-Hib4", 18), ("MR2", 18),
)  # fmt: skip
# Minimum days after the previous dose of the same series.
MIN_GAP_DAYS = {"PCV3": 56, "DPT-HB-Hib4": 365, "MR2": 182}
DEFAULT_GAP_DAYS = 28
# Doses not given beyond this age (completed months): no catch-up.
MAX_AGE_MONTHS = {"BCG": 12, "RV1": 6, "RV2": 8, "RV3": 8}

# --------------------------------------------------------------------------
# Names (synthetic combinations)
# --------------------------------------------------------------------------

FEMALE_FIRST = (
    "Siti", "Nur", "Dewi", "Sri", "Rina", "Fitri", "Ayu", "Nadia", "Putri", "Aisyah",
    "Zahra", "Salsabila", "Nabila", "Dinda", "Rahma", "Anisa", "Intan", "Mega",
    "Ratna", "Aulia",
)  # fmt: skip
FEMALE_LAST = (
    "Rahmawati", "Handayani", "Lestari", "Wulandari", "Maharani", "Safitri",
    "Ramadhani", "Amalia", "Puspita", "Kurniasih", "Anggraini", "Hasanah",
    "Nurjanah", "Pratiwi", "Azzahra",
)  # fmt: skip
MALE_FIRST = (
    "Muhammad", "Ahmad", "Andi", "Rizky", "Fajar", "Budi", "Agus", "Dimas", "Hendra",
    "Arif", "Yusuf", "Ilham", "Rafi", "Fikri", "Bayu", "Hasan", "Aditya", "Reza",
    "Iqbal", "Galih",
)  # fmt: skip
MALE_LAST = (
    "Saputra", "Pratama", "Hidayat", "Ramadhan", "Setiawan", "Nugroho", "Kurniawan",
    "Firmansyah", "Maulana", "Hakim", "Santoso", "Wijaya", "Akbar", "Syahputra",
    "Gunawan",
)  # fmt: skip
ELDER_FEMALE = ("Hj. Sitti Aminah", "Hj. Rosmini", "Hj. Hasnawati", "Sumarni")
ELDER_MALE = ("H. Abdul Rahman", "H. Muhammad Saleh", "La Ode Baharuddin", "Suparman")


# ==========================================================================
# People and households
# ==========================================================================


@dataclasses.dataclass
class Person:
    """A synthetic person of the sample and the rows recorded for them."""

    person_id: str
    name: str
    sex: str
    birth_date: dt.date
    nik: str
    kk: str
    household: int
    nik_ibu: str = ""
    parent_name: str = ""
    has_kia: str = ""
    school_grade: int | None = None  # grade in school year 2025/2026
    moved_in: dt.date | None = None
    moved_out_on: dt.date | None = None


@dataclasses.dataclass
class Child:
    """An under-five or preschool child with the plan that shapes their visits."""

    person: Person
    length_z: float
    weight_z: float
    head_z: float
    profile: str = "normal"
    falter_months: tuple[int, ...] = ()
    skipped_months: tuple[int, ...] = ()
    refused_doses: tuple[str, ...] = ()
    missed_before: tuple[str, ...] = ()  # due before the sample, given as catch-up
    early_doses: tuple[str, ...] = ()  # given one month before their due age
    attend_months: tuple[int, ...] = ()  # open days the child never misses
    recheck_months: tuple[int, ...] = ()  # weighed again a week after the open day
    born_in_sample: bool = False


@dataclasses.dataclass
class Household:
    """A household (kk): a mother, her children, sometimes a father or grandparent."""

    index: int
    kk: str
    region: str
    mother: Person | None = None
    children: list[Person] = dataclasses.field(default_factory=list)
    delivery: dt.date | None = None  # a baby born during the sample


class Population:
    """Creates people with unique ids, NIKs and names."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self.names = {
            "P": self._name_pool(FEMALE_FIRST, FEMALE_LAST),
            "L": self._name_pool(MALE_FIRST, MALE_LAST),
        }

    def _name_pool(self, first: Sequence[str], last: Sequence[str]) -> Iterator[str]:
        combos = [f"{a} {b}" for a, b in itertools.product(first, last)]
        order = self.rng.permutation(len(combos))
        return iter([combos[int(i)] for i in order])

    def add(
        self,
        household: Household,
        sex: str,
        birth_date: dt.date,
        name: str | None = None,
        *,
        mother: Person | None = None,
        has_kia: str = "",
        school_grade: int | None = None,
    ) -> Person:
        number = len(self.people) + 1
        person = Person(
            person_id=f"MLT-{number:03d}",
            name=name or next(self.names[sex]),
            sex=sex,
            birth_date=birth_date,
            nik=make_nik(household.region, birth_date, sex, 1000 + number),
            kk=household.kk,
            household=household.index,
            nik_ibu=mother.nik if mother else "",
            parent_name=mother.name if mother else "",
            has_kia=has_kia,
            school_grade=school_grade,
        )
        self.people.append(person)
        return person


def make_nik(region: str, birth_date: dt.date, sex: str, serial: int) -> str:
    """Return a 16-digit NIK: region, DDMMYY (+40 on DD for women), serial."""
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth_date:%m%y}{serial:04d}"


def make_kk(rng: np.random.Generator, region: str, serial: int) -> str:
    """Return a 16-digit household number: region, issue date DDMMYY, serial."""
    issued = dt.date(2012, 1, 1) + dt.timedelta(days=int(rng.integers(0, 13 * 365)))
    return f"{region}{issued:%d%m%y}{serial:04d}"


def days_before(date: dt.date, days: int) -> dt.date:
    return date - dt.timedelta(days=days)


def random_birth(
    rng: np.random.Generator, on: dt.date, min_years: int, max_years: int
) -> dt.date:
    """Return a birth date making someone min_years..max_years old on ``on``."""
    days = int(rng.integers(min_years * 365 + 1, max_years * 365 - 1))
    return days_before(on, days)


# ==========================================================================
# Growth model
# ==========================================================================


def interpolate(ages: Sequence[float], values: Sequence[float], age: float) -> float:
    """Piecewise-linear interpolation (clamped at both ends), arithmetic only."""
    if age <= ages[0]:
        return values[0]
    for (a0, v0), (a1, v1) in itertools.pairwise(zip(ages, values, strict=True)):
        if age <= a1:
            return v0 + (v1 - v0) * (age - a0) / (a1 - a0)
    return values[-1]


def age_in_months(birth: dt.date, on: dt.date) -> float:
    return (on - birth).days / DAYS_PER_MONTH


def expected_weight(sex: str, months: float, z: float) -> float:
    return interpolate(AGES, WEIGHT_MEDIAN[sex], months) * (1 + WEIGHT_CV * z)


def expected_length(sex: str, months: float, z: float) -> float:
    return interpolate(AGES, LENGTH_MEDIAN[sex], months) * (1 + LENGTH_CV * z)


def weight_z_of(sex: str, months: float, weight: float) -> float:
    return (weight / interpolate(AGES, WEIGHT_MEDIAN[sex], months) - 1) / WEIGHT_CV


def expected_head(sex: str, months: float, z: float) -> float:
    return interpolate(HEAD_AGES, HEAD_MEDIAN[sex], months) + HEAD_SD * z


def expected_muac(sex: str, months: float, z: float) -> float:
    return interpolate(MUAC_AGES, MUAC_MEDIAN[sex], months) + MUAC_SD * z


# ==========================================================================
# Rows
# ==========================================================================

Row = dict[str, str]


def fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


UNUSED_COLUMNS = frozenset({"moved_in_on", "age", "triceps_mm", "subscapular_mm"})


def base_row(person: Person, visit_date: dt.date, visit_type: str, kader: str) -> Row:
    row = dict.fromkeys((c.name for c in COLUMNS), "")
    row.update(
        person_id=person.person_id,
        nik=person.nik,
        name=person.name,
        sex=person.sex,
        birth_date=person.birth_date.isoformat(),
        nik_ibu=person.nik_ibu,
        parent_name=person.parent_name,
        kk=person.kk,
        posyandu=POSYANDU_NUMBER,
        visit_date=visit_date.isoformat(),
        visit_type=visit_type,
        kader=kader,
        has_kia=person.has_kia,
        moved_out_on=person.moved_out_on.isoformat() if person.moved_out_on else "",
    )
    return row


def open_day_kader(person: Person, month_index: int) -> str:
    return KADERS[(int(person.person_id[4:]) + month_index) % len(KADERS)]


def home_kader(person: Person) -> str:
    return KADERS[person.household % len(KADERS)]


def present(person: Person, on: dt.date) -> bool:
    """Whether the person lives in the area (born, moved in, not moved out)."""
    if on < person.birth_date:
        return False
    if person.moved_in is not None and on < person.moved_in:
        return False
    return person.moved_out_on is None or on <= person.moved_out_on


# ==========================================================================
# Children's visits
# ==========================================================================


@dataclasses.dataclass
class ChildState:
    """What a child's record carries from one visit to the next."""

    weight_dev: float = 0.0
    given: dict[str, dt.date] = dataclasses.field(default_factory=dict)
    vitamin_a_dates: list[dt.date] = dataclasses.field(default_factory=list)
    last_weight: float | None = None
    last_weighed: dt.date | None = None


def doses_due(
    child: Child, state: ChildState, on: dt.date, *, withheld: Iterable[str] = ()
) -> list[str]:
    """Doses this child gets at a visit on ``on`` (in schedule order).

    ``withheld`` doses are not given on this occasion (nor, therefore, the
    later doses of their series).
    """
    months = completed_months(child.person.birth_date, on)
    skip = {*child.refused_doses, *withheld}
    due = []
    for code, due_months in SCHEDULE:
        if code in state.given or code in skip:
            continue
        if months < due_months - (1 if code in child.early_doses else 0):
            continue
        if months >= MAX_AGE_MONTHS.get(code, 999):
            continue
        previous = previous_dose(code)
        if previous is not None:
            if previous not in state.given:
                continue
            gap = MIN_GAP_DAYS.get(code, DEFAULT_GAP_DAYS)
            if (on - state.given[previous]).days < gap:
                continue
        due.append(code)
    return due


def previous_dose(code: str) -> str | None:
    """The dose of the same series that must come first (OPV2 -> OPV1)."""
    stem, number = code.rstrip("0123456789"), code[len(code.rstrip("0123456789")) :]
    if not number or number == "1":
        return None
    return f"{stem}{int(number) - 1}"


def dose_history(child: Child, first_visit: dt.date) -> dict[str, dt.date]:
    """Doses already in the Buku KIA when the child's first sample visit comes.

    HB-0 on the day of birth (birth facility), then every dose on time at the
    open day (the 10th) of the months before the first sample visit, by the
    same rule as in the sample, leaving out the doses the child missed or
    the family refused. They are copied into the register as ``CODE@date``.
    """
    if child.born_in_sample:
        return {}
    birth = child.person.birth_date
    state = ChildState(given={"HB0": birth})
    day = birth.replace(day=OPEN_DAY) if birth.day < OPEN_DAY else next_open_day(birth)
    while day < first_visit:
        for code in doses_due(child, state, day, withheld=child.missed_before):
            state.given[code] = day
        day = next_open_day(day)
    return state.given


def next_open_day(after: dt.date) -> dt.date:
    """The open day (the 10th) of the month after ``after``'s month."""
    year, month = divmod(after.year * 12 + after.month, 12)
    return dt.date(year, month + 1, OPEN_DAY)


def history_cell(history: dict[str, dt.date]) -> list[str]:
    """``CODE@YYYY-MM-DD`` entries, by date then schedule order."""
    order = {code: i for i, code in enumerate(["HB0", *(c for c, _ in SCHEDULE)])}
    doses = sorted(history.items(), key=lambda d: (d[1], order[d[0]]))
    return [f"{code}@{date.isoformat()}" for code, date in doses]


def measure_child(
    rng: np.random.Generator,
    child: Child,
    state: ChildState,
    on: dt.date,
    *,
    falter: bool,
    wrong_method: bool,
) -> tuple[Row, list[str]]:
    """Weight, length/height, head circumference (infants); cells and equipment."""
    person = child.person
    months = age_in_months(person.birth_date, on)
    days = (on - person.birth_date).days
    child.length_z += float(rng.normal(0.0, 0.03))
    weight = next_weight(rng, child, state, on, falter=falter)
    baby = days < STANDING_FROM_DAYS
    standing = (not baby) != wrong_method
    length = expected_length(person.sex, months, child.length_z) + float(
        rng.normal(0, 0.2)
    )
    if standing:
        length -= LYING_TO_STANDING_CM
    state.last_weight = float(fmt(weight, 2 if baby else 1))
    state.last_weighed = on
    cells = {
        "weight_kg": fmt(weight, 2 if baby else 1),
        "length_cm": fmt(length, 1),
        "measure": "berdiri" if standing else "terlentang",
    }
    equipment = [
        BABY_SCALE if baby else FLOOR_SCALE,
        STADIOMETER if standing else LENGTH_BOARD,
    ]
    if months < 12:
        head = expected_head(person.sex, months, child.head_z) + float(
            rng.normal(0, 0.2)
        )
        cells["head_cm"] = fmt(head, 1)
        equipment.append(HEAD_TAPE)
    return cells, equipment


def minimum_gain(months: int) -> float:
    """KBM, the minimum monthly weight gain in kg (Buku KIA 2023, DOMAIN.md §4.3)."""
    return KBM_KG[min(months, len(KBM_KG) - 1)]


def next_weight(
    rng: np.random.Generator,
    child: Child,
    state: ChildState,
    on: dt.date,
    *,
    falter: bool,
) -> float:
    """This month's weight: along the child's curve, mostly gaining at least the KBM.

    A child following their WHO-like curve gains about the median increment,
    which is close to the KBM; thriving months add a little more so that most
    weighings are N. Some months gain less (T); faltering months stay flat.
    The child's weight z-score follows the weights actually recorded.
    """
    sex, months = child.person.sex, age_in_months(child.person.birth_date, on)
    state.weight_dev = 0.8 * state.weight_dev + float(rng.normal(0.0, 0.05))
    on_curve = expected_weight(sex, months, child.weight_z + state.weight_dev)
    last, last_date = state.last_weight, state.last_weighed
    completed = completed_months(child.person.birth_date, on)
    if last is None or last_date is None or completed == 0:
        return on_curve
    gap = (on.year - last_date.year) * 12 + on.month - last_date.month
    kbm = minimum_gain(completed)
    if falter:
        weight = last + float(rng.uniform(-0.15, 0.05))
    elif rng.random() < 0.12:
        weight = last + gap * kbm * float(rng.uniform(0.0, 0.9))
    else:
        weight = max(on_curve, last + gap * (kbm + float(rng.uniform(0.005, 0.06))))
    child.weight_z = weight_z_of(sex, months, weight) - state.weight_dev
    return weight


def wants_muac(child: Child, on: dt.date) -> bool:
    months = completed_months(child.person.birth_date, on)
    if not 6 <= months < 60:
        return False
    return on.month in VITAMIN_A_MONTHS or child.profile == "wasted"


def muac_cell(rng: np.random.Generator, child: Child, on: dt.date) -> str:
    months = age_in_months(child.person.birth_date, on)
    z = 0.7 * child.weight_z - 0.3 * child.length_z * 0.5
    return fmt(
        expected_muac(child.person.sex, months, z) + float(rng.normal(0, 0.2)), 1
    )


def gets_vitamin_a(child: Child, state: ChildState, on: dt.date) -> bool:
    """Vitamin A in February and August, 6-59 months; infants once a year."""
    months = completed_months(child.person.birth_date, on)
    if on.month not in VITAMIN_A_MONTHS or not 6 <= months < 60:
        return False
    if any(d.month == on.month and d.year == on.year for d in state.vitamin_a_dates):
        return False
    return not (months < 12 and state.vitamin_a_dates)


def gets_deworming(child: Child, on: dt.date) -> bool:
    months = completed_months(child.person.birth_date, on)
    return on.month == DEWORMING_MONTH and 12 <= months < 60


def child_visit(
    rng: np.random.Generator,
    child: Child,
    state: ChildState,
    on: dt.date,
    month_index: int,
    *,
    wrong_method: bool,
) -> Row:
    person = child.person
    row = base_row(person, on, "hari_buka", open_day_kader(person, month_index))
    cells, equipment = measure_child(
        rng, child, state, on,
        falter=month_index in child.falter_months,
        wrong_method=wrong_method,
    )  # fmt: skip
    row.update(cells)
    if wants_muac(child, on):
        row["muac_cm"] = muac_cell(rng, child, on)
        equipment.append(MUAC_TAPE)
    doses = doses_due(child, state, on)
    for code in doses:
        state.given[code] = on
    row["immunizations"] = ";".join(doses)
    if gets_vitamin_a(child, state, on):
        row["vitamin_a"] = "y"
        state.vitamin_a_dates.append(on)
    if gets_deworming(child, on):
        row["deworming"] = "y"
    row["equipment"] = ";".join(equipment)
    return row


def birth_row(rng: np.random.Generator, child: Child, state: ChildState) -> Row:
    """The newborn's first row: birth measurements and HB-0 on the day of birth."""
    person = child.person
    row = base_row(person, person.birth_date, "kunjungan_rumah", home_kader(person))
    weight = expected_weight(person.sex, 0.0, child.weight_z) + float(
        rng.normal(0, 0.05)
    )
    length = expected_length(person.sex, 0.0, child.length_z)
    head = expected_head(person.sex, 0.0, child.head_z)
    row.update(
        weight_kg=fmt(weight, 2),
        length_cm=fmt(length, 1),
        measure="terlentang",
        head_cm=fmt(head, 1),
        immunizations="HB0",
    )
    state.given["HB0"] = person.birth_date
    state.last_weight = float(fmt(weight, 2))
    state.last_weighed = person.birth_date
    return row


def sweeping_row(child: Child, state: ChildState, on: dt.date) -> Row:
    """Vitamin A (and deworming) brought home to a child who missed the open day."""
    row = base_row(child.person, on, "sweeping", home_kader(child.person))
    row["vitamin_a"] = "y"
    state.vitamin_a_dates.append(on)
    if gets_deworming(child, on):
        row["deworming"] = "y"
    return row


def recheck_row(
    rng: np.random.Generator,
    child: Child,
    state: ChildState,
    open_day: dt.date,
    last_month: float | None,
) -> Row:
    """A re-check at home a week after the open day: weighed again.

    The second weighing of the month is heavier and would be N against last
    month's weighing; the month's status still comes from the first one.
    """
    person = child.person
    on = open_day + dt.timedelta(days=RECHECK_AFTER_DAYS)
    assert state.last_weight is not None
    baby = (on - person.birth_date).days < STANDING_FROM_DAYS
    weight = state.last_weight + float(rng.uniform(0.05, 0.2))
    if last_month is not None:
        kbm = minimum_gain(completed_months(person.birth_date, on))
        weight = max(weight, last_month + kbm + float(rng.uniform(0.05, 0.1)))
    row = base_row(person, on, "kunjungan_rumah", home_kader(person))
    row["weight_kg"] = fmt(weight, 2 if baby else 1)
    equipment = [BABY_SCALE if baby else FLOOR_SCALE]
    if wants_muac(child, on):
        row["muac_cm"] = muac_cell(rng, child, on)
        equipment.append(MUAC_TAPE)
    row["equipment"] = ";".join(equipment)
    return row


def child_rows(
    rng: np.random.Generator, child: Child, wrong_method_months: Iterable[int]
) -> list[Row]:
    """Every row of one child over the sample year."""
    person = child.person
    state = ChildState()
    rows = []
    if child.born_in_sample:
        rows.append(birth_row(rng, child, state))
    forced = set(wrong_method_months)
    history: dict[str, dt.date] | None = None
    for month_index, day in enumerate(OPEN_DAYS):
        if not present(person, day) or completed_months(person.birth_date, day) >= 72:
            continue
        if history is None:
            history = dose_history(child, day)
            state.given.update(history)
        attends = (
            month_index in forced
            or month_index in child.attend_months
            or (month_index not in child.skipped_months and rng.random() < 0.93)
        )
        if attends:
            before = state.last_weight
            rows.append(
                child_visit(
                    rng, child, state, day, month_index,
                    wrong_method=month_index in forced,
                )
            )  # fmt: skip
            if month_index in child.recheck_months:
                rows.append(recheck_row(rng, child, state, day, before))
        elif day.month in VITAMIN_A_MONTHS:
            sweep = day.replace(day=SWEEPING_DAY)
            if present(person, sweep) and gets_vitamin_a(child, state, sweep):
                rows.append(sweeping_row(child, state, sweep))
    if history and rows:
        # The Buku KIA's earlier doses, copied at the child's first row here.
        doses = [d for d in rows[0]["immunizations"].split(";") if d]
        rows[0]["immunizations"] = ";".join([*history_cell(history), *doses])
    return rows


# ==========================================================================
# Adults' visits
# ==========================================================================


def adult_measurements(
    rng: np.random.Generator, person: Person, on: dt.date, profile: AdultProfile
) -> tuple[Row, list[str]]:
    """Weight, height, waist and blood pressure; glucose for some."""
    weight = profile.weight + float(rng.normal(0, 0.6))
    cells = {
        "weight_kg": fmt(weight, 1),
        "length_cm": fmt(profile.height + float(rng.normal(0, 0.3)), 1),
        "measure": "berdiri",
        "waist_cm": fmt(profile.waist + float(rng.normal(0, 1.0)), 1),
        "systolic_mmhg": fmt(profile.systolic + float(rng.normal(0, 6)), 0),
        "diastolic_mmhg": fmt(profile.diastolic + float(rng.normal(0, 4)), 0),
    }
    equipment = [FLOOR_SCALE, STADIOMETER, BP_MONITOR]
    if profile.glucose is not None:
        cells["glucose_mg_dl"] = fmt(profile.glucose + float(rng.normal(0, 8)), 0)
        equipment.append(GLUCOMETER)
    return cells, equipment


@dataclasses.dataclass
class AdultProfile:
    """An adult's usual values, around which each visit's readings vary."""

    height: float
    weight: float
    waist: float
    systolic: float
    diastolic: float
    glucose: float | None


def adult_profile(
    rng: np.random.Generator, person: Person, on: dt.date
) -> AdultProfile:
    age = completed_months(person.birth_date, on) // 12
    male = person.sex == "L"
    height = float(rng.normal(164.0 if male else 152.0, 5.0)) - (
        0.08 * max(0, age - 50)
    )
    bmi = float(rng.normal(24.0, 3.5))
    weight = bmi * (height / 100) ** 2
    waist = 50.0 + 1.6 * bmi + float(rng.normal(0, 3)) + (4.0 if male else 0.0)
    systolic = 108.0 + 0.55 * max(0, age - 30) + float(rng.normal(0, 9))
    diastolic = min(
        systolic - 30.0, 70.0 + 0.25 * max(0, age - 30) + float(rng.normal(0, 6))
    )
    check_glucose = age >= 60 or rng.random() < 0.35
    glucose = float(rng.normal(112.0, 18.0)) if check_glucose else None
    if glucose is not None and rng.random() < 0.12:
        glucose += 110.0  # undiagnosed diabetes: a finding, not an error
    return AdultProfile(height, weight, waist, systolic, diastolic, glucose)


def screening_months(rng: np.random.Generator, person: Person, count: int) -> list[int]:
    months = [i for i, day in enumerate(OPEN_DAYS) if present(person, day)]
    picked = rng.choice(len(months), size=min(count, len(months)), replace=False)
    return sorted(months[int(i)] for i in picked)


def adult_rows(rng: np.random.Generator, person: Person, visits: int) -> list[Row]:
    """An adult or elderly person screened once or twice in the year."""
    profile = adult_profile(rng, person, OPEN_DAYS[0])
    rows = []
    for month_index in screening_months(rng, person, visits):
        day = OPEN_DAYS[month_index]
        row = base_row(person, day, "hari_buka", open_day_kader(person, month_index))
        cells, equipment = adult_measurements(rng, person, day, profile)
        row.update(cells)
        row["equipment"] = ";".join(equipment)
        rows.append(row)
    return rows


def mother_rows(
    rng: np.random.Generator, household: Household, td_plan: Sequence[str]
) -> list[Row]:
    """A mother's rows: pregnancy, postpartum and breastfeeding, or PTM screening."""
    mother = household.mother
    assert mother is not None
    profile = adult_profile(rng, mother, OPEN_DAYS[0])
    if household.delivery is not None:
        return pregnancy_rows(rng, mother, household.delivery, profile, td_plan)
    youngest = (
        max(c.birth_date for c in household.children) if household.children else None
    )
    nursing_days = [
        i
        for i, day in enumerate(OPEN_DAYS)
        if youngest is not None
        and completed_months(youngest, day) < 24
        and present(mother, day)
    ]
    rows = []
    months = screening_months(rng, mother, 1 + int(rng.random() < 0.4))
    for month_index in months:
        day = OPEN_DAYS[month_index]
        row = base_row(mother, day, "hari_buka", open_day_kader(mother, month_index))
        cells, equipment = adult_measurements(rng, mother, day, profile)
        row.update(cells)
        if month_index in nursing_days:
            row["status"] = "menyusui"
        row["equipment"] = ";".join(equipment)
        rows.append(row)
    return rows


def pregnancy_rows(
    rng: np.random.Generator,
    mother: Person,
    delivery: dt.date,
    profile: AdultProfile,
    td_plan: Sequence[str],
) -> list[Row]:
    """Monthly rows while pregnant (status hamil), then nifas and menyusui."""
    conception = days_before(delivery, 266)
    booked = conception + dt.timedelta(days=56)
    pre_weight = profile.weight
    muac_base = 6.5 + 0.88 * (pre_weight / (profile.height / 100) ** 2)  # LiLA ~ BMI
    rows: list[Row] = []
    td_doses = list(td_plan)
    last_td: dt.date | None = None
    hb_done = 0
    for month_index, day in enumerate(OPEN_DAYS):
        if not booked <= day < delivery or rng.random() > 0.8:
            continue
        weeks = (day - conception).days / 7
        row = base_row(mother, day, "hari_buka", open_day_kader(mother, month_index))
        row["status"] = "hamil"
        gain = 0.45 * max(0.0, weeks - 13) + 0.1 * min(weeks, 13)
        row.update(
            weight_kg=fmt(pre_weight + gain + float(rng.normal(0, 0.4)), 1),
            muac_cm=fmt(muac_base + float(rng.normal(0, 0.2)), 1),
            systolic_mmhg=fmt(profile.systolic + float(rng.normal(0, 5)), 0),
            diastolic_mmhg=fmt(profile.diastolic + float(rng.normal(0, 4)), 0),
        )
        if hb_done < 2 and (not rows or weeks > 28):
            row["hb_g_dl"] = fmt(float(rng.normal(11.4, 0.9)), 1)
            hb_done += 1
        if td_doses and (last_td is None or (day - last_td).days >= 28):
            row["immunizations"] = td_doses.pop(0)
            last_td = day
        row["equipment"] = ";".join((FLOOR_SCALE, MUAC_TAPE, BP_MONITOR))
        rows.append(row)
    rows.extend(postpartum_rows(rng, mother, delivery, profile))
    return rows


def postpartum_rows(
    rng: np.random.Generator, mother: Person, delivery: dt.date, profile: AdultProfile
) -> list[Row]:
    """Home visit on day 2 (nifas, vitamin A), then open days while breastfeeding."""
    home = delivery + dt.timedelta(days=2)
    row = base_row(mother, home, "kunjungan_rumah", home_kader(mother))
    row.update(
        status="nifas;menyusui",
        systolic_mmhg=fmt(profile.systolic + float(rng.normal(0, 5)), 0),
        diastolic_mmhg=fmt(profile.diastolic + float(rng.normal(0, 4)), 0),
        vitamin_a="y",
        equipment=BP_MONITOR,
    )
    rows = [row]
    later = [(i, d) for i, d in enumerate(OPEN_DAYS) if d > home][:2]
    for month_index, day in later:
        row = base_row(mother, day, "hari_buka", open_day_kader(mother, month_index))
        row["status"] = "nifas;menyusui" if (day - delivery).days <= 42 else "menyusui"
        row.update(
            weight_kg=fmt(profile.weight + 2.5 + float(rng.normal(0, 0.5)), 1),
            systolic_mmhg=fmt(profile.systolic + float(rng.normal(0, 5)), 0),
            diastolic_mmhg=fmt(profile.diastolic + float(rng.normal(0, 4)), 0),
            equipment=";".join((FLOOR_SCALE, BP_MONITOR)),
        )
        rows.append(row)
    return rows


def school_child_rows(rng: np.random.Generator, person: Person) -> list[Row]:
    """School-age children and adolescents: weight, height, BP once or twice a year."""
    rows = []
    z = float(rng.normal(-0.3, 0.8))
    for month_index in screening_months(rng, person, 1 + int(rng.random() < 0.5)):
        day = OPEN_DAYS[month_index]
        years = age_in_months(person.birth_date, day) / 12
        male = person.sex == "L"
        growth = 6.0 if years < 12 else (5.0 if male else 2.5)
        height = (
            116.0 + 6.0 * min(years - 6, 6) + growth * max(0.0, years - 12) + 5.5 * z
        )
        bmi = 15.3 + 0.45 * (years - 6) + 0.8 * z + float(rng.normal(0, 0.8))
        row = base_row(person, day, "hari_buka", open_day_kader(person, month_index))
        row.update(
            weight_kg=fmt(bmi * (height / 100) ** 2, 1),
            length_cm=fmt(height, 1),
            measure="berdiri",
            school_grade=str(school_grade(person, day)),
        )
        equipment = [FLOOR_SCALE, STADIOMETER]
        if years >= 10:
            systolic = 100.0 + 1.5 * (years - 10) + float(rng.normal(0, 7))
            row["systolic_mmhg"] = fmt(systolic, 0)
            row["diastolic_mmhg"] = fmt(systolic - 38 + float(rng.normal(0, 4)), 0)
            equipment.append(BP_MONITOR)
            if not male:
                row["muac_cm"] = fmt(
                    20.5 + 0.5 * (years - 10) + float(rng.normal(0, 1)), 1
                )
                row["hb_g_dl"] = fmt(float(rng.normal(12.2, 0.9)), 1)
                equipment.append(MUAC_TAPE)
        row["equipment"] = ";".join(equipment)
        rows.append(row)
    return rows


def school_grade(person: Person, on: dt.date) -> int:
    assert person.school_grade is not None
    return person.school_grade + (1 if on >= NEW_SCHOOL_YEAR else 0)


# ==========================================================================
# The population of Posyandu Melati
# ==========================================================================

N_HOUSEHOLDS = 30
N_UNDER_FIVES_AT_START = 39
PRESCHOOL_AGES_MONTHS = (61, 64, 67)
SCHOOL_AGES_YEARS = (6, 6, 7, 8, 8, 9, 9, 9, 10, 11, 12, 13, 14, 15, 16)
# Households where a baby is born during the sample, and the birth dates.
DELIVERIES = {14: dt.date(2026, 1, 22), 19: dt.date(2026, 3, 27),
              22: dt.date(2026, 5, 19), 26: dt.date(2026, 7, 24),
              29: dt.date(2026, 9, 16)}  # fmt: skip
# Td doses given during pregnancy, per delivering household.
TD_PLANS = {14: ("Td2",), 19: ("Td1", "Td2"), 22: (), 26: ("Td3",), 29: ()}
ELDER_HOUSEHOLDS = (0, 4, 8, 12, 16, 20, 24)
FATHER_HOUSEHOLDS = (1, 6, 11, 17, 23)
MOVED_OUT_HOUSEHOLD, MOVED_OUT_ON = 7, dt.date(2026, 6, 20)
MOVED_IN_ON = dt.date(2026, 5, 3)
NO_KIA = 4  # under-fives whose family has no Buku KIA / KMS
LAST_MONTH = len(OPEN_DAYS) - 1  # month index of the latest open day


@dataclasses.dataclass
class Sample:
    """Everyone in the sample, by role."""

    households: list[Household]
    children: list[Child]
    school_children: list[Person]
    adults: list[tuple[Person, int]]  # person and number of visits


def build_households(rng: np.random.Generator) -> list[Household]:
    households = []
    for index in range(N_HOUSEHOLDS + 1):
        region = HOME_REGION if index % 6 else OTHER_REGIONS[(index // 6) % 2]
        households.append(Household(index, make_kk(rng, region, 100 + index), region))
    return households


def child_growth_plan(rng: np.random.Generator, person: Person, profile: str) -> Child:
    """Individual z-score offsets for a normal, stunted, wasted or overweight child."""
    if profile == "stunted":
        length_z = float(rng.normal(-2.6, 0.25))
        weight_z = 0.6 * length_z + float(rng.normal(0, 0.3))
    elif profile == "severely_stunted":
        length_z = float(rng.normal(-3.6, 0.1))
        weight_z = 0.5 * length_z + float(rng.normal(0, 0.2))
    elif profile == "wasted":
        length_z = float(rng.normal(-0.6, 0.3))
        weight_z = float(rng.normal(-2.6, 0.15))
    elif profile == "overweight":
        length_z = float(rng.normal(0.3, 0.3))
        weight_z = float(rng.normal(2.6, 0.15))
    else:
        length_z = float(np.clip(rng.normal(-0.6, 0.7), -1.7, 1.5))
        weight_z = float(np.clip(0.5 * length_z + rng.normal(-0.2, 0.5), -1.6, 1.4))
    head_z = 0.3 * length_z + float(rng.normal(0, 0.7))
    return Child(person, length_z, weight_z, head_z, profile)


def build_sample(rng: np.random.Generator) -> Sample:
    population = Population(rng)
    households = build_households(rng)
    start = OPEN_DAYS[0]
    kid_births: dict[int, list[dt.date]] = {h.index: [] for h in households}
    for i in range(N_UNDER_FIVES_AT_START):
        # Ages spread evenly over 5-1795 days: one child in each 46-day slot.
        slot = 1790 // N_UNDER_FIVES_AT_START
        age = 5 + i * slot + int(rng.integers(0, slot))
        kid_births[i % N_HOUSEHOLDS].append(days_before(start, age))
    for offset, months in enumerate(PRESCHOOL_AGES_MONTHS):
        kid_births[10 + offset].append(
            days_before(start, int(months * DAYS_PER_MONTH) + 9)
        )
    school_births: dict[int, list[dt.date]] = {}
    for offset, years in enumerate(SCHOOL_AGES_YEARS):
        born = days_before(start, years * 365 + int(rng.integers(30, 330)))
        school_births[13 + offset] = [born]
    mover_birth = days_before(MOVED_IN_ON, int(20 * DAYS_PER_MONTH))
    kid_births[N_HOUSEHOLDS].append(mover_birth)

    # Mothers first (older than their eldest child by 19-30 years).
    for household in households:
        births = kid_births[household.index] + school_births.get(household.index, [])
        eldest = min(births)
        years = 19 + int(rng.integers(0, 12))
        mother_birth = days_before(eldest, years * 365 + int(rng.integers(0, 360)))
        household.mother = population.add(household, "P", mother_birth, has_kia="y")
    mothers = {h.index: h.mother for h in households if h.mother is not None}

    children: list[Child] = []
    school_children: list[Person] = []
    for household in households:
        mother = mothers[household.index]
        for born in sorted(kid_births[household.index]):
            person = population.add(
                household, "L" if rng.random() < 0.5 else "P", born,
                mother=mother, has_kia="y",
            )  # fmt: skip
            household.children.append(person)
            children.append(child_growth_plan(rng, person, "normal"))
        for born in school_births.get(household.index, []):
            grade = max(1, completed_months(born, dt.date(2025, 7, 13)) // 12 - 5)
            person = population.add(
                household, "L" if rng.random() < 0.5 else "P", born,
                mother=mother, school_grade=grade,
            )  # fmt: skip
            household.children.append(person)
            school_children.append(person)
    for index, delivery in DELIVERIES.items():
        household = households[index]
        household.delivery = delivery
        mother = mothers[index]
        person = population.add(
            household, "L" if index % 2 else "P", delivery,
            mother=mother, has_kia="y",
        )  # fmt: skip
        household.children.append(person)
        newborn = child_growth_plan(rng, person, "normal")
        newborn.born_in_sample = True
        children.append(newborn)

    adults: list[tuple[Person, int]] = []
    elder_names = {"P": iter(ELDER_FEMALE), "L": iter(ELDER_MALE)}
    for index in ELDER_HOUSEHOLDS:
        sex = "P" if index % 8 else "L"
        name = next(elder_names[sex])
        born = random_birth(rng, start, 60, 78)
        elder = population.add(households[index], sex, born, name=name)
        adults.append((elder, 1 + int(rng.random() < 0.6)))
    for index in FATHER_HOUSEHOLDS:
        mother = mothers[index]
        born = days_before(mother.birth_date, int(rng.integers(200, 2500)))
        adults.append((population.add(households[index], "L", born), 1))

    apply_moves(households)
    sample = Sample(households, children, school_children, adults)
    assign_child_profiles(rng, sample)
    return sample


def apply_moves(households: list[Household]) -> None:
    """One household moves out mid-year; the extra household moves in."""
    leaving = households[MOVED_OUT_HOUSEHOLD]
    arriving = households[N_HOUSEHOLDS]
    for person in [leaving.mother, *leaving.children]:
        if person is not None:
            person.moved_out_on = MOVED_OUT_ON
    for person in [arriving.mother, *arriving.children]:
        if person is not None:
            person.moved_in = MOVED_IN_ON


def first_child_where(
    children: Sequence[Child], condition: Callable[[Child], bool]
) -> Child:
    for child in children:
        if condition(child):
            return child
    msg = "no child fits the condition"
    raise LookupError(msg)


def months_old(child: Child, month_index: int) -> int:
    return completed_months(child.person.birth_date, OPEN_DAYS[month_index])


def assign_child_profiles(rng: np.random.Generator, sample: Sample) -> None:
    """Pick who is stunted, wasted, overweight, faltering, absent or unvaccinated."""
    regular = [
        c for c in sample.children
        if not c.born_in_sample and c.person.moved_in is None
        and c.person.moved_out_on is None and months_old(c, 0) < 60
    ]  # fmt: skip
    order = [regular[int(i)] for i in rng.permutation(len(regular))]
    profiles = (
        ["stunted"] * 6 + ["severely_stunted"] + ["wasted"] * 2 + ["overweight"] * 2
    )
    for child, profile in zip(order, profiles, strict=False):
        plan = child_growth_plan(rng, child.person, profile)
        child.length_z, child.weight_z, child.head_z = (
            plan.length_z,
            plan.weight_z,
            plan.head_z,
        )
        child.profile = profile
        if profile != "stunted":
            child.attend_months = (LAST_MONTH,)  # visible in the latest report
    rest = order[len(profiles) :]
    rest[0].falter_months = (4,)
    rest[1].falter_months = (6, 7)  # two consecutive T: 2T
    rest[2].falter_months = (9,)
    rest[2].recheck_months = (9,)  # T at the open day, N at the re-check
    order[0].falter_months = (3, 4)  # a stunted child who also falters
    rest[3].skipped_months = (2, 3)
    rest[4].skipped_months = (5,)
    rest[5].skipped_months = (8, 9, 10)
    for child in rest[6 : 6 + NO_KIA]:
        child.person.has_kia = "n"
    # 2T in the latest month: a toddler who stops gaining in the last two.
    first_child_where(
        rest[6 + NO_KIA :], lambda c: 12 <= months_old(c, LAST_MONTH) < 48
    ).falter_months = (LAST_MONTH - 1, LAST_MONTH)
    wasted = first_child_where(order, lambda c: c.profile == "wasted")
    wasted.recheck_months = (LAST_MONTH - 1,)  # PMT follow-up a week later
    for child in sample.children:
        # Faltering and re-checked children come that month and the one before.
        months = {m - d for m in child.falter_months for d in (0, 1)}
        months |= set(child.recheck_months) | set(child.attend_months)
        child.attend_months = tuple(sorted(m for m in months if m >= 0))
    plan_immunization_exceptions(sample.children)


def plan_immunization_exceptions(children: Sequence[Child]) -> None:
    """Late, early and missing doses."""
    newborns = [c for c in children if c.born_in_sample]
    newborns[0].early_doses = ("DPT-HB-Hib1", "OPV2", "RV1", "PCV1")
    newborns[2].skipped_months = (6,)  # misses the first open day: BCG/OPV1 late
    newborns[3].refused_doses = ("RV1", "RV2", "RV3")  # rotavirus out of stock
    young = [c for c in children if not c.born_in_sample and 0 <= months_old(c, 0) <= 8]
    young[1].early_doses = ("MR1",)
    # The family stopped injections after DPT-HB-Hib2: oral doses only, rest overdue.
    young[2].refused_doses = ("DPT-HB-Hib3", "IPV1", "MR1", "IPV2", "PCV3")
    toddlers = [c for c in children if 12 <= months_old(c, 0) <= 20]
    toddlers[0].missed_before = ("MR1", "IPV2")  # catch-up at the first visit
    toddlers[1].refused_doses = ("DPT-HB-Hib4", "MR2")
    older = [c for c in children if 9 <= months_old(c, 0) <= 30]
    older[-1].missed_before = ("PCV3",)


def wrong_method_visits(children: Sequence[Child]) -> dict[str, list[int]]:
    """Three deliberate measuring-method mismatches (DOMAIN.md §3.3)."""

    def aged(low: int, high: int, month_index: int) -> Child:
        return first_child_where(
            children,
            lambda c: c.person.moved_out_on is None and c.person.moved_in is None
            and low <= months_old(c, month_index) < high,
        )  # fmt: skip

    picks = [(aged(25, 30, 3), 3), (aged(18, 23, 7), 7), (aged(40, 48, 9), 9)]
    plan: dict[str, list[int]] = {}
    for child, month_index in picks:
        plan.setdefault(child.person.person_id, []).append(month_index)
    return plan


# ==========================================================================
# The life cycle: pregnancy to nifas, PTM, lansia (DOMAIN.md §7-§10)
# ==========================================================================
#
# Added after every other row is drawn, with its own generator, so the
# children's rows (and every count made of them) keep every byte.

LIFE_SEED = (SEED, 13)
# ANC contacts of the pregnancies that start inside the sample year, as
# (gestational week, provider, USG): a complete K1-K6 and one short of the
# standard (no contact in trimester 1, trimester 2 contact only once).
ANC_COMPLETE = ((8, "dokter", True), (16, "bidan", False), (22, "bidan", False),
                (28, "bidan", False), (33, "dokter", True), (37, "bidan", False))  # fmt: skip
ANC_LATE = ((14, "bidan", False), (26, "bidan", False), (30, "dokter", True),
            (34, "bidan", False))  # fmt: skip
ANC_HOUSEHOLDS = {26: ANC_COMPLETE, 29: ANC_LATE}
# Pregnancies still running at the end of the sample (household: HPHT, what
# the latest open day shows), and one birth a few days before the last open
# day so that KF2 is due on it.
CURRENT_PREGNANCIES = {
    2: (dt.date(2026, 8, 20), "kek"),  # trimester 1, LiLA < 23.5
    5: (dt.date(2026, 5, 5), "anaemia"),  # trimester 3, Hb 9.6, K1 late
    9: (dt.date(2026, 2, 20), "danger"),  # term, high BP with danger signs
}
RECENT_BIRTH = (3, dt.date(2026, 1, 30), dt.date(2026, 11, 6))  # household, HPHT, birth
# Elderly: (ADL Barthel total, SKILAS domains found positive), one per elder.
ELDER_PLANS = ((20, "negatif"), (20, "mobilitas"), (17, "penglihatan;pendengaran"),
               (10, "kognitif;mobilitas"), (7, "malnutrisi;depresi"), (20, "negatif"),
               (3, "kognitif;mobilitas;malnutrisi"))  # fmt: skip


def hpht_of(delivery: dt.date) -> dt.date:
    return days_before(delivery, 280)


def anc_rows(
    mother: Person, hpht: dt.date, plan: Sequence[tuple[int, str, bool]], until: dt.date
) -> list[Row]:
    """ANC contacts copied from the Buku KIA: one row on each contact's date."""
    rows = []
    for n, (week, provider, usg) in enumerate(plan, start=1):
        day = hpht + dt.timedelta(weeks=week, days=2)
        if day >= until:
            break
        row = base_row(mother, day, "", "")
        row.update(status="hamil", hpht=hpht.isoformat(), anc_contact=f"K{n}",
                   anc_provider=provider, anc_usg="y" if usg else "n")  # fmt: skip
        rows.append(row)
    return rows


def pregnancy_open_days(
    life: np.random.Generator,
    mother: Person,
    hpht: dt.date,
    until: dt.date,
    profile: str,
) -> list[Row]:
    """Open-day rows of a pregnancy inside the sample year, from week 6 on."""
    rows = []
    height = float(life.normal(153.0, 4.0))
    pre_weight = float(life.normal(52.0, 4.0))
    for month_index, day in enumerate(OPEN_DAYS):
        weeks = (day - hpht).days / 7
        if weeks < 6 or day >= until:
            continue
        row = base_row(mother, day, "hari_buka", open_day_kader(mother, month_index))
        gain = 0.45 * max(0.0, weeks - 13) + 0.1 * min(weeks, 13)
        muac = 22.4 if profile == "kek" else float(life.normal(25.5, 0.8))
        systolic = 146 if profile == "danger" and day == OPEN_DAYS[-1] else 112
        row.update(
            status="hamil", hpht=hpht.isoformat(),
            weight_kg=fmt(pre_weight + gain + float(life.normal(0, 0.3)), 1),
            length_cm=fmt(height, 1), measure="berdiri",
            muac_cm=fmt(muac + float(life.normal(0, 0.1)), 1),
            systolic_mmhg=fmt(systolic + float(life.normal(0, 3)), 0),
            diastolic_mmhg=fmt(systolic - 40 + float(life.normal(0, 2)), 0),
            equipment=";".join((FLOOR_SCALE, STADIOMETER, MUAC_TAPE, BP_MONITOR)),
        )  # fmt: skip
        if day == OPEN_DAYS[-1] and profile == "anaemia":
            row["hb_g_dl"] = "9.6"
        if day == OPEN_DAYS[-1] and profile == "danger":
            row["danger_signs"] = "bengkak_sakit_kepala_kejang"
        rows.append(row)
    return rows


def recent_birth_rows(life: np.random.Generator, mother: Person) -> list[Row]:
    """A complete pregnancy, the birth, and the KF1 home visit the day after."""
    _, hpht, birth = RECENT_BIRTH
    rows = anc_rows(mother, hpht, ANC_COMPLETE, birth)
    rows += pregnancy_open_days(life, mother, hpht, birth, "normal")
    home = base_row(
        mother, birth + dt.timedelta(days=1), "kunjungan_rumah", home_kader(mother)
    )
    home.update(status="nifas;menyusui", delivery_date=birth.isoformat(),
                systolic_mmhg="118", diastolic_mmhg="76", vitamin_a="y",
                danger_signs="tidak_ada", equipment=BP_MONITOR)  # fmt: skip
    return [*rows, home]


def with_life_cycle(rows: list[Row], sample: Sample) -> list[Row]:
    """Fill the life-cycle columns: HPHT, delivery, ANC, danger signs, PTM, lansia."""
    life = np.random.default_rng(list(LIFE_SEED))
    by_household = {h.index: h for h in sample.households}
    replaced: dict[str, dt.date] = {}  # mothers whose rows from a date are redrawn
    added: list[Row] = []
    for index, (hpht, profile) in CURRENT_PREGNANCIES.items():
        mother = by_household[index].mother
        assert mother is not None
        assert index not in DELIVERIES
        replaced[mother.person_id] = hpht
        added += anc_rows(mother, hpht, ANC_LATE if profile == "anaemia" else ANC_COMPLETE,
                          OPEN_DAYS[-1] + dt.timedelta(days=1))  # fmt: skip
        added += pregnancy_open_days(
            life, mother, hpht, OPEN_DAYS[-1] + dt.timedelta(days=1), profile
        )
    recent = by_household[RECENT_BIRTH[0]].mother
    assert recent is not None
    replaced[recent.person_id] = RECENT_BIRTH[1]
    added += recent_birth_rows(life, recent)
    kept = [r for r in rows if not (r["person_id"] in replaced
            and r["visit_date"] >= replaced[r["person_id"]].isoformat())]  # fmt: skip
    for index, delivery in DELIVERIES.items():
        mother = by_household[index].mother
        assert mother is not None
        hpht = hpht_of(delivery)
        for row in kept:
            if row["person_id"] != mother.person_id:
                continue
            if "hamil" in row["status"]:
                row["hpht"] = hpht.isoformat()
            if "nifas" in row["status"]:
                row["delivery_date"] = delivery.isoformat()
                row["danger_signs"] = "tidak_ada"
        if index in ANC_HOUSEHOLDS:
            added += anc_rows(mother, hpht, ANC_HOUSEHOLDS[index], delivery)
    fill_ptm(life, kept, sample)
    return sorted(kept + added, key=lambda r: (r["visit_date"], r["person_id"]))


def fill_ptm(life: np.random.Generator, rows: list[Row], sample: Sample) -> None:
    """Glucose kind, HbA1c, cholesterol; one hypertensive father; ADL and SKILAS."""
    elders = [p for p, _ in sample.adults if p.name in ELDER_FEMALE + ELDER_MALE]
    plans = dict(zip((p.person_id for p in elders), ELDER_PLANS, strict=True))
    fathers = [p.person_id for p, _ in sample.adults if p not in elders]
    girls = [p.person_id for p in sample.school_children if p.sex == "P"]
    for row in rows:
        person = row["person_id"]
        if row["glucose_mg_dl"]:
            fasting = life.random() < 0.3
            row["glucose_kind"] = "GDP" if fasting else "GDS"
            if fasting:  # a fasting reading is lower than a random one
                row["glucose_mg_dl"] = fmt(float(row["glucose_mg_dl"]) - 25, 0)
            if float(row["glucose_mg_dl"]) >= 140 or life.random() < 0.25:
                row["hba1c_percent"] = fmt(4.6 + float(row["glucose_mg_dl"]) / 60, 1)
        if person in plans:
            adl, skilas = plans[person]
            row.update(adl_barthel=str(adl), skilas=skilas,
                       cholesterol_mg_dl=fmt(float(life.normal(215, 30)), 0))  # fmt: skip
        if person == fathers[0] and row["systolic_mmhg"]:
            row.update(systolic_mmhg="158", diastolic_mmhg="97")
        if person == fathers[1] and row["systolic_mmhg"]:
            row.update(glucose_mg_dl="236", glucose_kind="GDS", hba1c_percent="8.1")
        if girls and person == girls[-1] and row["hb_g_dl"]:
            row["hb_g_dl"] = "11.2"  # an anaemic adolescent girl


# ==========================================================================
# Writing and summarising
# ==========================================================================


def register_rows(rng: np.random.Generator, sample: Sample) -> list[Row]:
    rows: list[Row] = []
    mismatches = wrong_method_visits(sample.children)
    for child in sample.children:
        rows += child_rows(rng, child, mismatches.get(child.person.person_id, ()))
    for household in sample.households:
        rows += mother_rows(rng, household, TD_PLANS.get(household.index, ()))
    for person in sample.school_children:
        rows += school_child_rows(rng, person)
    for person, visits in sample.adults:
        rows += adult_rows(rng, person, visits)
    return sorted(rows, key=lambda r: (r["visit_date"], r["person_id"]))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def generate() -> tuple[str, str, list[Row]]:
    """Return the register CSV text, the equipment CSV text and the rows."""
    rng = np.random.default_rng(SEED)
    sample = build_sample(rng)
    rows = with_life_cycle(register_rows(rng, sample), sample)
    # Columns the sample does not use (WHO's input names, moving in) stay out.
    header = [c.name for c in COLUMNS if c.name not in UNUSED_COLUMNS]
    register = csv_text(header, ([r[h] for h in header] for r in rows))
    equipment = csv_text(EQUIPMENT_FIELDS, EQUIPMENT)
    return register, equipment, rows


def write_sample(out_dir: Path) -> list[Row]:
    """Write register.csv and equipment.csv into ``out_dir``; return the rows."""
    register, equipment, rows = generate()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "register.csv").write_bytes(register.encode("utf-8"))
    (out_dir / "equipment.csv").write_bytes(equipment.encode("utf-8"))
    write_city(out_dir / CITY_DIR)
    return rows


def summary(rows: Sequence[Row]) -> str:
    """People per life stage (at any visit), rows, visits per month."""
    stage_people: dict[str, set[str]] = {s.code: set() for s in load_life_stages()}
    for row in rows:
        stages = life_stages(
            birth_date=dt.date.fromisoformat(row["birth_date"]),
            sex=Sex(row["sex"]),
            on=dt.date.fromisoformat(row["visit_date"]),
            status=[s for s in row["status"].split(";") if s],
        )
        for stage in stages:
            stage_people[stage.code].add(row["person_id"])
    people = {r["person_id"] for r in rows}
    per_month = Counter(r["visit_date"][:7] for r in rows)
    per_type = Counter(r["visit_type"] for r in rows)
    lines = [
        f"{POSYANDU_NAME} ({POSYANDU_NUMBER}), Kota Bontang: "
        f"{len(people)} people, {len(rows)} rows",
        "People per life stage during the year:",
        *(f"  {code:<7} {len(ids):>3}" for code, ids in stage_people.items()),
        "Rows per month: "
        + ", ".join(f"{m} {n}" for m, n in sorted(per_month.items())),
        "Rows per visit type: "
        + ", ".join(f"{t} {n}" for t, n in sorted(per_type.items())),
    ]
    return "\n".join(lines)


# ==========================================================================
# The city: six Posyandu under two Puskesmas (new files in data/sample/kota/)
# ==========================================================================
#
# A second generator with its own seed, so the register of Posyandu Melati
# above keeps every byte. It writes the Posyandu registry, a register for the
# five other Posyandu (children weighed at the monthly open day), kader with
# assessments and trainings, non-health cases, the equipment inventory with
# calibration events, Posyandu closed days and the yearly inputs the
# registers cannot give (KIA, KB, immunization coverage ...).

CITY_SEED = SEED + 1
CITY_DIR = "kota"
KOTA = "Kota Bontang"
PKM_SELATAN, PKM_UTARA = "Puskesmas Bontang Selatan I", "Puskesmas Bontang Utara I"

# number, name, village code, kelurahan, kecamatan, pustu, puskesmas, venue,
# bidang (empty: all six), address
CITY_POSYANDU = (
    (POSYANDU_NUMBER, POSYANDU_NAME, "6474011001", "Tanjung Laut", "Bontang Selatan",
     "Pustu Tanjung Laut", PKM_SELATAN, "balai", "", "RT 05, Jl. Melati"),
    ("64.74.01.1001.002", "Posyandu Mawar", "6474011001", "Tanjung Laut", "Bontang Selatan",
     "Pustu Tanjung Laut", PKM_SELATAN, "masjid", "", "Masjid Al-Ikhlas, RT 12"),
    ("64.74.01.1002.001", "Posyandu Anggrek", "6474011002", "Berbas Pantai", "Bontang Selatan",
     "Pustu Berbas Pantai", PKM_SELATAN, "musholla", "", "Musholla Nurul Huda, RT 03"),
    ("64.74.02.1001.001", "Posyandu Kenanga", "6474021001", "Bontang Kuala", "Bontang Utara",
     "Pustu Bontang Kuala", PKM_UTARA, "balai", "", "Balai RT 08"),
    ("64.74.02.1002.001", "Posyandu Dahlia", "6474021002", "Bontang Baru", "Bontang Utara",
     "Pustu Bontang Baru", PKM_UTARA, "sekolah", "", "SD Negeri 004, RT 15"),
    ("64.74.02.1002.002", "Posyandu Flamboyan", "6474021002", "Bontang Baru", "Bontang Utara",
     "Pustu Bontang Baru", PKM_UTARA, "rumah", "kesehatan;pendidikan;sosial", "Rumah Ibu RT 21"),
)  # fmt: skip

# Per other Posyandu: id prefix, children, open day of the month, months
# without an open day (2026), attendance probability, kader names.
CITY_PLANS = {
    "64.74.01.1001.002": ("MWR", 24, 12, (), 0.92,
                          ("Hj. Salmah", "Rosmini", "Wahidah", "Kasmawati", "Nurlela", "Sumarni")),
    "64.74.01.1002.001": ("AGR", 20, 8, (), 0.8,
                          ("Hasriani", "Jumriah", "Masnah", "Suryani", "Fatmawati")),
    "64.74.02.1001.001": ("KNG", 18, 14, (2, 4, 6, 8), 0.75,
                          ("Marlina", "Sitti Aminah", "Hartati", "Asmawati", "Rusnah")),
    "64.74.02.1002.001": ("DHL", 22, 9, (), 0.42,
                          ("Nuraeni", "Hamsiah", "Jusmiati", "Rahmatia", "Sukmawati", "Wa Ode Sitti")),
    "64.74.02.1002.002": ("FLB", 12, 16, (), 0.8,
                          ("Yusnita", "Darmawati", "Halimah", "Sumiati")),
}  # fmt: skip
CITY_MONTHS = tuple(range(1, 12))  # open days January to November 2026

# Stratum each kader is planned to reach, by Posyandu (Melati's five first).
KADER_PLAN = {
    POSYANDU_NUMBER: ("utama", "madya", "purwa", "purwa", "none"),
    "64.74.01.1001.002": ("madya", "madya", "purwa", "purwa", "purwa", "none"),
    "64.74.01.1002.001": ("purwa", "purwa", "almost", "none", "none"),
    "64.74.02.1001.001": ("madya", "purwa", "purwa", "none", "none"),
    "64.74.02.1002.001": ("purwa", "almost", "none", "none", "none", "none"),
    "64.74.02.1002.002": ("purwa", "none", "none", "none"),
}
SKILL_GROUPS = {
    "A": ("A1", "A2", "A3", "A4"),
    "B": ("B1", "B2", "B3", "B4", "B5", "B6", "B7"),
    "C": ("C1", "C2", "C3", "C4", "C5", "C6"),
    "D": ("D1", "D2", "D3", "D4"),
    "E": ("E1", "E2", "E3", "E4"),
}

POSYANDU_FIELDS = ("nomor_registrasi", "nama", "kode_desa", "kelurahan", "kecamatan",
                   "kota", "pustu", "puskesmas", "tempat", "bidang", "alamat")  # fmt: skip
KADER_FIELDS = ("id_kader", "nama", "posyandu", "nik", "peran", "no_sk")
ASSESSMENT_FIELDS = ("id_kader", "keterampilan", "tanggal", "penilai", "lulus")
TRAINING_FIELDS = ("id_kader", "jenis", "nama_kegiatan", "tanggal", "angkatan", "kelas", "selesai")  # fmt: skip
CASE_FIELDS = ("id_kasus", "posyandu", "jenis_kasus", "pemohon", "no_kk", "dokumen",
               "status", "tanggal", "oleh", "catatan")  # fmt: skip
ALAT_FIELDS = ("posyandu", "id_alat", "jenis", "merek_model", "nomor_seri", "tanggal_terima")  # fmt: skip
KALIBRASI_FIELDS = ("id_alat", "tanggal", "oleh", "hasil", "catatan")
CLOSED_FIELDS = ("posyandu", "tanggal", "keterangan")
KINERJA_FIELDS = ("posyandu", "tahun", "cakupan_kia_pct", "bulan_kia", "cakupan_kb_pct",
                  "bulan_kb", "cakupan_imunisasi_pct", "bulan_imunisasi",
                  "program_tambahan", "dana_sehat_pct", "alat_perkembangan")  # fmt: skip

KIT = (("TBY", "baby_scale", "Timbangan bayi digital 20 kg / 10 g"),
       ("TIJ", "floor_scale", "Timbangan injak digital 150 kg / 100 g"),
       ("PB", "length_board", "Infantometer 0-100 cm"),
       ("TB", "stadiometer", "Stadiometer 0-200 cm"),
       ("LILA", "muac_tape", "Pita LiLA"),
       ("LK", "head_tape", "Pita lingkar kepala"),
       ("TD", "bp_monitor", "Tensimeter digital lengan atas"))  # fmt: skip


def city_children(rng: np.random.Generator, number: str) -> list[Row]:
    """Monthly open-day weighings of the children of one other Posyandu."""
    prefix, count, day, closed, attend, kaders = CITY_PLANS[number]
    region = number.replace(".", "")[:6]
    rows: list[Row] = []
    for index in range(1, count + 1):
        sex = "L" if rng.random() < 0.5 else "P"
        birth = dt.date(2021, 3, 1) + dt.timedelta(days=int(rng.integers(0, 1700)))
        z = float(rng.normal(-0.4, 1.0))
        first = FEMALE_FIRST if sex == "P" else MALE_FIRST
        last = FEMALE_LAST if sex == "P" else MALE_LAST
        name = f"{first[int(rng.integers(len(first)))]} {last[int(rng.integers(len(last)))]}"
        nik = make_nik(region, birth, sex, 5000 + index)
        for month in CITY_MONTHS:
            visit = dt.date(2026, month, day)
            went = rng.random() < attend  # drawn for every month: a fixed stream
            noise = float(rng.normal(0.0, 0.08))
            if month in closed or not went or visit <= birth:
                continue
            months_old = age_in_months(birth, visit)
            if months_old >= 60:
                continue
            row = dict.fromkeys((c.name for c in COLUMNS), "")
            row.update(
                person_id=f"{prefix}-{index:03d}", nik=nik, name=name, sex=sex,
                birth_date=birth.isoformat(), posyandu=number,
                visit_date=visit.isoformat(), visit_type="hari_buka",
                kader=kaders[(index + month) % len(kaders)],
                weight_kg=fmt(expected_weight(sex, months_old, z + noise), 1),
                equipment=f"{prefix}-{'TBY' if months_old < 24 else 'TIJ'}-01",
            )  # fmt: skip
            rows.append(row)
    return rows


def city_register_rows(rng: np.random.Generator) -> list[Row]:
    rows: list[Row] = []
    for number in CITY_PLANS:
        rows += city_children(rng, number)
    return sorted(rows, key=lambda r: (r["visit_date"], r["person_id"]))


def planned_skills(plan: str, rng: np.random.Generator) -> list[str]:
    """The skills a kader masters for a planned stratum."""
    purwa = [*SKILL_GROUPS["A"], *SKILL_GROUPS["B"], *SKILL_GROUPS["C"]]
    if plan == "utama":
        return [s for g in SKILL_GROUPS.values() for s in g]
    if plan == "madya":
        extra = SKILL_GROUPS["D"] if rng.random() < 0.5 else SKILL_GROUPS["E"]
        return [*purwa, *extra, SKILL_GROUPS["E" if extra[0][0] == "D" else "D"][0]]
    if plan == "purwa":
        return [*purwa, SKILL_GROUPS["D"][0]]
    if plan == "almost":  # Purwa but for two group-B skills
        return [*SKILL_GROUPS["A"], *SKILL_GROUPS["B"][:5], *SKILL_GROUPS["C"]]
    return [*SKILL_GROUPS["A"][:2], SKILL_GROUPS["B"][2]]


def city_kader(
    rng: np.random.Generator,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Kader rows, assessment rows and training rows."""
    people: list[tuple[str, ...]] = []
    tests: list[tuple[str, ...]] = []
    courses: list[tuple[str, ...]] = []
    for number, plans in KADER_PLAN.items():
        names = KADERS if number == POSYANDU_NUMBER else CITY_PLANS[number][5]
        region = number.replace(".", "")[:6]
        puskesmas = next(p[6] for p in CITY_POSYANDU if p[0] == number)
        for index, (name, plan) in enumerate(zip(names, plans, strict=False), start=1):
            key = f"K-{number.replace('.', '')[4:]}-{index:02d}"
            birth = dt.date(1975, 1, 1) + dt.timedelta(days=int(rng.integers(0, 9000)))
            role = ("ketua", "sekretaris", "bendahara", "kader", "kader", "kader")[
                index - 1
            ]
            # Flamboyan's fourth kader has no SK yet: only three are legalised.
            has_sk = not (number == "64.74.02.1002.002" and index == 4)
            people.append((key, name, number, make_nik(region, birth, "P", 7000 + index), role,
                           f"SK/{number[-7:-4]}/2025/{index:02d}" if has_sk else ""))  # fmt: skip
            for skill in planned_skills(plan, rng):
                when = dt.date(2025, 9, 1) + dt.timedelta(
                    days=int(rng.integers(0, 300))
                )
                if rng.random() < 0.1:  # failed once, passed a month later
                    tests.append(
                        (key, skill, when.isoformat(), f"Tim {puskesmas}", "tidak")
                    )
                    when += dt.timedelta(days=30)
                tests.append((key, skill, when.isoformat(), f"Tim {puskesmas}", "ya"))
            if plan == "none" and index % 2 == 0:  # tested, not yet passed
                tests.append((key, "B3", "2026-06-15", f"Tim {puskesmas}", "tidak"))
            batch = 1 + (len(people) % 4)
            courses.append((key, "kelas", "Lokakarya 25 keterampilan dasar kader",
                            f"2025-{6 + batch:02d}-0{batch}", str(batch),
                            str(1 + len(people) % 12), "ya"))  # fmt: skip
            if len(people) % 5 == 0:
                courses.append((key, "lms", "Pelatihan Kader Posyandu (LMS Plataran Sehat)",
                                "2025-10-01", "", "", "ya" if rng.random() < 0.8 else "tidak"))  # fmt: skip
            if plan in ("utama", "madya"):
                courses.append((key, "praktik_lapangan", "Praktik lapangan di Posyandu",
                                "2025-11-10", "", "", "ya"))  # fmt: skip
    tests.sort(key=lambda t: (t[0], t[2], t[1]))
    return people, tests, courses


# id, posyandu, case type, requester, documents, steps (status, date, by)
CITY_CASES = (
    ("KS-001", POSYANDU_NUMBER, "perumahan.rtlh", "ktp;kk;surat_penghasilan;dokumen_tanah;foto_rumah_3_sisi;pernyataan_belum_rehab",
     (("dicatat", "2026-03-02", "Nurhayati"), ("diverifikasi", "2026-03-04", "Nurhayati + Pemdes"),
      ("diteruskan_opd", "2026-03-06", "Lurah Tanjung Laut"), ("ditindaklanjuti", "2026-04-20", "Disperkim"),
      ("selesai", "2026-05-04", "Nurhayati"))),
    # Recorded just before Nyepi and Idul Fitri: the holidays stretch the clock.
    ("KS-002", POSYANDU_NUMBER, "sosial.bansos", "identitas;kk",
     (("dicatat", "2026-03-17", "Andi Marlina"), ("diverifikasi", "2026-03-26", "Andi Marlina"),
      ("diteruskan_opd", "2026-03-31", "Lurah Tanjung Laut"), ("ditindaklanjuti", "2026-05-11", "Dinsos"),
      ("selesai", "2026-05-12", "Andi Marlina"))),
    ("KS-003", "64.74.01.1001.002", "pendidikan.bantuan", "ktp;kk;sktm",
     (("dicatat", "2026-07-13", "Rosmini"), ("diverifikasi", "2026-07-15", "Rosmini"),
      ("diajukan_pemdes", "2026-07-16", "Rosmini"), ("diteruskan_opd", "2026-07-22", "Lurah Tanjung Laut"))),
    ("KS-004", "64.74.01.1001.002", "trantibum.laporan", "",
     (("dicatat", "2026-08-03", "Wahidah"), ("ditolak", "2026-08-04", "Lurah Tanjung Laut", "laporan tanpa identitas"))),
    ("KS-005", "64.74.01.1002.001", "pu.air_sanitasi", "surat_permohonan;lokasi",
     (("dicatat", "2026-09-07", "Hasriani"), ("diverifikasi", "2026-09-09", "Hasriani + Pemdes"),
      ("diteruskan_opd", "2026-09-11", "Lurah Berbas Pantai"), ("ditindaklanjuti", "2026-10-05", "PUPR"),
      ("selesai", "2026-10-06", "Hasriani"),
      ("dibuka_kembali", "2026-11-02", "Hasriani", "pipa bocor lagi"),
      ("diverifikasi", "2026-11-04", "Hasriani"))),
    ("KS-006", "64.74.01.1002.001", "sosial.pengaduan", "identitas;pengaduan",
     (("dicatat", "2026-11-16", "Jumriah"),)),
    ("KS-007", "64.74.02.1001.001", "perumahan.rtlh", "ktp;kk;foto_rumah_3_sisi",
     (("dicatat", "2026-10-12", "Marlina"), ("diverifikasi", "2026-10-26", "Marlina + Pemdes"))),
    ("KS-008", "64.74.02.1001.001", "pu.infrastruktur", "surat_permohonan;lokasi",
     (("dicatat", "2026-06-01", "Hartati"), ("diverifikasi", "2026-06-03", "Hartati"),
      ("diteruskan_opd", "2026-06-05", "Lurah Bontang Kuala"))),
    ("KS-009", "64.74.02.1002.001", "sosial.bansos", "identitas;kk;surat_keterangan_pemdes",
     (("dicatat", "2026-05-11", "Nuraeni"), ("diverifikasi", "2026-05-12", "Nuraeni"),
      ("diteruskan_opd", "2026-05-19", "Lurah Bontang Baru"), ("ditindaklanjuti", "2026-06-22", "Dinsos"),
      ("selesai", "2026-06-24", "Nuraeni"))),
    ("KS-010", "64.74.02.1002.002", "pendidikan.bantuan", "ktp;kk",
     (("dicatat", "2026-11-23", "Yusnita"),)),
    ("KS-011", "64.74.02.1002.001", "trantibum.laporan", "identitas_pelapor;persetujuan_kades",
     (("dicatat", "2026-12-21", "Hamsiah"), ("diverifikasi", "2026-12-22", "Hamsiah"))),
)  # fmt: skip

# Dates of the calibrations of each kit, per Posyandu: (day of the round, kinds
# left out of it). Melati's come from its inventory above.
CALIBRATION_ROUNDS = {
    "64.74.01.1001.002": ("2025-12-08", ()),
    "64.74.01.1002.001": ("2025-12-01", ("bp_monitor",)),  # tensimeter never calibrated
    "64.74.02.1001.001": ("2025-10-27", ()),  # the whole kit overdue by November 2026
    "64.74.02.1002.001": ("2026-06-15", ()),
    "64.74.02.1002.002": ("2026-07-06", ()),
}
CLOSED_DAYS = (
    (POSYANDU_NUMBER, "2026-03-25", "kader mengikuti pelatihan"),
    ("64.74.01.1002.001", "2026-09-10", "banjir rob"),
)
KINERJA = (
    (POSYANDU_NUMBER, 2026, 72.0, 10, 58.5, 9, 81.0, 10, "ya", 35.0, "ya"),
    ("64.74.01.1001.002", 2026, 80.0, 11, 65.0, 10, 88.0, 11, "ya", 62.0, "ya"),
    ("64.74.01.1002.001", 2026, 61.0, 9, 52.0, 8, 74.0, 9, "ya", 30.0, "ya"),
    ("64.74.02.1001.001", 2026, 55.0, 6, 50.5, 5, 60.0, 6, "ya", 10.0, "ya"),
    ("64.74.02.1002.001", 2026, 45.0, 9, 51.0, 8, 66.0, 9, "tidak", 12.0, "ya"),
    ("64.74.02.1002.002", 2026, 70.0, 10, 60.0, 9, 75.0, 10, "ya", 20.0, "tidak"),
)


def city_equipment(
    rng: np.random.Generator,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    items: list[tuple[str, ...]] = [
        (POSYANDU_NUMBER, e[0], e[1], e[2], e[3], "2024-06-01") for e in EQUIPMENT
    ]
    events: list[tuple[str, ...]] = [
        (e[0], e[4], "Tim Puskesmas Bontang Selatan I", "ya", "") for e in EQUIPMENT
    ]
    # Melati's tapes and tensimeter are checked again before their year runs
    # out; its yearly round comes before the December open day; the
    # glucometer stays lapsed, as in its register.
    events += [
        (tape, "2026-06-29", "Tim Puskesmas Bontang Selatan I", "ya", "")
        for tape in (MUAC_TAPE, HEAD_TAPE)
    ]
    events.append(
        (BP_MONITOR, "2026-10-12", "Tim Puskesmas Bontang Selatan I", "ya", "")
    )
    events += [
        (e[0], "2026-11-16", "Tim Puskesmas Bontang Selatan I", "ya", "")
        for e in EQUIPMENT
        if e[0] != GLUCOMETER
    ]
    for number, (day, skipped) in CALIBRATION_ROUNDS.items():
        prefix = CITY_PLANS[number][0]
        puskesmas = next(p[6] for p in CITY_POSYANDU if p[0] == number)
        for code, kind, model in KIT:
            key = f"{prefix}-{code}-01"
            serial = f"SN-{code}-{int(rng.integers(1000, 9999))}"
            items.append((number, key, kind, model, serial, "2025-08-18"))
            if kind not in skipped:
                events.append((key, day, f"Tim {puskesmas}", "ya", ""))
    # Dahlia's floor scale failed its check: not fit for use until repaired.
    events.append(
        (
            "DHL-TIJ-01",
            "2026-10-05",
            "UPTD Metrologi Legal Bontang",
            "tidak",
            "selisih 300 g",
        )
    )
    return items, sorted(events, key=lambda e: (e[0], e[1]))


def city_case_rows() -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for key, number, kind, documents, steps in CITY_CASES:
        requester = f"Warga {key[-3:]}"
        for index, step in enumerate(steps):
            status, date, by = step[:3]
            note = step[3] if len(step) > 3 else ""
            first = index == 0
            rows.append((key, number if first else "", kind if first else "",
                         requester if first else "", "", documents if first else "",
                         status, date, by, note))  # fmt: skip
    return rows


def generate_city() -> dict[str, str]:
    """Return the city files: name -> CSV text."""
    rng = np.random.default_rng(CITY_SEED)
    register = city_register_rows(rng)
    people, tests, courses = city_kader(rng)
    items, events = city_equipment(rng)
    header = [c.name for c in COLUMNS]
    posyandu = [(*p[:5], KOTA, *p[5:]) for p in CITY_POSYANDU]
    return {
        "posyandu.csv": csv_text(POSYANDU_FIELDS, posyandu),
        "register.csv": csv_text(header, ([r[h] for h in header] for r in register)),
        "kader.csv": csv_text(KADER_FIELDS, people),
        "penilaian_kader.csv": csv_text(ASSESSMENT_FIELDS, tests),
        "pelatihan_kader.csv": csv_text(TRAINING_FIELDS, courses),
        "kasus.csv": csv_text(CASE_FIELDS, city_case_rows()),
        "alat.csv": csv_text(ALAT_FIELDS, items),
        "kalibrasi.csv": csv_text(KALIBRASI_FIELDS, events),
        "hari_tutup.csv": csv_text(CLOSED_FIELDS, CLOSED_DAYS),
        "kinerja.csv": csv_text(KINERJA_FIELDS, ([str(v) for v in k] for k in KINERJA)),
    }


def write_city(out_dir: Path) -> None:
    """Write the city files into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in generate_city().items():
        (out_dir / name).write_bytes(text.encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    rows = write_sample(args.out)
    print(f"wrote {args.out / 'register.csv'} and {args.out / 'equipment.csv'}")
    print(f"wrote the city files in {args.out / CITY_DIR}")
    print(summary(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
