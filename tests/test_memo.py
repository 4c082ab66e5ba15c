"""core.memo.once: a value derived once per object, kept on the (frozen) object."""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.core.memo import once

calls: list[tuple] = []


@dataclass(frozen=True)
class Data:
    values: tuple[int, ...]


@once
def total(data: Data, scale: int = 1) -> int:
    calls.append((data.values, scale))
    return scale * sum(data.values)


def test_computed_once_per_object_and_arguments():
    calls.clear()
    data = Data((1, 2, 3))
    assert total(data) == total(data) == total(data, 1) == total(data, scale=1) == 6
    assert total(data, 10) == 60
    assert calls == [((1, 2, 3), 1), ((1, 2, 3), 10)]  # the default is the same argument


def test_a_new_object_starts_empty_and_equal_objects_do_not_share():
    calls.clear()
    data = Data((1, 2))
    assert total(data) == 3
    assert total(replace(data, values=(5,))) == 5
    assert total(Data((1, 2))) == 3  # equal, but another object: computed again
    assert len(calls) == 3


def test_the_computation_can_be_counted_through_wrapped(monkeypatch):
    counted = []
    original = total.__wrapped__
    monkeypatch.setattr(total, "__wrapped__", lambda *a: counted.append(a) or original(*a))
    data = Data((4,))
    assert total(data) == total(data) == 4
    assert len(counted) == 1
