"""One child, one visit: ages from dates, z-scores, flags and categories.

:func:`assess` is the friendly layer apps call directly. It computes the ages,
then calls the vectorised :func:`anthro_zscores` (0-5 years) or
:func:`anthroplus_zscores` (5-19 years) with arrays of length one, and
classifies the 2-decimal z-scores with the Permenkes 2/2020 tables. The
scalar layer sits on the vector core, never the reverse.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from posyandu_core.errors import InvalidMeasurementError
from posyandu_core.growth._anthro import DAYS_PER_MONTH, anthro_zscores
from posyandu_core.growth._anthroplus import anthroplus_zscores
from posyandu_core.growth._classify import Category, category_table, classify
from posyandu_core.model import Issue, MeasureMethod, Sex, completed_months

#: anthroplus stops at 228 months (19 years).
_LAST_MONTH_2007: Final = 228.0


@attrs.frozen(kw_only=True)
class IndicatorResult:
    """One index of one child: z-score, WHO flag and Permenkes category.

    Attributes
    ----------
    index : str
        Table id of the index, e.g. ``"pb_tb_u"`` (``"lila"`` for MUAC).
    zscore : float or None
        The 2-decimal z-score (None when it cannot be computed; None for LiLA,
        which is classified by its absolute value).
    flagged : bool or None
        WHO's implausibility flag (|z| beyond WHO's limits).
    category : Category or None
        The Permenkes category, if the index has one at this age.
    """

    index: str
    zscore: float | None
    flagged: bool | None
    category: Category | None

    @property
    def label_id(self) -> str | None:
        """Indonesian label of the category."""
        return None if self.category is None else self.category.label_id

    @property
    def label_en(self) -> str | None:
        """English label of the category."""
        return None if self.category is None else self.category.label_en

    @property
    def kemkes_code(self) -> str | None:
        """Kemkes clinical-term code of the category, if any."""
        return None if self.category is None else self.category.kemkes_code


@attrs.frozen(kw_only=True)
class Assessment:
    """The growth assessment of one measurement visit.

    Indices that were not measured, or do not apply at this age, are None.
    ``reference`` says which WHO reference was used: ``"who2006"`` below 60
    months (age in days / 30.4375 < 60, as WHO's anthro) or ``"who2007"``
    from 60 to 228 months.
    """

    sex: Sex
    birth_date: dt.date
    measured_on: dt.date
    age_days: int
    age_months: int
    reference: str
    length_height_cm: float | None
    bmi: float | None
    weight_for_age: IndicatorResult | None
    length_height_for_age: IndicatorResult | None
    weight_for_length_height: IndicatorResult | None
    bmi_for_age: IndicatorResult | None
    head_circumference_for_age: IndicatorResult | None
    muac: IndicatorResult | None
    issues: tuple[Issue, ...]

    @property
    def stunted(self) -> bool | None:
        """Whether PB/U-TB/U is below -2 (pendek or sangat pendek)."""
        result = self.length_height_for_age
        if result is None or result.zscore is None:
            return None
        return result.zscore < -2.0


def _optional_float(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


def _result(
    index: str | None, zscore: float | None, flag: float | None
) -> IndicatorResult | None:
    if index is None:
        return None
    category = None
    if zscore is not None:
        category_id = classify(index, [zscore])[0]
        if category_id is not None:
            category = category_table(index).category(str(category_id))
    flagged = None if flag is None else bool(flag)
    return IndicatorResult(
        index=index, zscore=zscore, flagged=flagged, category=category
    )


def assess(
    *,
    sex: Sex | str | int,
    birth_date: dt.date,
    measured_on: dt.date,
    weight_kg: float | None = None,
    length_cm: float | None = None,
    method: MeasureMethod | str | None = None,
    head_circumference_cm: float | None = None,
    muac_cm: float | None = None,
    oedema: bool = False,
) -> Assessment:
    """Assess one child's measurements on one date.

    Parameters
    ----------
    sex : Sex or str or int
        ``Sex.MALE``/``Sex.FEMALE`` or any code :meth:`Sex.parse` reads
        (``"L"``/``"P"``, ``"m"``/``"f"``, 1/2).
    birth_date, measured_on : datetime.date
        Date of birth and of the measurement.
    weight_kg : float, optional
        Weight in kg.
    length_cm : float, optional
        Length (lying) or height (standing) as measured, in cm.
    method : MeasureMethod or str, optional
        ``"terlentang"``/``"l"`` (lying) or ``"berdiri"``/``"h"`` (standing).
        Under 24 months (731 days) a standing height gets +0.7 cm, from 24
        months a lying length -0.7 cm (WHO's day rule).
    head_circumference_cm, muac_cm : float, optional
        Head and mid-upper arm circumference (LiLA) in cm.
    oedema : bool, default False
        Bilateral pitting oedema: weight-based z-scores are not computed.

    Returns
    -------
    Assessment
        Ages, corrected length/height, BMI and one :class:`IndicatorResult`
        per index (z, flag, category with Indonesian/English label and Kemkes
        code), plus any issues.

    Raises
    ------
    InvalidMeasurementError
        If ``measured_on`` precedes ``birth_date``.

    Examples
    --------
    >>> import datetime as dt
    >>> a = assess(sex="L", birth_date=dt.date(2024, 3, 1),
    ...            measured_on=dt.date(2026, 9, 1), length_cm=85.6,
    ...            method="terlentang", weight_kg=11.0)
    >>> a.age_months, round(a.length_height_cm, 2)
    (30, 84.9)
    >>> r = a.length_height_for_age
    >>> r.zscore, r.label_id, r.kemkes_code
    (-2.07, 'Pendek', 'OI000012')
    """
    child_sex = sex if isinstance(sex, Sex) else Sex.parse(sex)
    if measured_on < birth_date:
        msg = f"measured_on {measured_on} precedes birth_date {birth_date}"
        raise InvalidMeasurementError(
            msg,
            message_id=f"tanggal ukur {measured_on} sebelum tanggal lahir {birth_date}",
            field="measured_on",
            value=measured_on,
        )
    measure = None
    if method is not None:
        measure = (
            method if isinstance(method, MeasureMethod) else MeasureMethod.parse(method)
        ).who_code
    who_sex = 1 if child_sex is Sex.MALE else 2
    days = (measured_on - birth_date).days
    months = completed_months(birth_date, measured_on)
    common: dict[str, Any] = {
        "sex": child_sex,
        "birth_date": birth_date,
        "measured_on": measured_on,
        "age_days": days,
        "age_months": months,
    }
    muac = None
    if muac_cm is not None:
        muac_category = classify("lila", [muac_cm])[0] if 6 <= months <= 59 else None
        category = (
            None
            if muac_category is None
            else category_table("lila").category(str(muac_category))
        )
        muac = IndicatorResult(
            index="lila", zscore=None, flagged=None, category=category
        )

    if days / DAYS_PER_MONTH < 60.0:
        t = anthro_zscores(
            sex=who_sex,
            age=days,
            weight=weight_kg,
            lenhei=length_cm,
            measure=measure,
            oedema="y" if oedema else "n",
            headc=head_circumference_cm,
        )
        row = t.row(0)
        return Assessment(
            **common,
            reference="who2006",
            length_height_cm=_optional_float(row["clenhei"]),
            bmi=_optional_float(row["cbmi"]),
            weight_for_age=_result("bb_u", row["zwei"], row["fwei"])
            if weight_kg is not None
            else None,
            length_height_for_age=_result("pb_tb_u", row["zlen"], row["flen"])
            if length_cm is not None
            else None,
            weight_for_length_height=_result("bb_pb_tb", row["zwfl"], row["fwfl"])
            if weight_kg is not None and length_cm is not None
            else None,
            bmi_for_age=_result("imt_u_0_60", row["zbmi"], row["fbmi"])
            if weight_kg is not None and length_cm is not None
            else None,
            head_circumference_for_age=_result("lk_u", row["zhc"], row["fhc"])
            if head_circumference_cm is not None
            else None,
            muac=muac,
            issues=t.issues,
        )
    age_months = days / DAYS_PER_MONTH
    t = anthroplus_zscores(
        sex=who_sex,
        age_in_months=age_months,
        oedema="y" if oedema else "n",
        height_in_cm=length_cm,
        weight_in_kg=weight_kg,
    )
    row = t.row(0)
    in_range = age_months <= _LAST_MONTH_2007
    return Assessment(
        **common,
        reference="who2007" if in_range else "none",
        length_height_cm=length_cm,
        bmi=_optional_float(row["cbmi"]),
        # Permenkes 2/2020 categorises only IMT/U from 5 years on; the 2007
        # weight- and height-for-age z-scores are reported without category.
        weight_for_age=IndicatorResult(
            index="wfa_2007",
            zscore=row["zwfa"],
            flagged=None if row["fwfa"] is None else bool(row["fwfa"]),
            category=None,
        )
        if weight_kg is not None
        else None,
        length_height_for_age=IndicatorResult(
            index="hfa_2007",
            zscore=row["zhfa"],
            flagged=None if row["fhfa"] is None else bool(row["fhfa"]),
            category=None,
        )
        if length_cm is not None
        else None,
        weight_for_length_height=None,
        bmi_for_age=_result("imt_u_5_18", row["zbfa"], row["fbfa"])
        if weight_kg is not None and length_cm is not None
        else None,
        head_circumference_for_age=None,
        muac=muac,
        issues=t.issues,
    )
