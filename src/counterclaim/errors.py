"""Numbered, searchable errors.

Every user-facing failure carries a stable code (``[E101] ...``) so that a
message pasted into an issue tracker finds its answer. The tree::

    CounterclaimError
    ├── InputError          (E1xx)  an article or record cannot be read
    ├── ConfigError         (E2xx)  bad options, settings or column names
    ├── StoreError          (E3xx)  the database cannot be opened or migrated
    ├── FetchError          (E4xx)  a URL or feed cannot be fetched (incl. SSRF refusals)
    └── EvalDataError       (E5xx)  evaluation data missing or malformed
"""

from __future__ import annotations


class CounterclaimError(Exception):
    code = "E000"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        loc = f"{self.where}: " if self.where else ""
        return f"[{self.code}] {loc}{self.message}"


class InputError(CounterclaimError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingProblem(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class BadDate(InputError):
    code = "E105"


class NoArticleText(InputError):
    code = "E106"


class MalformedRecord(InputError):
    code = "E107"


class UnsupportedFormat(InputError):
    code = "E108"


class NotEnglish(InputError):
    code = "E109"


class ConfigError(CounterclaimError):
    code = "E200"


class MissingColumn(ConfigError):
    code = "E201"


class StoreError(CounterclaimError):
    code = "E300"


class FetchError(CounterclaimError):
    code = "E400"


class BlockedAddress(FetchError):
    code = "E401"


class EvalDataError(CounterclaimError):
    code = "E500"


# --- HTTP API (E7xx): what a client did wrong, or what the server cannot do ---


class ApiError(CounterclaimError):
    code = "E700"
    status = 500


class NotFound(ApiError):
    code = "E701"
    status = 404


class BadParameter(ApiError):
    code = "E702"
    status = 400


class RequestTooLarge(ApiError):
    code = "E703"
    status = 413


class Unauthorized(ApiError):
    code = "E704"
    status = 401


class NotAvailable(ApiError):
    code = "E705"
    status = 501


# --- store (E3xx) and export paths -------------------------------------------


class CannotOpenStore(StoreError):
    code = "E301"


class UnsupportedDatabase(StoreError):
    code = "E302"


class SchemaTooNew(StoreError):
    code = "E303"


class BadCursor(StoreError):
    code = "E304"


class BadFilter(StoreError):
    code = "E305"


class UnsafeOutputPath(ConfigError):
    code = "E210"


# --- ingest (E1xx) and live sources (E4xx) ------------------------------------


class NoDate(InputError):
    """A warning more than an error: no publication date found, the ingest date was used."""

    code = "E110"


class MissingSource(InputError):
    code = "E111"


class TooManyRedirects(FetchError):
    code = "E402"


class ResponseTooLarge(FetchError):
    code = "E403"


class UnsupportedContentType(FetchError):
    code = "E404"


class FetchTimeout(FetchError):
    code = "E405"


class HttpStatusError(FetchError):
    code = "E406"


class NotAFeed(FetchError):
    code = "E407"


class UnclosedQuote(InputError):
    """A quotation mark with no partner; the claims stage closes it at the paragraph end (a warning)."""

    code = "E150"


class EventEvalDataMissing(EvalDataError):
    """An events evaluation (acled / subtypes / plover) was pointed at a path that does not exist."""

    code = "E520"


class EventEvalColumns(EvalDataError):
    """An events evaluation file lacks the columns its format needs."""

    code = "E521"


class ClaimsEvalData(EvalDataError):
    """A claims evaluation (attribution / stance) was pointed at missing or malformed data."""

    code = "E530"


class GeoEvalData(EvalDataError):
    """A geoparse evaluation was pointed at missing or malformed GeoWebNews / LGL / GeoVirus XML."""

    code = "E510"


class ExtractionLost(CounterclaimError):
    """A batch's extraction failed in a worker (process died, Dask worker lost) after its retries.

    Its articles are reported as rejected and not stored, so re-running the ingest retries them.
    """

    code = "E610"


class TimeEvalData(EvalDataError):
    """The time evaluation was pointed at missing or malformed TimeML."""

    code = "E540"
