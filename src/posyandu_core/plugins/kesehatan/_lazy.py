"""A read-only list whose items are built when first read, once each.

The results of a big register (a million KMS child-months, every child's
immunization record) are computed as columns; the objects of the public
API are built from them only when a caller reads them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

__all__ = ["LazySequence"]

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """A sequence of ``length`` items, item ``i`` built by ``_build(i)`` when read.

    It compares equal to the list (or tuple) of the same items. A subclass
    may override ``_prepare_all``: called once before the first full
    iteration, to prepare every item in one pass instead of one by one.

    Examples
    --------
    >>> class Squares(LazySequence[int]):
    ...     def _build(self, i: int) -> int:
    ...         return i * i
    >>> squares = Squares(4)
    >>> squares[-1], squares[1:3], squares == [0, 1, 4, 9]
    (9, [1, 4], True)
    """

    def __init__(self, length: int) -> None:
        self._built: list[T | None] = [None] * length
        self._all_prepared = False

    def _build(self, i: int) -> T:
        raise NotImplementedError

    def _prepare_all(self) -> None:
        """Prepare every item at once (default: nothing; items are built one by one)."""

    def __len__(self) -> int:
        return len(self._built)

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...
    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        item = self._built[i]
        if item is None:
            item = self._built[i] = self._build(i)
        return item

    def __iter__(self) -> Iterator[T]:
        if not self._all_prepared and len(self) > 1:
            self._prepare_all()
            self._all_prepared = True
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (list, tuple, LazySequence)):
            return NotImplemented
        return len(self) == len(other) and all(
            a == b for a, b in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # like a list

    def __repr__(self) -> str:
        return repr(list(self))
