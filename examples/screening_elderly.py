"""Screen an elderly person: age group, SKILAS, ADL Barthel, follow-up instruments (DOMAIN.md §10).

Run: python examples/screening_elderly.py
"""

from __future__ import annotations

from posyandu_core.plugins.kesehatan.screening import elderly

print(elderly.elderly_group(age_years=72).label_id)

skilas = elderly.skilas(
    orientation_correct=True, recalls_three_words=True,
    chair_stand_seconds=16.0,  # 5 stands took longer than 14 s
    weight_loss=False, appetite_loss=False, lila_cm=20.5,
    eye_problem=False, finger_count_correct=True, hears_whisper=True,
    feeling_sad=False, little_interest=False,
)  # fmt: skip
print("SKILAS:", skilas.code, skilas.details["follow_up"])

adl = elderly.barthel(
    items={"bab": 2, "bak": 2, "membersihkan_diri": 1, "toilet": 1, "makan": 2,
           "berpindah": 2, "berjalan": 1, "berpakaian": 1, "naik_tangga": 0, "mandi": 0},
)  # fmt: skip
print(
    f"ADL {adl.value:g}/20: {adl.label_id} ({adl.kemkes_code}), kelompok {adl.details['care_group']}"
)

for result in (
    elderly.mini_cog(recall_words=1, clock_points=0),
    elderly.amt(score=6),
    elderly.mna_sf(score=10),
    elderly.rapuh(
        resistance=True,
        activity=False,
        illness_count=2,
        walking=True,
        weight_loss=False,
    ),
    elderly.gds4(
        satisfied_with_life=True,
        often_bored=True,
        often_helpless=False,
        feel_worthless=False,
    ),
):
    print(f"{result.rule:16} {result.value:g}: {result.label_en}")

# The instruments DOMAIN.md names without scoring them: their published
# scoring, a documented [U] convention (confidence "U" on each result).
for result in (
    elderly.sppb(balance_points=3, gait_speed_points=2, chair_stand_points=1),
    elderly.sarc_calf(sex="P", calf_cm=31.0, sarc_f_score=3),
    elderly.eye_chart(acuity_denominator_6m=24),  # reads the 6/24 line
):
    print(f"{result.rule:18} {result.value:g}: {result.label_en} [{result.confidence}]")
