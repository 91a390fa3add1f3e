"""Issue #9: bad and odd input never reaches a count without being named."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from posyandu_core.cli import main
from posyandu_core.errors import InputFileError
from posyandu_core.model import Sex
from posyandu_core.register import (
    Register,
    RegisterRow,
    read_register,
    suggest,
)
from posyandu_core.rules import RuleConfig, Severity, gate, validate_register

HEADER = (
    "person_id,name,sex,birth_date,visit_date,weight_kg,length_cm,measure,posyandu\n"
)
# One child weighed three months running; the middle weight is the case.
CHILD = (
    "A1,Ani,P,2024-01-05,2025-01-10,{w1},74,terlentang,Mawar\n"
    "A1,Ani,P,2024-01-05,2025-02-10,{w2},75,terlentang,Mawar\n"
    "A1,Ani,P,2024-01-05,2025-03-10,{w3},76,terlentang,Mawar\n"
)


def write(tmp_path: Path, text: str, name: str = "register.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read(text: str, **options: object) -> Register:
    return read_register(io.StringIO(text), **options)  # type: ignore[arg-type]


def codes(register: Register) -> set[str]:
    return {i.code for i in register.issues}


# -- impossible values are left out of every computation ----------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("600", "unit.weight_grams"),
        ("8500", "unit.weight_grams"),
        ("-0", "range.weight_kg"),
        ("0", "range.weight_kg"),
        ("-8.4", "range.weight_kg"),
        ("1e-400", "parse.weight_kg"),
        ("1_25", "parse.weight_kg"),
        ("inf", "parse.weight_kg"),
        ("8.4.1", "parse.weight_kg"),
    ],
)
def test_impossible_weight_is_an_error_and_left_out(text: str, code: str) -> None:
    register = read(HEADER + CHILD.format(w1="8.0", w2=text, w3="8.6"))
    assert code in codes(register)
    assert register.rows[1].weight_kg is None  # no service sees it
    assert register.rows[1].raw["weight_kg"] == text  # the text stays
    assert register.quality is not None
    assert not register.quality.complete
    (left,) = [g for g in register.quality.left_out if g.code == code]
    assert left.rows == (2,)


@pytest.mark.parametrize("bad", ["600", "8500", "-0", "1e-400"])
@pytest.mark.parametrize(
    "command",
    [
        ["kms"],
        ["report", "skdn", "--month", "2025-02"],
        ["imunisasi", "--on", "2025-03-15"],
        ["demo", "--register"],
    ],
    ids=["kms", "skdn", "imunisasi", "demo"],
)
def test_every_command_leaves_it_out_says_so_and_exits_1(
    bad: str,
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2=bad, w3="8.6"))
    argv = (
        [*command[:2], path, *command[2:]]
        if command[0] == "report"
        else [*command, path]
        if command[0] == "demo"
        else [command[0], path, *command[1:]]
    )
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert "left out" in err
    assert "rows 3" in err  # data row 2 is the spreadsheet's row 3 (header on row 1)
    assert "587" not in out  # never "gained 587,300 g"
    assert "8500.0" not in out  # never "8500.0 kg" on a list
    assert "600.0" not in out
    if command[0] == "report":
        # The month's only weighing was left out: D = 0, and the file says why.
        assert "Data quality" in err


def test_kms_never_lists_a_grams_weight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2="8500", w3="8.6"))
    code, out, _ = run(capsys, "kms", path, "--format", "json")
    assert code == 1
    weights = [m["weight_kg"] for m in json.loads(out)["rows"]]
    assert 8500 not in weights
    assert 8500.0 not in weights


# -- implausible values by age are warnings, kept ------------------------------


@pytest.mark.parametrize(
    ("birth", "weight"),
    [("2023-06-05", "1.2"), ("2022-08-05", "0.5")],  # 20 and 30 months
    ids=["1.2kg-20m", "0.5kg-30m"],
)
def test_implausible_for_age_is_a_warning(birth: str, weight: str) -> None:
    register = read(HEADER + f"A1,Ani,P,{birth},2025-02-10,{weight},80,berdiri,Mawar\n")
    found = [i for i in register.issues if i.field == "weight_kg"]
    assert [(i.severity, i.code) for i in found] == [
        (Severity.WARNING, "plausibility.who_flag.weight_kg")
    ]
    assert register.rows[0].weight_kg == float(weight)


def test_who_flag_boundary() -> None:
    # Weight-for-age z of exactly -6 is not flagged; just below is.
    from posyandu_core.growth import measurement_at_zscore

    day = 600
    on_limit = float(measurement_at_zscore("wfa", -6.0, sex=2, at=day)[0])
    birth = dt.date(2024, 1, 1)
    visit = birth + dt.timedelta(days=day)
    for weight, flagged in ((on_limit + 0.001, False), (on_limit - 0.01, True)):
        register = read(
            HEADER + f"A1,Ani,P,{birth},{visit},{weight:.4f},,,Mawar\n",
            today=dt.date(2026, 1, 1),
        )
        got = "plausibility.who_flag.weight_kg" in codes(register)
        assert got is flagged, weight


# -- identity -------------------------------------------------------------------


def test_rows_without_any_identity_are_an_error_never_new_children() -> None:
    text = (
        "name,sex,birth_date,visit_date,weight_kg\n"
        "Ani,P,2024-01-05,2025-01-10,8.0\n"
        "Ani,P,2024-01-05,2025-02-10,8.2\n"
        ",P,2024-01-05,2025-03-10,8.4\n"
    )
    register = read(text)
    (issue,) = [i for i in register.issues if i.code == "identity.missing"]
    assert "rows 2, 3, 4" in issue.message_en  # as the spreadsheet shows them
    assert len(register) == 0
    assert register.quality is not None
    assert register.quality.rows_read == 3
    assert register.quality.rows_used == 0


def test_name_birth_date_and_mother_join_rows_with_a_warning() -> None:
    text = (
        "Nama Anak,JK,Tgl Lahir,Tgl Ukur,BB,Nama Ibu\n"
        'Ani,P,05/01/2024,10/01/2025,"8,0",Sri\n'
        'ani ,P,05/01/2024,10/02/2025,"8,2",SRI\n'
    )
    register = read(text)
    people = register.by_person()
    assert len(people) == 1
    (rows,) = people.values()
    assert [r.name for r in rows] == ["Ani", "ani"]
    assert rows[0].parent_name == "Sri"
    assert "identity.from_name" in codes(register)


def test_mangled_nik_is_an_error_with_the_fix_and_no_second_child() -> None:
    text = (
        "nik,name,sex,birth_date,visit_date,weight_kg,parent_name\n"
        "6474014501240001,Ani,P,2024-01-05,2025-01-10,8.0,Sri\n"
        '"6,47401E+15",Ani,P,2024-01-05,2025-02-10,8.2,Sri\n'
    )
    register = read(text)
    (issue,) = [i for i in register.issues if i.code.startswith("nik.scientific")]
    assert issue.severity is Severity.ERROR
    assert "Text" in issue.message_en
    assert "identity.near_duplicate" in codes(register)


def test_near_duplicate_ids_are_reported() -> None:
    text = HEADER + (
        "A1,Ani Lestari,P,2024-01-05,2025-01-10,8.0,74,l,Mawar\n"
        "B7,Ani  lestari,P,2024-01-05,2025-02-10,8.2,75,l,Mawar\n"
    )
    (issue,) = [i for i in read(text).issues if i.code == "identity.near_duplicate"]
    assert "A1" in issue.message_en
    assert "B7" in issue.message_en


# -- headers ------------------------------------------------------------------


def test_eppgbm_and_asik_spellings_are_known() -> None:
    text = (
        "NIK,Nama Anak,JK,Tgl Lahir,Nama Ibu,Tgl Ukur,BB,TB,LILA,Cara Ukur\n"
        '6474014501240001,Ani,P,05/01/2024,Sri,10/02/2025,"8,2","75,1",14,Telentang\n'
    )
    (row,) = read(text).rows
    assert (row.name, row.parent_name, row.weight_kg, row.length_cm) == (
        "Ani", "Sri", 8.2, 75.1,
    )  # fmt: skip
    assert (row.muac_cm, str(row.measure), row.visit_date) == (
        14.0, "terlentang", dt.date(2025, 2, 10),
    )  # fmt: skip


def test_near_miss_header_is_an_error_with_did_you_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert suggest("berat badan (kg)") == "weight_kg"
    assert suggest("Tgl  Lahr") == "birth_date"
    text = (
        "person_id,sex,birth_date,visit_date,berat badan (kg)\n"
        "A1,P,2024-01-05,2025-02-10,8.2\n"
    )
    register = read(text)
    (issue,) = [i for i in register.issues if i.code == "header.unknown_near_miss"]
    assert "did you mean weight_kg" in issue.message_en
    code, _, err = run(capsys, "kms", write(tmp_path, text))
    assert code == 1
    assert "header.unknown_near_miss" in err


def test_duplicate_unknown_headers_are_both_kept() -> None:
    text = (
        "person_id,sex,birth_date,visit_date,RT,RT\nA1,P,2024-01-05,2025-02-10,03,04\n"
    )
    register = read(text)
    assert register.extra_columns == ("RT", "RT.1")
    assert (register.rows[0].raw["RT"], register.rows[0].raw["RT.1"]) == ("03", "04")
    frame = register.to_pandas()
    assert list(frame["RT"]) == ["03"]
    assert list(frame["RT.1"]) == ["04"]


def test_tab_separated() -> None:
    text = (
        HEADER.replace(",", "\t")
        + "A1\tAni\tP\t2024-01-05\t2025-02-10\t8,2\t75\tl\tMawar\n"
    )
    assert read(text).rows[0].weight_kg == 8.2


# -- filters and dates --------------------------------------------------------


def test_posyandu_filter_ignores_case_and_lists_what_there_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2="8.2", w3="8.6"))
    code, out, _ = run(capsys, "report", "skdn", path, "--month", "2025-02",
                       "--posyandu", "mawar", "--format", "json")  # fmt: skip
    assert code == 0
    total = json.loads(out)["rows"][-1]
    assert (total["band"], total["posyandu"], total["S"]) == ("total", "Mawar", 1)
    code, _, err = run(capsys, "report", "skdn", path, "--month", "2025-02",
                       "--posyandu", "Melati")  # fmt: skip
    assert code == 1
    assert "Mawar" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "listed"),
    [
        (
            ["report", "skdn", "{path}", "--month", "2024-06"],
            "2025-01, 2025-02, 2025-03",
        ),
        (["imunisasi", "{path}", "--on", "2024-06-01"], "2025-01-10"),
        (["kms", "{path}", "--posyandu", "Melati"], "Mawar"),
        (["imunisasi", "{path}", "--on", "2999-01-01"], "later than today"),
        (["report", "skdn", "{path}", "--month", "2999-01"], "later than"),
    ],
)
def test_filters_that_match_nothing_are_errors(
    argv: list[str],
    listed: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2="8.2", w3="8.6"))
    code, _, err = run(capsys, *(a.format(path=path) for a in argv))
    assert code in (1, 2)
    assert listed in err


def test_a_future_visit_is_an_error_and_never_today(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        HEADER
        + CHILD.format(w1="8.0", w2="8.2", w3="8.6")
        + ("A1,Ani,P,2024-01-05,2062-03-10,9.0,80,berdiri,Mawar\n")
    )
    register = read(text)
    assert "date.visit_in_future" in codes(register)
    assert max(r.visit_date for r in register.rows if r.visit_date) == dt.date(
        2025, 3, 10
    )
    code, out, err = run(capsys, "demo", "--register", write(tmp_path, text))
    assert code == 1
    assert "2062" not in out
    assert "date.visit_in_future" in err


def test_as_of_makes_later_dates_errors() -> None:
    text = HEADER + CHILD.format(w1="8.0", w2="8.2", w3="8.6")
    register = read(text, today=dt.date(2025, 2, 28))
    assert [i.row for i in register.issues if i.code == "date.visit_in_future"] == [3]


# -- rules on rows built in code ------------------------------------------------


def test_rules_check_typed_values_of_rows_built_in_code() -> None:
    rows = [
        RegisterRow(
            row=1,
            person_id="A",
            sex=Sex.FEMALE,
            birth_date=dt.date(2024, 1, 5),
            visit_date=dt.date(2025, 2, 10),
            weight_kg=600.0,
        )
    ]
    issues = validate_register(Register(rows=rows))
    found = {(i.code, i.value) for i in issues}
    assert ("unit.weight_grams", "600.0") in found
    assert not any(i.code.startswith("required.") for i in issues)


# -- rules under control --------------------------------------------------------


def test_disable_rule_and_regrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = HEADER + "A1,Ani,P,2024-01-05,2025-02-10,65,75,,Mawar\n"
    path = write(tmp_path, text)
    code, out, _ = run(capsys, "validate", path)
    assert "plausibility.weight_kg" in out
    assert "method.missing" in out
    assert code == 0
    code, out, _ = run(capsys, "validate", path, "--disable-rule", "method.missing")
    assert "method.missing" not in out
    config = tmp_path / "rules.toml"
    config.write_text(
        '[rules]\ndisable = ["core.method"]\n[rules.severity]\n'
        '"plausibility" = "error"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", path, "--rules-config", str(config))
    assert code == 1
    assert "kesalahan [plausibility.weight_kg]" in out
    assert "method" not in out
    assert "left out [plausibility.weight_kg]" in err


def test_rule_config_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "rules.toml"
    config.write_text('[rules.severity]\n"core.nik" = "fatal"\n', encoding="utf-8")
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2="8.2", w3="8.6"))
    code, _, err = run(capsys, "validate", path, "--rules-config", str(config))
    assert code == 2
    assert "error, warning or info" in err
    with pytest.raises(InputFileError):
        RuleConfig.from_toml(tmp_path / "missing.toml")


def test_a_plugin_rule_replaces_a_builtin_and_overlaps_report_once() -> None:
    from collections.abc import Iterator

    from posyandu_core.hookspecs import Registrar, hookimpl
    from posyandu_core.registry import Registry
    from posyandu_core.rules import REGISTER, Issue, Rule
    from posyandu_core.testing import registered

    def strict_weight(register: Register) -> Iterator[Issue]:
        for i, w in enumerate(register.column("weight_kg").tolist()):
            if w == w and w > 20:  # NaN-safe
                yield Issue(
                    severity="error", code="range.weight_kg", row=i + 1,
                    field="weight_kg", message_id="berat > 20 kg",
                    message_en="weight > 20 kg",
                )  # fmt: skip

    class Strict:
        @hookimpl
        def register_rules(self, register: Registrar[Rule]) -> None:
            for rule_id, replaces in (
                ("local.weight", "core.ranges"),
                ("local.twice", None),
            ):
                register(
                    Rule(id=rule_id, target=REGISTER, check=strict_weight,
                         description="strict", replaces=replaces)
                )  # fmt: skip

    text = HEADER + "A1,Ani,P,2024-01-05,2025-02-10,25,75,l,Mawar\n"
    with registered(Strict()) as pm:
        register = read(text, registry=Registry.from_plugin_manager(pm))
    found = [i for i in register.issues if i.code.startswith("range.")]
    assert [(i.code, i.rule) for i in found] == [("range.weight_kg", "local.weight")]
    assert register.rows[0].weight_kg is None


# -- the data-quality summary ---------------------------------------------------


def test_quality_summary_in_both_languages_and_json() -> None:
    register = read(HEADER + CHILD.format(w1="8.0", w2="600", w3="8.6"))
    quality = register.quality
    assert quality is not None
    text = quality.describe()
    assert "3 baris dibaca, 3 dipakai" in text
    assert "3 rows read, 3 used; 1 values left out" in text
    assert "left out [unit.weight_grams] weight_kg: rows 3" in text  # sheet row
    data = quality.to_dict()
    assert data["left_out"] == [
        {"code": "unit.weight_grams", "field": "weight_kg", "rule": "core.ranges",
         "rows": [2], "header": "weight_kg", "sheet_rows": [3]}
    ]  # fmt: skip
    assert json.dumps(data)


def test_validate_json_has_the_quality_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEADER + CHILD.format(w1="8.0", w2="600", w3="8.6"))
    code, out, _ = run(capsys, "validate", path, "--format", "json")
    assert code == 1
    assert json.loads(out)["data_quality"]["rows_used"] == 3


def test_unreadable_xls_is_named() -> None:
    with pytest.raises(InputFileError, match="xlsx"):
        read_register("register.xls")


def test_rows_reused_from_validation_equal_rows_built_afresh() -> None:
    text = (
        HEADER
        + CHILD.format(w1="8.0", w2="600", w3="8.6")
        + (
            ",,P,2024-01-05,2025-03-10,8.6,76,terlentang,Mawar\n"  # no identity: left out
            "A1,Ani,X,2024-01-05,2025-04-10,abc,77,terlentang,Mawar\n"
        )
    )
    as_read = read(text, validate=False)
    assert as_read.rows  # built before the gate, as a rule working row by row does
    register = gate(as_read)
    assert register.built_rows() is not None  # the gate reused them
    fresh = register.evolve().rows  # a copy builds its rows from the columns
    assert register.rows == fresh
    assert [r.row for r in register.rows] == [1, 2, 3, 5]
    assert [r.raw["weight_kg"] for r in register.rows] == ["8.0", "600", "8.6", "abc"]
