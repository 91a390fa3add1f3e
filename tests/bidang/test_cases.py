"""Cases: workflow, service clock with Indonesia's holidays, case file, reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from posyandu_core.errors import CaseTransitionError, InputFileError
from posyandu_core.model import Case, CaseStatus, Posyandu, WorkingCalendar
from posyandu_core.model.case import allowed_moves, case_types
from posyandu_core.plugins.layanan.calendar import indonesia_calendar
from posyandu_core.plugins.layanan.cases import overdue_cases, read_cases
from posyandu_core.plugins.layanan.reports import (
    bidang_group,
    bidang_overview,
    case_report,
)
from posyandu_core.registry import get_registry

D = dt.date
MELATI = "64.74.01.1001.001"


def case(on: dt.date, **kw: object) -> Case:
    fields: dict[str, object] = {
        "id": "K1", "bidang": "perumahan_rakyat", "category": "perumahan.rtlh",
        "requester_id": "warga", "submitted_on": on, "posyandu": MELATI,
    }  # fmt: skip
    fields.update(kw)
    return Case(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    return indonesia_calendar([2025, 2026, 2027])


def test_domain_vector_89_friday_plus_five_working_days() -> None:
    assert case(D(2026, 3, 6)).sla_due() == D(2026, 3, 13)
    assert WorkingCalendar().add(D(2026, 3, 6), 5) == D(2026, 3, 13)


@pytest.mark.parametrize(
    ("recorded", "due", "why"),
    [
        # Tue 17 Mar 2026: 18 cuti Nyepi, 19 Nyepi, 20 cuti Idul Fitri, 21-22
        # weekend (Idul Fitri), 23-24 cuti -> 25, 26, 27, 30, 31.
        (D(2026, 3, 17), D(2026, 3, 31), "Nyepi, Idul Fitri and cuti bersama"),
        # Mon 11 May 2026: 14 Kenaikan, 15 cuti -> 12, 13, 18, 19, 20.
        (D(2026, 5, 11), D(2026, 5, 20), "Ascension and its cuti bersama"),
        # Sat 7 Mar 2026: counts from Mon 9 -> 10, 11, 12, 13, 16.
        (D(2026, 3, 7), D(2026, 3, 16), "recorded on a Saturday"),
        # Wed 23 Dec 2026: 24 cuti Natal, 25 Natal -> 28, 29, 30, 31, 1 Jan is a
        # holiday -> 4 Jan 2027.
        (D(2026, 12, 23), D(2027, 1, 4), "Christmas, New Year"),
        # Fri 14 Aug 2026: 17 Independence Day -> 18, 19, 20, 21, 24.
        (D(2026, 8, 14), D(2026, 8, 24), "Independence Day"),
    ],
)
def test_service_clock_with_holidays(
    cal: WorkingCalendar, recorded: dt.date, due: dt.date, why: str
) -> None:
    (episode,) = case(recorded).episodes(cal)
    assert episode.due == due, why


def test_cuti_bersama_can_be_switched_off() -> None:
    public_only = indonesia_calendar([2026], cuti_bersama=False)
    # Without cuti bersama 18, 20, 23, 24 Mar are working days: 18, 20, 23, 24, 25.
    assert public_only.add(D(2026, 3, 17), 5) == D(2026, 3, 25)


def test_posyandu_closed_day_moves_only_its_own_clock() -> None:
    cal = WorkingCalendar(closed={MELATI: frozenset({D(2026, 3, 10)})})
    assert case(D(2026, 3, 6)).episodes(cal)[0].due == D(2026, 3, 16)
    assert case(D(2026, 3, 6), posyandu="other").episodes(cal)[0].due == D(2026, 3, 13)


def test_forwarded_on_due_day_meets_the_service_level() -> None:
    base = case(D(2026, 3, 6)).advance("diverifikasi", D(2026, 3, 9))
    on_time = base.advance("diteruskan_opd", D(2026, 3, 13)).episodes()[0]
    late = base.advance("diteruskan_opd", D(2026, 3, 16)).episodes()[0]
    assert (on_time.working_days, on_time.met_sla) == (5, True)
    assert (late.working_days, late.met_sla) == (6, False)


def test_overdue_the_day_after_the_due_date_not_on_it() -> None:
    (episode,) = case(D(2026, 3, 6)).episodes()
    assert not episode.overdue_on(D(2026, 3, 12))
    assert not episode.overdue_on(D(2026, 3, 13))
    assert episode.overdue_on(D(2026, 3, 14))
    found = overdue_cases([case(D(2026, 3, 6))], D(2026, 3, 17))
    assert [o.working_days_late for o in found] == [2]  # Fri 13 and Mon 16


def test_reopened_case_restarts_the_clock() -> None:
    closed = (
        case(D(2026, 3, 6))
        .advance("diverifikasi", D(2026, 3, 9), by="Kader Nur")
        .advance("diteruskan_opd", D(2026, 3, 10), by="Pemdes")
        .advance("ditindaklanjuti", D(2026, 4, 6), by="Disperkim")
        .advance("selesai", D(2026, 4, 8), by="Kader Nur")
    )
    reopened = closed.advance("dibuka_kembali", D(2026, 5, 4), by="Kader Nur")
    first, second = reopened.episodes()
    assert first.met_sla is True
    assert first.closed_status is CaseStatus.SELESAI
    assert second.start == D(2026, 5, 4)
    assert second.due == D(2026, 5, 11)
    assert second.overdue_on(D(2026, 5, 12))
    assert not first.overdue_on(D(2026, 5, 12))
    assert reopened.events[1].by == "Kader Nur"


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("diverifikasi",), "selesai"),  # skip forwarding and follow-up
        ((), "diteruskan_opd"),  # forward without verification
        (("ditolak",), "diverifikasi"),  # a rejected case is reopened first
        (("diverifikasi", "diteruskan_opd", "ditindaklanjuti", "selesai"), "ditolak"),
    ],
)
def test_impossible_moves_are_refused(path: tuple[str, ...], bad: str) -> None:
    item = case(D(2026, 3, 6))
    for step in path:
        item = item.advance(step, D(2026, 3, 9))
    with pytest.raises(CaseTransitionError, match="cannot go from") as info:
        item.advance(bad, D(2026, 3, 10))
    assert info.value.fix
    assert "allowed next" in info.value.fix


def test_step_before_the_last_is_refused() -> None:
    item = case(D(2026, 3, 6)).advance("diverifikasi", D(2026, 3, 9))
    with pytest.raises(CaseTransitionError, match="before the last step"):
        item.advance("diteruskan_opd", D(2026, 3, 8))


def test_reopening_is_a_switch() -> None:
    from posyandu_core._data import load_rule_table

    table = dict(load_rule_table("kasus"))
    table["workflow"] = {**table["workflow"], "allow_reopen": False}
    assert allowed_moves(CaseStatus.SELESAI, table) == frozenset()
    assert allowed_moves(CaseStatus.SELESAI) == {CaseStatus.DIBUKA_KEMBALI}


@given(
    start=st.dates(D(2025, 1, 1), D(2027, 12, 1)),
    days=st.integers(0, 40),
    off=st.sets(st.dates(D(2025, 1, 1), D(2028, 3, 1)), max_size=30),
)
def test_count_inverts_add(start: dt.date, days: int, off: set[dt.date]) -> None:
    cal = WorkingCalendar(holidays=frozenset(off))
    due = cal.add(start, days)
    assert cal.count(start, due) == days
    assert due.weekday() < 5
    assert due not in off


def test_documents_per_type_are_data() -> None:
    types = case_types()
    assert types["perumahan.rtlh"]["documents"][-2:] == [
        "foto_rumah_3_sisi", "pernyataan_belum_rehab",
    ]  # fmt: skip
    item = case(D(2026, 3, 6), documents=("ktp", "kk"))
    assert "foto_rumah_3_sisi" in item.missing_documents()
    services = get_registry().services
    assert all(t["service"] in services for t in types.values())


HEADER = "id_kasus,posyandu,jenis_kasus,pemohon,dokumen,status,tanggal,oleh\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "kasus.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_case_file_round_trip(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"K1,{MELATI},perumahan.rtlh,Pak Amir,ktp;kk,dicatat,2026-03-06,Nur\n"
        "K1,,,,foto_rumah_3_sisi,diverifikasi,2026-03-09,Nur+Pemdes\n"
        f"K2,{MELATI},sosial.bansos,Bu Ani,,dicatat,06/03/2026,Nur\n"
        "K1,,,,,diteruskan_opd,2026-03-16,Pemdes\n",
    )
    k1, k2 = read_cases(path)
    assert k1.status is CaseStatus.DITERUSKAN_OPD
    assert k1.documents == ("ktp", "kk", "foto_rumah_3_sisi")
    assert [e.by for e in k1.events] == ["Nur", "Nur+Pemdes", "Pemdes"]
    assert k1.episodes()[0].met_sla is False
    assert k2.submitted_on == D(2026, 3, 6)


@pytest.mark.parametrize(
    ("body", "row", "field", "says"),
    [
        (
            f"K1,{MELATI},perumahan.rtlh,A,,dicatat,2026-03-06,N\nK1,,,,,selesai,2026-03-07,N\n",
            2,
            "status",
            "allowed next",
        ),
        (
            f"K1,{MELATI},perumahan.rtlh,A,,dicatat,2026-13-06,N\n",
            1,
            "tanggal",
            "YYYY-MM-DD",
        ),
        (
            f"K1,{MELATI},perumahan.rumah,A,,dicatat,2026-03-06,N\n",
            1,
            "jenis_kasus",
            "perumahan.rtlh",
        ),
        (
            f"K1,{MELATI},perumahan.rtlh,A,,diverifikasi,2026-03-06,N\n",
            1,
            "status",
            "dicatat",
        ),
        ("K1,,perumahan.rtlh,A,,dicatat,2026-03-06,N\n", 1, "posyandu", "posyandu"),
        (
            f"K1,{MELATI},perumahan.rtlh,A,,dicatat,2026-03-06,N\nK1,,,,,tutup,2026-03-07,N\n",
            2,
            "status",
            "dibuka_kembali",
        ),
        (
            f"K1,{MELATI},perumahan.rtlh,A,,dicatat,2026-03-06,N\nK1,,,,,diverifikasi,2026-03-05,N\n",
            2,
            "tanggal",
            "date order",
        ),
        (f"K1,{MELATI},perumahan.rtlh,A,,dicatat,,N\n", 1, "tanggal", "tanggal"),
    ],
)
def test_bad_case_files_give_located_errors(
    tmp_path: Path, body: str, row: int, field: str, says: str
) -> None:
    with pytest.raises(InputFileError) as info:
        read_cases(write(tmp_path, body))
    assert (info.value.row, info.value.field) == (row, field)
    assert says in str(info.value)


def test_case_file_without_status_column(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="status") as info:
        read_cases(write(tmp_path, "K1,2026-03-06\n", header="id_kasus,tanggal\n"))
    assert info.value.fix
    assert "id_kasus" in info.value.fix


def test_case_file_xlsx(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "kasus"
    sheet.append(HEADER.strip().split(","))
    sheet.append(
        [
            "K1",
            MELATI,
            "pendidikan.bantuan",
            "A",
            "ktp;kk;sktm",
            "dicatat",
            dt.datetime(2026, 3, 6),
            "N",
        ]
    )
    sheet.append(["K1", None, None, None, None, "bogus", dt.datetime(2026, 3, 7), "N"])
    book.save(tmp_path / "kasus.xlsx")
    with pytest.raises(InputFileError) as info:
        read_cases(tmp_path / "kasus.xlsx")
    assert (info.value.row, info.value.field, info.value.value) == (
        2,
        "status",
        "bogus",
    )


def hand_worked_cases() -> list[Case]:
    """Three cases in March-April 2026 whose report is counted by hand below."""
    a = (
        case(D(2026, 3, 6), id="A")
        .advance("diverifikasi", D(2026, 3, 9))
        .advance("diteruskan_opd", D(2026, 3, 12))
        .advance("ditindaklanjuti", D(2026, 3, 30))
        .advance("selesai", D(2026, 4, 2))
    )
    b = case(D(2026, 3, 25), id="B", bidang="sosial", category="sosial.bansos")
    c = case(
        D(2026, 3, 2), id="C", bidang="pendidikan", category="pendidikan.bantuan"
    ).advance("ditolak", D(2026, 3, 3))
    return [a, b, c]


def test_case_report_against_hand_counts() -> None:
    # Without holidays. A: due 13 Mar, forwarded 12 Mar; closed 2 Apr after
    # 19 working days (6 Mar -> 2 Apr: 9-13, 16-20, 23-27, 30, 31, 1 = 18 days
    # in [9 Mar, 2 Apr) plus 6 Mar itself = 19). B: due 1 Apr, still recorded:
    # not overdue at the end of March, overdue at the end of April.
    # C: rejected the next day (1 working day).
    report = case_report(hand_worked_cases(), as_of=D(2026, 4, 30), taxonomy="bontang")
    rows = {(r["month"], r["bidang"]): r for r in report.to_rows()}
    march_home = rows[("2026-03", "lingkungan_hidup")]
    assert (
        march_home["received"],
        march_home["verified"],
        march_home["forwarded"],
    ) == (1, 1, 1)
    assert rows[("2026-04", "lingkungan_hidup")]["closed"] == 1
    assert rows[("2026-04", "lingkungan_hidup")]["median_days_to_close"] == 19.0
    assert rows[("2026-03", "kesejahteraan_keluarga")]["overdue"] == 0
    assert rows[("2026-04", "kesejahteraan_keluarga")]["overdue"] == 1
    assert rows[("2026-03", "pendidikan")]["rejected"] == 1
    assert rows[("2026-03", "pendidikan")]["median_days_to_close"] == 1.0
    canonical = case_report(hand_worked_cases(), as_of=D(2026, 4, 30))
    assert {r["bidang"] for r in canonical.to_rows()} == {
        "perumahan_rakyat", "sosial", "pendidikan",
    }  # fmt: skip
    assert [c.label_en for c in canonical.columns][3] == "Received"


def test_case_report_ignores_later_events() -> None:
    report = case_report(hand_worked_cases(), as_of=D(2026, 3, 31))
    assert all(r["month"] == "2026-03" for r in report.to_rows())
    assert sum(r["closed"] for r in report.to_rows()) == 0


def test_bontang_labels_each_show_services() -> None:
    bontang = get_registry().taxonomies["bontang"]
    overview = bidang_overview(
        _melati(), hand_worked_cases(), as_of=D(2026, 4, 30), taxonomy=bontang
    )
    rows = {r["bidang"]: r for r in overview.to_rows()}
    assert set(rows) == {g.id for g in bontang.groups}
    for label in (
        "kesehatan",
        "pendidikan",
        "sosial",
        "lingkungan_hidup",
        "kesejahteraan_keluarga",
        "trantibumlinmas",
    ):
        assert rows[label]["services"], label
    assert rows["lingkungan_hidup"]["cases"] == 1
    assert rows["kesejahteraan_keluarga"]["overdue"] == 1


def test_kb_services_land_in_keluarga_berencana() -> None:
    from posyandu_core.hookspecs import Service

    bontang = get_registry().taxonomies["bontang"]
    kb = Service(
        id="kesehatan.kb", bidang="kesehatan", name_id="KB", name_en="FP", tags={"kb"}
    )
    assert bontang.groups_for(kb.bidang, kb.tags) == ("keluarga_berencana",)
    sosial = case(D(2026, 3, 2), bidang="sosial", category="sosial.pengaduan")
    assert bidang_group(sosial, bontang) == "sosial"


def _melati() -> Posyandu:
    return Posyandu(registration_number=MELATI, name="Posyandu Melati")


@given(
    steps=st.lists(
        st.tuples(st.sampled_from(list(CaseStatus)), st.integers(0, 6)), max_size=12
    )
)
def test_random_histories_follow_the_workflow(
    steps: list[tuple[CaseStatus, int]],
) -> None:
    """Every accepted move is in the table, every refused one is not; one episode per reopening."""
    item = case(D(2026, 3, 2))
    day = D(2026, 3, 2)
    for status, gap in steps:
        day += dt.timedelta(days=gap)
        allowed = status in allowed_moves(item.status)
        try:
            item = item.advance(status, day)
        except CaseTransitionError:
            assert not allowed
        else:
            assert allowed
            assert item.status is status
    reopened = sum(e.status is CaseStatus.DIBUKA_KEMBALI for e in item.events)
    episodes = item.episodes()
    assert len(episodes) == 1 + reopened
    for episode in episodes:
        assert WorkingCalendar().count(episode.start, episode.due) == 5
        if episode.closed_on is not None:
            assert episode.days_to_close is not None
            assert episode.days_to_close >= 0


def test_a_calendar_refuses_years_it_does_not_cover() -> None:
    from posyandu_core.errors import PosyanduError

    cal = indonesia_calendar([2026])
    assert cal.add(D(2026, 12, 21), 5) == D(2026, 12, 30)  # 24, 25 Dec off
    with pytest.raises(PosyanduError, match="does not cover"):
        cal.add(D(2026, 12, 23), 5)  # would end in 2027, whose holidays it lacks
    with pytest.raises(PosyanduError, match=r"\[2025\]"):
        case(D(2025, 12, 22)).episodes(cal)


def test_a_case_done_late_was_overdue_only_until_it_was_done() -> None:
    late = (
        case(D(2026, 3, 6))
        .advance("diverifikasi", D(2026, 3, 9))
        .advance("diteruskan_opd", D(2026, 3, 18))
    )
    (episode,) = late.episodes()
    assert episode.due == D(2026, 3, 13)
    assert [episode.overdue_on(D(2026, 3, d)) for d in (13, 14, 17, 18, 19)] == [
        False, True, True, False, False,
    ]  # fmt: skip
    assert episode.met_sla is False


def test_cases_written_read_back_equal(tmp_path: Path) -> None:
    from posyandu_core.plugins.layanan.cases import write_cases
    from posyandu_core.plugins.wilayah.city import load_sample_city

    cases = list(load_sample_city().cases)
    write_cases(cases, tmp_path / "kasus.csv")
    assert read_cases(tmp_path / "kasus.csv") == cases


def test_open_cases_reads_a_file_or_objects_like_open_register(tmp_path: Path) -> None:
    from importlib.resources import files

    from posyandu_core.errors import InputFileError
    from posyandu_core.plugins.layanan.cases import open_cases, write_cases

    kota = files("posyandu_core").joinpath("data", "sample", "kota")
    registry = str(kota.joinpath("posyandu.csv"))
    cases = open_cases(str(kota.joinpath("kasus.csv")), registry=registry)
    assert open_cases(cases, registry=registry) == cases
    write_cases(cases, tmp_path / "kasus.csv")
    assert open_cases(tmp_path / "kasus.csv") == cases
    stranger = attrs.evolve(cases[0], posyandu="99.99.99.9999.999")
    with pytest.raises(InputFileError) as info:
        open_cases([*cases, stranger], registry=registry)
    assert (info.value.row, info.value.field) == (len(cases) + 1, "posyandu")
