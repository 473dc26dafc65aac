"""skjema on a Dask cluster: ``extract_bytes`` mapped over a folder.

>>> from dask.distributed import Client, LocalCluster    # doctest: +SKIP
>>> from skjema.dask import extract_folder
>>> with Client(LocalCluster(n_workers=4, threads_per_worker=1)) as client:
...     ds = extract_folder("rapporter/", out="datasett/", client=client)

The files to read are listed as ``skjema extract`` lists them (same order,
hidden files skipped, same ``include``/``exclude`` globs); each worker reads
its files and turns their bytes into a report or an error row with
:func:`skjema.extract_bytes`; the driver puts the results in path order,
groups files of the same bytes, and writes every table as Parquet — the same
rows, with the same types, as ``skjema extract --format csv,parquet`` writes
for the same folder. Workers must see the files at the same paths as the
driver (a shared file system), as with the command line's Slurm recipe.
"""

from __future__ import annotations

import json
from typing import Iterable, Optional, Sequence, Tuple, Union

from ._dataset import Dataset, PathLike, assemble, extract_bytes, list_inputs
from ._errors import SkjemaError

#: One document's result: (path, None, report JSON, sha256) or
#: (path, kind, reason, sha256).
Outcome = Tuple[str, Optional[str], str, Optional[str]]


def read_one(path: str) -> Outcome:
    """Reads one file and returns its outcome; never raises for bad input."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as err:
        reason = f"{path} could not be read ({err.strerror or err}); expected a readable file."
        return (path, "io", reason, None)
    try:
        report = extract_bytes(data, path)
    except SkjemaError as err:
        return (path, err.kind, err.reason, err.sha256)
    return (path, None, json.dumps(report, ensure_ascii=False), report["source"]["sha256"])


def extract_folder(
    paths: Union[PathLike, Iterable[PathLike]],
    out: Optional[PathLike] = None,
    include: Union[None, str, Sequence[str]] = None,
    exclude: Union[None, str, Sequence[str]] = None,
    client=None,
    partitions: Optional[int] = None,
) -> Dataset:
    """Reads every file under ``paths`` on Dask and returns the dataset.

    With ``client`` (a ``dask.distributed.Client``) the files are read on
    its cluster; without, on Dask's local multiprocessing scheduler. With
    ``out`` every table is also written as ``<out>/<table>.parquet``.
    """
    import dask.bag as db

    files = list_inputs(paths, include=include, exclude=exclude)
    if not files:
        raise SkjemaError("no input files found in the given paths")
    bag = db.from_sequence(files, npartitions=partitions or min(len(files), 64))
    results = bag.map(read_one)
    if client is not None:
        outcomes = client.compute(results).result()
    else:
        outcomes = results.compute(scheduler="processes")
    dataset = assemble(outcomes)
    if out is not None:
        dataset.write_parquet(out)
    return dataset
