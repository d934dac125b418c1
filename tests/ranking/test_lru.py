from ranking.lru import LruCache


def test_missing_keys_are_computed_once_in_one_call_and_kept_in_order():
    calls = []

    def compute(keys):
        calls.append(list(keys))
        return [k.upper() for k in keys]

    cache = LruCache(size=3)
    assert cache.get_many(["a", "b", "a"], compute) == ["A", "B", "A"]
    assert cache.get_many(["b", "c"], compute) == ["B", "C"]
    assert calls == [["a", "b"], ["c"]]


def test_least_recently_used_is_evicted_first():
    cache = LruCache(size=2)
    cache.get_many(["a", "b"], lambda ks: ks)
    cache.get_many(["a"], lambda ks: ks)  # "a" is now the most recent
    cache.get_many(["c"], lambda ks: ks)  # evicts "b"
    seen = []
    cache.get_many(["a", "b"], lambda ks: seen.extend(ks) or ks)
    assert seen == ["b"]
