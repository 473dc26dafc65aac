"""The Dask job in local mode: extract_bytes mapped over a folder on a
LocalCluster writes the same Parquet rows as `skjema extract`."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import skjema
from conftest import FIXTURES
from skjema.dask import extract_folder

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_dask_writes_the_rows_of_the_cli(mixed_folder, cli_out, tmp_path, client):
    out = tmp_path / "dask"
    extract_folder(mixed_folder, out=out, client=client, partitions=8)
    workers = client.run(lambda: 1)
    assert len(workers) == 2
    for name in skjema.TABLES:
        ours = pq.read_table(out / f"{name}.parquet")
        theirs = pq.read_table(cli_out / f"{name}.parquet")
        assert ours.schema.names == theirs.schema.names, name
        assert ours.schema.types == theirs.schema.types, name
        ours_rows, their_rows = ours.to_pylist(), theirs.to_pylist()
        assert len(ours_rows) == len(their_rows), name
        for i, (a, b) in enumerate(zip(ours_rows, their_rows)):
            assert a == b, f"{name} row {i}: {a} != {b}"
    assert pq.read_table(out / "reports.parquet").num_rows == len(list(FIXTURES.glob("*.pdf"))) + 1


def test_dask_without_a_client_uses_local_processes(tmp_path):
    ds = extract_folder(FIXTURES, include="*sluttrapport-0[1-3]*")
    batch = skjema.extract(FIXTURES, include="*sluttrapport-0[1-3]*")
    assert ds.reports == batch.reports
    assert len(ds.reports) == 3
