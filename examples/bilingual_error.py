"""Raise an error the way posyandu_core does: Indonesian and English, both.

``message_id``/``fix_id`` hold the Indonesian text beside the English
``message``/``fix``; ``describe("id")`` (and ``str``) put Indonesian first,
``describe("en")`` English first, each with the labels of its language.
``texts_of`` quotes another error in each language.

Run: python examples/bilingual_error.py
"""

from __future__ import annotations

from posyandu_core.errors import InputFileError, UsageError, texts_of

VENUES = ("balai", "rumah", "lainnya")


def venue(text: str, *, source: str, row: int) -> str:
    """Return a venue cell of a Posyandu file, or say what is wrong in both languages."""
    if text not in VENUES:
        msg = f"{source}: unknown venue"
        raise InputFileError(
            msg,
            message_id=f"{source}: tempat tidak dikenal",
            row=row,
            field="tempat",
            value=text,
            fix=f"use {', '.join(VENUES)}",
            fix_id=f"pakai {', '.join(VENUES)}",
        )
    return text


def venue_option(text: str) -> str:
    """An option that quotes the error it caught, each language in its place."""
    try:
        return venue(text, source="--tempat", row=1)
    except InputFileError as exc:
        why_id, why = texts_of(exc)
        msg = f"the option cannot be used: {why}"
        raise UsageError(msg, message_id=f"opsi tidak dapat dipakai: {why_id}") from exc


try:
    venue("pasar", source="posyandu.csv", row=4)
except InputFileError as error:
    print(error.describe("id"))
    print(error.describe("en"))

try:
    venue_option("pasar")
except UsageError as error:
    print(error)
