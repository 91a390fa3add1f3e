"""SKDN counts: the §5.2 ratios one by one, sums of cells, the keys in order."""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.skdn import SkdnCounts

COUNTS = SkdnCounts(
    s=50, k=45, d=32, n=20, t=6, o=4, b=2, bgm=3, two_t=1, vita_s=10, vita_d=7
)


def test_every_ratio_is_its_own_fraction() -> None:
    assert COUNTS.ratios() == {
        "K/S": 45 / 50,
        "D/S": 32 / 50,
        "D/K": 32 / 45,
        "N/D": 20 / 32,
        "N/S": 20 / 50,
        "BGM/D": 3 / 32,
        "2T/D": 1 / 32,
        "T/D": 6 / 32,
        "N/(D-O-B)": 20 / 26,  # N over the weighed children with a comparison
        "VITA_D/VITA_S": 7 / 10,
    }


def test_ratios_over_nobody_are_none() -> None:
    assert SkdnCounts().ratios() == dict.fromkeys(
        ("K/S", "D/S", "D/K", "N/D", "N/S", "BGM/D", "2T/D", "T/D", "N/(D-O-B)",
         "VITA_D/VITA_S"),
        None,
    )  # fmt: skip
    # every weighed child new or not weighed last month: no comparison
    only_new = SkdnCounts(s=3, k=3, d=3, o=2, b=1).ratios()
    assert only_new["N/(D-O-B)"] is None
    assert only_new["D/S"] == 1.0
    assert only_new["N/D"] == 0.0
    # one child in S, none with a KIA book
    assert SkdnCounts(s=1).ratios()["D/K"] is None
    assert SkdnCounts(s=1).ratios()["K/S"] == 0.0
    assert SkdnCounts(d=1, n=1, k=1).ratios()["D/K"] == 1.0


def test_cells_add_count_by_count() -> None:
    other = SkdnCounts(
        s=1, k=2, d=3, n=4, t=5, o=6, b=7, bgm=8, two_t=9, vita_s=10, vita_d=11
    )
    assert COUNTS + other == SkdnCounts(
        s=51, k=47, d=35, n=24, t=11, o=10, b=9, bgm=11, two_t=10, vita_s=20,
        vita_d=18,
    )  # fmt: skip
    assert other + SkdnCounts() == other
    assert SkdnCounts() + other == other


def test_keys_in_the_order_of_the_form() -> None:
    assert COUNTS.to_dict() == {
        "S": 50, "K": 45, "D": 32, "N": 20, "T": 6, "O": 4, "B": 2, "BGM": 3,
        "2T": 1, "VITA_S": 10, "VITA_D": 7,
    }  # fmt: skip
    assert list(COUNTS.to_dict()) == [
        "S", "K", "D", "N", "T", "O", "B", "BGM", "2T", "VITA_S", "VITA_D",
    ]  # fmt: skip
    assert SkdnCounts.from_mapping(COUNTS.to_dict()) == COUNTS
