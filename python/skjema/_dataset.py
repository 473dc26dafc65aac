"""The dataset of a batch in Python: reports as dicts, tables as pyarrow."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Union

import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq

from . import _native
from ._errors import SkjemaError, error_for

PathLike = Union[str, "os.PathLike[str]"]

#: Every table, in the order of datapackage.json.
TABLES: List[str] = list(_native.table_names())
#: Every kind of errors.csv.
ERROR_KINDS: List[str] = list(_native.error_kinds())


class Dataset:
    """What one batch produced, in memory.

    ``reports`` holds every report as a dict (the canonical model, as in
    reports.jsonl); ``table(name)`` gives one table as a ``pyarrow.Table``
    with the columns and types of ``<name>.parquet`` (text stays text, so
    ``kommunenummer`` keeps its leading zero; dates are ``date32``).
    """

    def __init__(self, native: "_native.NativeDataset") -> None:
        self._native = native
        self._reports: Optional[List[dict]] = None
        self._tables: Dict[str, pa.Table] = {}

    @property
    def reports(self) -> List[dict]:
        """Every report as a dict, in the order of reports.jsonl."""
        if self._reports is None:
            self._reports = [json.loads(line) for line in self._native.report_lines()]
        return self._reports

    @property
    def errors(self) -> List[dict]:
        """The rows of errors.csv: inputs that did not become a report."""
        return self.table("errors").to_pylist()

    def table(self, name: str) -> pa.Table:
        """One table (``reports``, ``households``, ..., ``errors``) as pyarrow."""
        if name not in self._tables:
            if name not in TABLES:
                raise KeyError(f"no table named {name!r}; the tables are {', '.join(TABLES)}")
            data = self._native.table_ipc(name)
            self._tables[name] = pa.ipc.open_stream(data).read_all()
        return self._tables[name]

    def tables(self) -> Dict[str, pa.Table]:
        """Every table by name, in the order of datapackage.json."""
        return {name: self.table(name) for name in TABLES}

    def to_pandas(self, name: Optional[str] = None):
        """One table as a pandas DataFrame, or all of them by name.

        Text columns stay text (object dtype: ``kommunenummer`` is "0301",
        not 301), dates are ``datetime.date`` values, not timestamps, and
        whole numbers are pandas' nullable ``Int64`` (a gap does not turn
        a count into a float).
        """
        if name is None:
            return {n: self.to_pandas(n) for n in TABLES}
        import pandas as pd

        whole = {pa.int64(): pd.Int64Dtype()}
        return self.table(name).to_pandas(date_as_object=True, types_mapper=whole.get)

    def write_parquet(self, out: PathLike) -> List[Path]:
        """Writes every table as ``<out>/<name>.parquet`` (with pyarrow)."""
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, table in self.tables().items():
            target = folder / f"{name}.parquet"
            partial = folder / f".{name}.parquet.partial"
            pq.write_table(table, partial, compression="snappy")
            os.replace(partial, target)
            written.append(target)
        return written

    def __len__(self) -> int:
        return len(self._native.report_lines())

    def __repr__(self) -> str:
        return f"<skjema.Dataset: {len(self)} reports, {self.table('errors').num_rows} errors>"


def _paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _globs(globs: Union[None, str, Sequence[str]]) -> Optional[List[str]]:
    if globs is None:
        return None
    return [globs] if isinstance(globs, str) else list(globs)


def extract(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = None,
    include: Union[None, str, Sequence[str]] = None,
    exclude: Union[None, str, Sequence[str]] = None,
    timeout: int = 60,
) -> Dataset:
    """Reads files and folders as ``skjema extract`` does and returns the dataset.

    ``jobs`` documents are read in parallel (default: one per core);
    ``include``/``exclude`` are the globs of ``--include``/``--exclude``;
    ``timeout`` is the time budget of one document in seconds. Documents
    that do not become a report are rows of ``Dataset.errors``, as in
    errors.csv; a batch that cannot run raises :class:`SkjemaError`.
    """
    try:
        native = _native.extract(
            _paths(paths), jobs=jobs, include=_globs(include), exclude=_globs(exclude), timeout=timeout
        )
    except RuntimeError as err:
        raise SkjemaError(str(err)) from None
    return Dataset(native)


def list_inputs(
    paths: Union[PathLike, Iterable[PathLike]],
    include: Union[None, str, Sequence[str]] = None,
    exclude: Union[None, str, Sequence[str]] = None,
) -> List[str]:
    """The input files ``skjema extract`` reads for these paths, in its order."""
    try:
        return list(_native.list_inputs(_paths(paths), include=_globs(include), exclude=_globs(exclude)))
    except RuntimeError as err:
        raise SkjemaError(str(err)) from None


def extract_bytes(data: bytes, name: str = "document") -> dict:
    """Reads one document (PDF or text) held in memory and returns its report.

    ``name`` stands for its path in the report (``source.path``). A document
    that does not become a report raises the :class:`SkjemaError` subclass
    of its errors.csv kind (``BrokenPdfError``, ``NotAReportError``, ...).
    """
    kind, payload, sha256 = _native.extract_bytes(bytes(data), name)
    if kind is not None:
        raise error_for(kind, payload, name, sha256)
    return json.loads(payload)


def assemble(outcomes: Iterable[tuple]) -> Dataset:
    """One dataset from documents read one by one (see :mod:`skjema.dask`).

    Each outcome is ``(path, None, report_json, sha256)`` or
    ``(path, kind, reason, sha256)``. They are put in the order of their
    paths and files of the same bytes are grouped, so the result is what
    ``skjema extract`` writes for the same files.
    """
    return Dataset(_native.assemble(list(outcomes)))
