"""A short run of the class benchmark (bench/bench_class.py) on both stores: 10 students
behind deploy/run.sh (2 replicas), one question, every acknowledged answer counted, no
client error, no server traceback. Timings are printed by the bench, never asserted."""

from __future__ import annotations

import pytest

from bench import bench_class
from deploy import harness as deploy
from tests.integration.class_store_support import NO_REDIS, redis_binary


@pytest.mark.parametrize("store", ["sqlite", "redis"])
def test_ten_students_vote_and_nothing_is_lost(store, tmp_path):
    if deploy.haproxy() is None:
        pytest.skip(deploy.NO_HAPROXY)
    if store == "redis" and redis_binary() is None:
        pytest.skip(NO_REDIS)
    r, tb = bench_class.run(store, 10, kill=False, idle=0, seed=1, keep=tmp_path / "run")
    print(bench_class.report(r, tb))
    assert r["store"] == store
    assert r["counted"] == 10 and r["lost"] == 0 and r["counts_ok"]
    assert r["errors"] == [] and tb == []
    assert r["dashboard_s"] is not None  # the dashboard showed all ten
