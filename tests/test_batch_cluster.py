"""The local cluster ``legload batch`` starts: one-thread worker processes with the batch's Dask
settings (no task profiler, slower health checks), unless the user's Dask configuration says
otherwise."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")


def _worker_settings(dask_worker) -> tuple[object, object, int]:
    import dask

    return (dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.admin.tick.interval"), dask_worker.state.nthreads)


@pytest.mark.slow
def test_the_workers_of_a_local_cluster_run_without_the_profiler():
    from legload.batch.run import local_cluster

    with local_cluster(1) as (cluster, client):
        settings = list(client.run(_worker_settings).values())
        assert cluster.scheduler_address.startswith("tcp://")
    assert settings == [(False, "500ms", 1)]


def test_a_setting_of_the_users_own_dask_configuration_wins():
    import dask

    from legload.batch.run import LOCAL_CLUSTER_CONFIG, local_settings

    assert local_settings() == LOCAL_CLUSTER_CONFIG
    with dask.config.set({"distributed.admin.tick.interval": "100ms"}):
        kept = local_settings()
    assert "distributed.admin.tick.interval" not in kept
    assert kept["distributed.worker.profile.enabled"] is False
