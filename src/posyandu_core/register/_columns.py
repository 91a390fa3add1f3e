"""The register's columns: canonical names, types and accepted aliases."""

from __future__ import annotations

import enum

import attrs


class ColumnType(enum.StrEnum):
    """How a cell's text is read."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    SEX = "sex"
    METHOD = "method"
    BOOL = "bool"
    LIST = "list"  # several codes separated by ";"


@attrs.frozen
class Column:
    """One column of the register format."""

    name: str
    type: ColumnType
    description: str
    aliases: tuple[str, ...] = ()
    unit: str | None = None


# Aliases: e-PPGBM / Sigizi export headers (DOMAIN.md §13.2) and the
# Indonesian words kader use in their own spreadsheets.
COLUMNS: tuple[Column, ...] = (
    Column("person_id", ColumnType.TEXT, "Local id of the person, stable across visits",
           ("id", "no_register", "id_sasaran", "ID Anak")),
    Column("nik", ColumnType.TEXT, "NIK, 16 digits (text, never a number)", ("NIK", "NIK Anak", "nik_anak")),
    Column("name", ColumnType.TEXT, "Full name", ("Nama", "nama", "Nama Anak", "nama_anak", "Nama Balita", "Nama Sasaran")),
    Column("sex", ColumnType.SEX, "L/P (also M/F, 1/2)", ("JK", "L/P", "jenis_kelamin", "Jenis Kelamin")),
    Column("birth_date", ColumnType.DATE, "Date of birth", ("Tgl Lahir", "tanggal_lahir", "Tanggal Lahir", "dob")),
    Column("nik_ibu", ColumnType.TEXT, "Mother's NIK", ("NIK Ibu", "NIK Ortu", "NIK Ayah/Ibu")),
    Column("parent_name", ColumnType.TEXT, "Parent's name", ("Nama Ortu", "nama_ortu", "Nama Ibu", "nama_ibu", "Nama Orang Tua", "mother_name")),
    Column("kk", ColumnType.TEXT, "Nomor KK (household)", ("Nomor KK", "no_kk", "No KK")),
    Column("posyandu", ColumnType.TEXT, "Posyandu name or registration number", ("Posyandu", "Nama Posyandu")),
    Column("visit_date", ColumnType.DATE, "Date of the visit / measurement",
           ("Tanggal Pengukuran", "tanggal_kunjungan", "tanggal", "Tgl Ukur", "Tgl Pengukuran", "Tanggal Ukur", "Tgl Kunjungan", "Tgl Timbang")),
    Column("visit_type", ColumnType.TEXT, "hari_buka, kunjungan_rumah or sweeping",
           ("jenis_kunjungan",)),
    Column("kader", ColumnType.TEXT, "Kader who recorded the visit", ("Kader",)),
    Column("status", ColumnType.LIST, "hamil, nifas, menyusui (maternal status)",
           ("status_ibu",)),
    Column("has_kia", ColumnType.BOOL, "Owns a Buku KIA / KMS (y/n)", ("KIA", "punya_kia")),
    Column("weight_kg", ColumnType.NUMBER, "Weight", ("Berat", "bb", "berat_badan", "BB (kg)", "Berat (kg)", "weight", "weight_in_kg"), "kg"),
    Column("length_cm", ColumnType.NUMBER, "Length (lying) or height (standing)",
           ("Tinggi", "tb", "pb", "tinggi_badan", "panjang_badan", "TB/PB", "PB/TB", "TB (cm)", "Tinggi (cm)", "lenhei", "height_in_cm"), "cm"),
    Column("measure", ColumnType.METHOD, "terlentang/berdiri (or l/h)", ("Cara Ukur", "cara_ukur", "Cara Ukur (terlentang/berdiri)")),
    Column("muac_cm", ColumnType.NUMBER, "Mid-upper arm circumference (LiLA)", ("LiLA", "lila", "armc"), "cm"),
    Column("head_cm", ColumnType.NUMBER, "Head circumference (LK)", ("LK", "lingkar_kepala", "headc"), "cm"),
    Column("waist_cm", ColumnType.NUMBER, "Waist circumference", ("LP", "lingkar_perut"), "cm"),
    Column("systolic_mmhg", ColumnType.NUMBER, "Systolic blood pressure", ("sistolik",), "mmHg"),
    Column("diastolic_mmhg", ColumnType.NUMBER, "Diastolic blood pressure", ("diastolik",), "mmHg"),
    Column("hb_g_dl", ColumnType.NUMBER, "Haemoglobin", ("Hb", "hb"), "g/dL"),
    Column("glucose_mg_dl", ColumnType.NUMBER, "Blood glucose", ("gula_darah", "GDS"), "mg/dL"),
    Column("glucose_kind", ColumnType.TEXT, "Kind of glucose_mg_dl: GDS (random, when empty), GDP (fasting) or TTGO (2-h)", ("jenis_gula_darah", "jenis_gd")),
    Column("hba1c_percent", ColumnType.NUMBER, "HbA1c", ("HbA1c", "hba1c"), "%"),
    Column("cholesterol_mg_dl", ColumnType.NUMBER, "Total cholesterol", ("kolesterol", "kolesterol_total"), "mg/dL"),
    Column("hpht", ColumnType.DATE, "First day of the last menstrual period (HPHT)", ("HPHT", "tanggal_hpht")),
    Column("gestational_age_weeks", ColumnType.NUMBER, "Gestational age at the visit (when no HPHT)", ("usia_kehamilan", "UK"), "weeks"),
    Column("delivery_date", ColumnType.DATE, "Date of delivery (persalinan)", ("tanggal_persalinan", "tgl_bersalin")),
    Column("anc_contact", ColumnType.TEXT, "ANC contact at this visit, as written in the Buku KIA (K1-K6, K1M/K1A) or ya; the contact is numbered by gestational age", ("kontak_anc", "kunjungan_anc", "K ANC")),
    Column("anc_provider", ColumnType.TEXT, "Who gave the ANC contact: dokter or bidan", ("pemeriksa_anc", "nakes_anc", "Pemeriksa ANC")),
    Column("anc_usg", ColumnType.BOOL, "Ultrasound (USG) done at the ANC contact (y/n)", ("USG", "usg_anc")),
    Column("danger_signs", ColumnType.LIST, "Danger signs found (Buku KIA codes, e.g. perdarahan) or tidak_ada", ("tanda_bahaya",)),
    Column("skilas", ColumnType.LIST, "SKILAS domains found positive (kognitif;mobilitas;malnutrisi;penglihatan;pendengaran;depresi) or negatif", ("SKILAS", "skrining_lansia")),
    Column("adl_barthel", ColumnType.NUMBER, "ADL (modified Barthel) total, 0-20", ("AKS", "barthel")),
    Column("oedema", ColumnType.BOOL, "Bilateral pitting oedema (y/n)", ("edema", "Edema")),
    Column("immunizations", ColumnType.LIST, "Doses given at this visit, e.g. DPT-HB-Hib1;OPV2; CODE@YYYY-MM-DD for a dose given elsewhere on that date",
           ("imunisasi", "Imunisasi")),
    Column("vitamin_a", ColumnType.BOOL, "Vitamin A capsule given (y/n)", ("Vit A", "vit_a")),
    Column("deworming", ColumnType.BOOL, "Deworming tablet given (y/n)", ("obat_cacing",)),
    Column("school_grade", ColumnType.NUMBER, "School grade (kelas SD/MI)", ("kelas",)),
    Column("equipment", ColumnType.LIST, "Equipment ids used, e.g. TB-01;PB-01",
           ("alat", "device_id")),
    Column("moved_in_on", ColumnType.DATE, "Date the person came to live in the area (datang)",
           ("tanggal_datang", "tgl_datang")),
    Column("moved_out_on", ColumnType.DATE, "Date the person left the area (pindah)",
           ("tanggal_pindah", "tgl_pindah")),
    # WHO's own argument names (the ``zscores`` command's input); ``age`` is
    # in days or months as the command is told.
    Column("age", ColumnType.NUMBER, "Age at the visit (WHO input; days unless told months)",
           ("age_in_months",)),
    Column("triceps_mm", ColumnType.NUMBER, "Triceps skinfold", ("triskin",), "mm"),
    Column("subscapular_mm", ColumnType.NUMBER, "Subscapular skinfold", ("subskin",), "mm"),
)  # fmt: skip

BY_NAME = {c.name: c for c in COLUMNS}


def alias_key(text: str) -> str:
    """Return the form headers are compared in: lower case, single spaces."""
    return " ".join(text.replace("_", " ").lower().split())


ALIASES = {alias_key(a): c.name for c in COLUMNS for a in (c.name, *c.aliases)}


def canonical_name(header: str) -> str | None:
    """Return the canonical column a header means, or None if it is not ours.

    Examples
    --------
    >>> canonical_name("Tgl Lahir"), canonical_name(" weight_kg "), canonical_name("RT")
    ('birth_date', 'weight_kg', None)
    """
    return ALIASES.get(alias_key(header.lstrip("\ufeff")))


REQUIRED = ("sex", "birth_date", "visit_date")
