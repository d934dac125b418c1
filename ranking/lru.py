"""A thread-safe LRU of product-side work (token ids for ONNX Runtime, split-layer states for torch split3)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence


class LruCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get_many(self, keys: Sequence[Hashable], compute: Callable[[list], list]) -> list:
        """Values for ``keys`` in order; the missing ones come from one ``compute`` call made outside the lock
        (concurrent requests share the cache, not the work of scoring)."""
        with self._lock:
            missing = [k for k in dict.fromkeys(keys) if k not in self._items]
        new = dict(zip(missing, compute(missing))) if missing else {}
        with self._lock:
            self._items.update(new)
            out = []
            for k in keys:
                if k in self._items:
                    self._items.move_to_end(k)
                    out.append(self._items[k])
                else:  # evicted by a concurrent call before this one read it
                    out.append(new[k] if k in new else compute([k])[0])
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return out
