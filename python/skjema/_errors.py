"""Exceptions: one class per kind of errors.csv, all under SkjemaError."""

from __future__ import annotations

from typing import Optional


class SkjemaError(Exception):
    """A document that did not become a report, or a batch that could not run.

    ``kind`` is the document's kind in errors.csv (``broken_pdf``,
    ``not_a_report``, ...), or None when the batch itself failed (no input
    found, an output that could not be written). ``reason`` is the sentence
    errors.csv holds; ``path`` and ``sha256`` name the document.
    """

    kind: Optional[str] = None

    def __init__(
        self,
        reason: str,
        *,
        path: Optional[str] = None,
        sha256: Optional[str] = None,
        kind: Optional[str] = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path
        self.sha256 = sha256
        if kind is not None:
            self.kind = kind


class NotADocumentError(SkjemaError):
    """Neither a PDF nor readable text (an image, an archive)."""

    kind = "not_a_document"


class NotAReportError(SkjemaError):
    """Text with no sign of a report (no known form, no title, no municipality)."""

    kind = "not_a_report"


class EmptyError(SkjemaError):
    """Zero bytes."""

    kind = "empty"


class BrokenPdfError(SkjemaError):
    """A damaged or truncated PDF."""

    kind = "broken_pdf"


class EncryptedError(SkjemaError):
    """A PDF that needs a password."""

    kind = "encrypted"


class ReadError(SkjemaError):
    """The file could not be read (errors.csv kind ``io``)."""

    kind = "io"


class PanicError(SkjemaError):
    """skjema crashed on this document (a bug); other documents are not affected."""

    kind = "panic"


class TimeoutError(SkjemaError):  # noqa: A001 - the kind's own name, inside skjema
    """Reading took longer than the time budget."""

    kind = "timeout"


class UnsupportedError(SkjemaError):
    """Something the reader does not handle yet."""

    kind = "unsupported"


BY_KIND = {
    cls.kind: cls
    for cls in (
        NotADocumentError,
        NotAReportError,
        EmptyError,
        BrokenPdfError,
        EncryptedError,
        ReadError,
        PanicError,
        TimeoutError,
        UnsupportedError,
    )
}


def error_for(kind: str, reason: str, path: Optional[str], sha256: Optional[str]) -> SkjemaError:
    """The exception of an errors.csv row."""
    cls = BY_KIND.get(kind, SkjemaError)
    return cls(reason, path=path, sha256=sha256, kind=kind)
