"""OAI-PMH 2.0: the protocol core, without HTTP.

`Provider.respond(arguments, base_url)` takes the request's arguments (a list of (name, value)
pairs, as decoded from a query string or a form body, repeats kept) and returns the XML of the
response. Verbs, arguments and error codes carry the names the specification gives them
(http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm); which arguments each verb takes is
the table `VERBS`, the metadata formats are the table `METADATA_FORMATS`, and every error is a
subclass of `OAIError` named after its code. Errors are ordinary responses: the HTTP layer sends
every response, errors included, with status 200.

Policy declared in Identify and kept throughout:
- granularity YYYY-MM-DD: datestamps are the day of the latest revisionDesc/change; a from/until
  to the second is a badArgument, as is a malformed date or from later than until;
- deletedRecord "no": the edition removes no record, and no header is ever marked deleted;
- oai-identifier scheme: oai:{namespace}:{xml:id of the TEI file}.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from xml.sax.saxutils import escape, quoteattr

from .record_index import Header, RecordIndex
from .tokens import ListState, TokenCodec, TokenError

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRANULARITY = "YYYY-MM-DD"
DELETED_RECORD = "no"


@dataclass(frozen=True)
class VerbArguments:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    exclusive: str | None = None  # an argument that must stand alone (resumptionToken)


VERBS: dict[str, VerbArguments] = {
    "Identify": VerbArguments(),
    "ListMetadataFormats": VerbArguments(optional=frozenset({"identifier"})),
    "ListSets": VerbArguments(exclusive="resumptionToken"),
    "GetRecord": VerbArguments(required=frozenset({"identifier", "metadataPrefix"})),
    "ListIdentifiers": VerbArguments(
        required=frozenset({"metadataPrefix"}), optional=frozenset({"from", "until", "set"}), exclusive="resumptionToken"
    ),
    "ListRecords": VerbArguments(
        required=frozenset({"metadataPrefix"}), optional=frozenset({"from", "until", "set"}), exclusive="resumptionToken"
    ),
}


@dataclass(frozen=True)
class MetadataFormat:
    schema: str
    namespace: str


METADATA_FORMATS: dict[str, MetadataFormat] = {
    "oai_dc": MetadataFormat("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "tei": MetadataFormat("https://www.tei-c.org/release/xml/tei/custom/schema/xsd/tei_all.xsd", "http://www.tei-c.org/ns/1.0"),
}

# Value syntax of the arguments, from the types of the official schema (OAI-PMH.xsd).
ARGUMENT_SYNTAX: dict[str, re.Pattern[str]] = {
    "metadataPrefix": re.compile(r"[A-Za-z0-9\-_.!~*'()]+"),
    "set": re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*"),
    "identifier": re.compile(r"[^\s]+"),
    "resumptionToken": re.compile(r"[^\s]+"),
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
EMAIL = re.compile(r"\S+@(\S+\.)+\S+")
XML_CHAR = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class OAIError(Exception):
    """An OAI-PMH error condition; `code` is the error code the specification names."""

    code = ""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class badVerb(OAIError):  # noqa: N801 - named as in the specification
    code = "badVerb"


class badArgument(OAIError):  # noqa: N801
    code = "badArgument"


class badResumptionToken(OAIError):  # noqa: N801
    code = "badResumptionToken"


class cannotDisseminateFormat(OAIError):  # noqa: N801
    code = "cannotDisseminateFormat"


class idDoesNotExist(OAIError):  # noqa: N801
    code = "idDoesNotExist"


class noRecordsMatch(OAIError):  # noqa: N801
    code = "noRecordsMatch"


class noMetadataFormats(OAIError):  # noqa: N801
    code = "noMetadataFormats"


class noSetHierarchy(OAIError):  # noqa: N801
    code = "noSetHierarchy"


ERRORS: dict[str, type[OAIError]] = {cls.code: cls for cls in OAIError.__subclasses__()}


@dataclass(frozen=True)
class RepositoryConfig:
    """What Identify declares; all of it can be set from `cli.py serve`."""

    repository_name: str = "Purges in Dispute: a TEI edition"
    admin_emails: tuple[str, ...] = ("editors@purges-in-dispute.example.org",)
    namespace: str = "purges-in-dispute.example.org"
    page_size: int = 50

    def problems(self) -> list[str]:
        out = []
        if not REPOSITORY_ID.fullmatch(self.namespace):
            out.append(f"the oai-identifier namespace must be a domain name, not {self.namespace!r}")
        out += [f"not an e-mail address: {e!r}" for e in self.admin_emails if not EMAIL.fullmatch(e)]
        if not self.admin_emails:
            out.append("at least one adminEmail is required")
        if not 1 <= self.page_size <= 10000:
            out.append("the page size must be between 1 and 10000")
        if not self.repository_name.strip():
            out.append("the repository name must not be empty")
        return out


def _utc(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: str) -> str:
    return escape(XML_CHAR.sub("\ufffd", value))


@dataclass
class Request:
    """A request whose arguments passed the checks of `parse_arguments`."""

    verb: str
    args: dict[str, str] = field(default_factory=dict)
    base_url: str = ""


def parse_arguments(pairs: Sequence[tuple[str, str]]) -> Request:
    """Check the verb and the arguments against `VERBS` and `ARGUMENT_SYNTAX`."""
    verbs = [v for k, v in pairs if k == "verb"]
    if len(verbs) != 1:
        raise badVerb("the verb argument is missing" if not verbs else "the verb argument is repeated")
    verb = verbs[0]
    if verb not in VERBS:
        raise badVerb(f"{verb!r} is not an OAI-PMH verb")
    spec = VERBS[verb]
    allowed = spec.required | spec.optional | ({spec.exclusive} if spec.exclusive else set())
    args: dict[str, str] = {}
    for key, value in pairs:
        if key == "verb":
            continue
        if key not in allowed:
            raise badArgument(f"{verb} does not take the argument {key!r}")
        if key in args:
            raise badArgument(f"the argument {key!r} is repeated")
        if XML_CHAR.search(value) or not value:
            raise badArgument(f"the argument {key!r} has an empty or illegal value")
        if key in ARGUMENT_SYNTAX and not ARGUMENT_SYNTAX[key].fullmatch(value):
            raise badArgument(f"the value of {key!r} is not legal syntax for that argument")
        args[key] = value
    if spec.exclusive and spec.exclusive in args:
        if len(args) > 1:
            raise badArgument(f"{spec.exclusive} is an exclusive argument and cannot be combined with others")
        return Request(verb, args)
    missing = sorted(spec.required - args.keys())
    if missing:
        raise badArgument(f"{verb} requires the argument(s) {', '.join(missing)}")
    _check_dates(args.get("from"), args.get("until"))
    return Request(verb, args)


def _check_dates(date_from: str | None, date_until: str | None) -> None:
    for name, value in (("from", date_from), ("until", date_until)):
        if value is None:
            continue
        if SECOND.fullmatch(value):
            raise badArgument(f"{name}: this repository's granularity is {GRANULARITY}; seconds are not supported")
        if not DAY.fullmatch(value):
            raise badArgument(f"{name}: not a date of the form {GRANULARITY}")
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise badArgument(f"{name}: not a valid date") from exc
    if date_from and date_until and date_from > date_until:
        raise badArgument("from is later than until")


class Provider:
    """Answers OAI-PMH requests from a record index."""

    def __init__(
        self, index: RecordIndex, config: RepositoryConfig, tokens: TokenCodec, clock: Callable[[], float] = time.time
    ) -> None:
        self.index = index
        self.config = config
        self.tokens = tokens
        self._clock = clock
        self._handlers: dict[str, Callable[[Request], str]] = {
            "Identify": self.Identify,
            "ListMetadataFormats": self.ListMetadataFormats,
            "ListSets": self.ListSets,
            "GetRecord": self.GetRecord,
            "ListIdentifiers": self.ListIdentifiers,
            "ListRecords": self.ListRecords,
        }

    # --- the envelope ------------------------------------------------------------------------
    def respond(self, pairs: Sequence[tuple[str, str]], base_url: str) -> str:
        """The complete XML response to one request (errors included)."""
        request: Request | None = None
        try:
            request = parse_arguments(pairs)
            request.base_url = base_url
            body = self._handlers[request.verb](request)
        except OAIError as err:
            echo = request if not isinstance(err, (badVerb, badArgument)) else None
            return self._envelope(base_url, echo, f'<error code="{err.code}">{_text(err.message)}</error>')
        return self._envelope(base_url, request, body)

    def error(self, err: OAIError, base_url: str) -> str:
        """The response for an error found before the arguments could be read (by the HTTP layer)."""
        return self._envelope(base_url, None, f'<error code="{err.code}">{_text(err.message)}</error>')

    def _envelope(self, base_url: str, request: Request | None, body: str) -> str:
        attrs = ""
        if request is not None:
            attrs = f" verb={quoteattr(request.verb)}" + "".join(
                f" {k}={quoteattr(v)}" for k, v in sorted(request.args.items())
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<OAI-PMH xmlns="{OAI_NS}" xmlns:xsi="{XSI_NS}" '
            f'xsi:schemaLocation="{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
            f"<responseDate>{_utc(self._clock())}</responseDate>"
            f"<request{attrs}>{_text(base_url)}</request>{body}</OAI-PMH>\n"
        )

    # --- identifiers and pieces -----------------------------------------------------------
    def oai_identifier(self, local_id: str) -> str:
        return f"oai:{self.config.namespace}:{local_id}"

    def local_id(self, identifier: str) -> str:
        prefix = f"oai:{self.config.namespace}:"
        local = identifier[len(prefix):] if identifier.startswith(prefix) else ""
        if not local or self.index.header(local) is None:
            raise idDoesNotExist(f"no record has the identifier {identifier}")
        return local

    def _header(self, header: Header) -> str:
        sets = "".join(f"<setSpec>{_text(s)}</setSpec>" for s in header.sets)
        return (
            f"<header><identifier>{_text(self.oai_identifier(header.local_id))}</identifier>"
            f"<datestamp>{header.datestamp}</datestamp>{sets}</header>"
        )

    def _record(self, header: Header, xml: str) -> str:
        return f"<record>{self._header(header)}<metadata>{xml}</metadata></record>"

    def _format_prefix(self, prefix: str) -> str:
        if prefix not in METADATA_FORMATS or prefix not in self.index.prefixes:
            raise cannotDisseminateFormat(f"this repository does not disseminate the format {prefix}")
        return prefix

    # --- the six verbs -------------------------------------------------------------------------
    def Identify(self, request: Request) -> str:  # noqa: N802 - verbs are named as in the specification
        cfg = self.config
        emails = "".join(f"<adminEmail>{_text(e)}</adminEmail>" for e in cfg.admin_emails)
        first = next(self.index.all_records(), None)
        sample = self.oai_identifier(first[0].local_id if first else "sample")
        earliest = self.index.earliest_datestamp or date.fromtimestamp(self._clock()).isoformat()
        return (
            f"<Identify><repositoryName>{_text(cfg.repository_name)}</repositoryName>"
            f"<baseURL>{_text(request.base_url)}</baseURL><protocolVersion>2.0</protocolVersion>{emails}"
            f"<earliestDatestamp>{earliest}</earliestDatestamp>"
            f"<deletedRecord>{DELETED_RECORD}</deletedRecord><granularity>{GRANULARITY}</granularity>"
            "<description><oai-identifier xmlns=\"http://www.openarchives.org/OAI/2.0/oai-identifier\" "
            "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai-identifier "
            "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd\">"
            f"<scheme>oai</scheme><repositoryIdentifier>{_text(cfg.namespace)}</repositoryIdentifier>"
            f"<delimiter>:</delimiter><sampleIdentifier>{_text(sample)}</sampleIdentifier>"
            "</oai-identifier></description></Identify>"
        )

    def ListMetadataFormats(self, request: Request) -> str:  # noqa: N802
        if "identifier" in request.args:
            available = set(self.index.formats_of(self.local_id(request.args["identifier"])))
        else:
            available = set(self.index.prefixes)
        prefixes = [p for p in METADATA_FORMATS if p in available]
        if not prefixes:
            raise noMetadataFormats("there are no metadata formats available for this item")
        items = "".join(
            f"<metadataFormat><metadataPrefix>{p}</metadataPrefix><schema>{METADATA_FORMATS[p].schema}</schema>"
            f"<metadataNamespace>{METADATA_FORMATS[p].namespace}</metadataNamespace></metadataFormat>"
            for p in prefixes
        )
        return f"<ListMetadataFormats>{items}</ListMetadataFormats>"

    def ListSets(self, request: Request) -> str:  # noqa: N802
        if "resumptionToken" in request.args:
            raise badResumptionToken("this repository answers ListSets in one response and issues no token for it")
        if not self.index.set_list:
            raise noSetHierarchy("this repository does not support sets")
        items = "".join(
            f"<set><setSpec>{_text(s.spec)}</setSpec><setName>{_text(s.name)}</setName></set>" for s in self.index.set_list
        )
        return f"<ListSets>{items}</ListSets>"

    def GetRecord(self, request: Request) -> str:  # noqa: N802
        local = self.local_id(request.args["identifier"])
        prefix = request.args["metadataPrefix"]
        xml = self.index.metadata(local, prefix) if prefix in METADATA_FORMATS else None
        if xml is None:
            raise cannotDisseminateFormat(f"the record cannot be disseminated in the format {prefix}")
        header = self.index.header(local)
        assert header is not None
        return f"<GetRecord>{self._record(header, xml)}</GetRecord>"

    def ListIdentifiers(self, request: Request) -> str:  # noqa: N802
        return self._list(request, with_metadata=False)

    def ListRecords(self, request: Request) -> str:  # noqa: N802
        return self._list(request, with_metadata=True)

    # --- incomplete lists --------------------------------------------------------------------
    def _list(self, request: Request, with_metadata: bool) -> str:
        if "resumptionToken" in request.args:
            state = self._resume(request)
        else:
            state = self._first_state(request)
        rows = self.index.page(state.prefix, state.spec, state.next_pos, state.last_pos, self.config.page_size, with_metadata)
        if not rows:  # the index changed under a valid token: the snapshot check makes this unreachable
            raise badResumptionToken("the resumption token points past the end of the list")
        items = "".join(self._record(h, xml or "") if with_metadata else self._header(h) for _, h, xml in rows)
        token = self._next_token(state, rows[-1][0], len(rows))
        return f"<{request.verb}>{items}{token}</{request.verb}>"

    def _first_state(self, request: Request) -> ListState:
        args = request.args
        prefix = self._format_prefix(args["metadataPrefix"])
        spec = args.get("set", "")
        if spec and not self.index.set_list:
            raise noSetHierarchy("this repository does not support sets")
        span = self.index.span(prefix, spec, args.get("from"), args.get("until"))
        if span is None:
            raise noRecordsMatch("no records match the combination of metadataPrefix, set, from and until")
        lo, hi = span
        return ListState(
            request.verb, prefix, spec, args.get("from", ""), args.get("until", ""),
            lo, hi, hi - lo + 1, 0, self.index.snapshot, 0,
        )

    def _resume(self, request: Request) -> ListState:
        try:
            state = self.tokens.decode(request.args["resumptionToken"], self.index.snapshot)
        except TokenError as exc:
            raise badResumptionToken(str(exc)) from exc
        if state.verb != request.verb:
            raise badResumptionToken(f"this resumption token continues {state.verb}, not {request.verb}")
        return state

    def _next_token(self, state: ListState, last_pos: int, count: int) -> str:
        if state.cursor == 0 and last_pos >= state.last_pos:
            return ""  # the whole list fitted in one response
        attrs = f'completeListSize="{state.size}" cursor="{state.cursor}"'
        if last_pos >= state.last_pos:
            return f"<resumptionToken {attrs}/>"
        nxt = ListState(
            state.verb, state.prefix, state.spec, state.date_from, state.date_until,
            last_pos + 1, state.last_pos, state.size, state.cursor + count, state.snapshot, self.tokens.expiry(),
        )
        return (
            f'<resumptionToken expirationDate="{_utc(nxt.expires)}" {attrs}>'
            f"{self.tokens.encode(nxt)}</resumptionToken>"
        )
