"""A cache that fails under the reader (a full disk, a damaged file) is a notification, not a
crash: what is on screen stays usable, and the next action tries the cache again."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from tgagreader.store import StoreError


class _Notifies(Protocol):
    def notify(self, message: str, **options: Any) -> None: ...


Method = TypeVar("Method", bound=Callable[..., Any])


def notify_store_error(where: _Notifies, error: StoreError) -> None:
    where.notify(str(error), title="Cache error", severity="error", timeout=8, markup=False)


def shows_store_errors(method: Method) -> Method:
    """Decorate a method of the app or of a screen that reads or writes the cache. It returns
    None when the cache failed (so its return type must allow None)."""

    @functools.wraps(method)
    def guarded(self: _Notifies, *args: object, **kwargs: object) -> Any:
        try:
            return method(self, *args, **kwargs)
        except StoreError as error:
            notify_store_error(self, error)
            return None

    return guarded  # type: ignore[return-value]
