"""skjema: archived Boligsosialt utviklingsprogram reports as a typed dataset.

>>> import skjema
>>> ds = skjema.extract("rapporter/")             # doctest: +SKIP
>>> ds.table("households").to_pandas()           # doctest: +SKIP

The reading is skjema's own Rust code (the same as the ``skjema`` command):
``extract`` runs the batch of ``skjema extract``, ``extract_bytes`` reads one
document held in memory, and :mod:`skjema.dask` maps ``extract_bytes`` over a
folder on a Dask cluster.
"""

from ._dataset import (
    ERROR_KINDS,
    TABLES,
    Dataset,
    assemble,
    extract,
    extract_bytes,
    list_inputs,
)
from ._errors import (
    BrokenPdfError,
    EmptyError,
    EncryptedError,
    NotADocumentError,
    NotAReportError,
    PanicError,
    ReadError,
    SkjemaError,
    TimeoutError,
    UnsupportedError,
)
from ._native import __version__

__all__ = [
    "ERROR_KINDS",
    "TABLES",
    "BrokenPdfError",
    "Dataset",
    "EmptyError",
    "EncryptedError",
    "NotADocumentError",
    "NotAReportError",
    "PanicError",
    "ReadError",
    "SkjemaError",
    "TimeoutError",
    "UnsupportedError",
    "__version__",
    "assemble",
    "extract",
    "extract_bytes",
    "list_inputs",
]
