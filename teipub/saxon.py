"""The edition's only door to Saxon (saxonche): one processor, each stylesheet compiled once.

`Saxon` keeps a single `PySaxonProcessor` and a cache of compiled stylesheets keyed by their
resolved path. Every failure (compile or run) becomes an `XsltError` naming the stylesheet, the
input file if any, and Saxon's message with the text of any terminating `xsl:message`.

The processor is confined (see `CONFINEMENT`): documents and texts are read from `file:` URIs
only, so no stylesheet or source pointer can make the build fetch anything over the network,
and the XML parser refuses a DOCTYPE, so no entity is expanded and no external DTD or entity is
read (the validator refuses them too; this also holds for `build --no-validate`). Which files a
pointer may reach is decided in the stylesheets (`pe:inside-collection` in
`xslt/modules/functions.xsl`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor, PyXsltExecutable


_FEATURE = "http://saxon.sf.net/feature/"
CONFINEMENT: tuple[tuple[str, str], ...] = (
    (_FEATURE + "allowedProtocols", "file"),
    (_FEATURE + "parserFeature?uri=http%3A//apache.org/xml/features/disallow-doctype-decl", "true"),
)


class XsltError(Exception):
    """A stylesheet failed to compile or to run."""

    def __init__(self, stylesheet: Path, message: str, source: Path | None = None) -> None:
        self.stylesheet = stylesheet
        self.source = source
        self.message = message.strip()
        where = f"{stylesheet.name}" + (f" on {source}" if source else "")
        super().__init__(f"{where}: {self.message}")


@dataclass(frozen=True)
class Run:
    """What one transformation produced: its principal output (if not written to a file)."""

    output: str
    messages: tuple[str, ...]


def _file_uri(path: Path, folder: bool = False) -> str:
    uri = path.resolve().as_uri()
    return uri + "/" if folder and not uri.endswith("/") else uri


class Saxon:
    """One Saxon processor and the stylesheets compiled with it."""

    def __init__(self) -> None:
        self._proc = PySaxonProcessor(license=False)
        for name, value in CONFINEMENT:
            self._proc.set_configuration_property(name, value)
        self._xslt = self._proc.new_xslt30_processor()
        self._compiled: dict[Path, PyXsltExecutable] = {}

    def compile(self, stylesheet: Path) -> PyXsltExecutable:
        """The compiled stylesheet (compiled on first use, then taken from the cache)."""
        key = stylesheet.resolve()
        if key not in self._compiled:
            if not key.is_file():
                raise XsltError(key, "stylesheet not found")
            try:
                self._compiled[key] = self._xslt.compile_stylesheet(stylesheet_file=str(key))
            except PySaxonApiError as exc:
                raise XsltError(key, str(exc)) from None
        return self._compiled[key]

    def compile_text(self, text: str, base: Path) -> PyXsltExecutable:
        """Compile a stylesheet given as text (for tests), with `base` as its base URI."""
        try:
            self._xslt.set_cwd(str(base.resolve().parent))
            return self._xslt.compile_stylesheet(stylesheet_text=text)
        except PySaxonApiError as exc:
            raise XsltError(base, str(exc)) from None

    def transform(
        self,
        stylesheet: Path,
        *,
        source: Path | None = None,
        output: Path | None = None,
        base_output: Path | None = None,
        params: Mapping[str, str] | None = None,
    ) -> Run:
        """Run a stylesheet.

        With `source`, its templates are applied to that document; without, its
        `xsl:initial-template` is called. The principal result goes to `output` (a file) or is
        returned; `xsl:result-document` hrefs resolve against `base_output` (a folder).
        """
        exe = self.compile(stylesheet)
        exe.clear_parameters()
        for name, value in (params or {}).items():
            exe.set_parameter(name, self._proc.make_string_value(value))
        exe.set_save_xsl_message(True, None)
        exe.clear_xsl_messages()
        if base_output is not None:
            exe.set_base_output_uri(_file_uri(base_output, folder=True))
        try:
            if source is not None:
                doc = self._proc.parse_xml(xml_file_name=str(source.resolve()))
                exe.set_global_context_item(xdm_item=doc)
                if output is not None:
                    output.parent.mkdir(parents=True, exist_ok=True)
                    exe.apply_templates_returning_file(xdm_value=doc, output_file=str(output))
                    result = ""
                else:
                    result = exe.apply_templates_returning_string(xdm_value=doc) or ""
            elif output is not None:
                output.parent.mkdir(parents=True, exist_ok=True)
                exe.call_template_returning_file(None, output_file=str(output))
                result = ""
            else:
                result = exe.call_template_returning_string(None) or ""
        except PySaxonApiError as exc:
            raise XsltError(stylesheet.resolve(), self._with_messages(str(exc), exe), source) from None
        return Run(result, self._messages(exe))

    def parse(self, path: Path):
        """A parsed document (an XDM node), for callers that apply several modes to one file."""
        return self._proc.parse_xml(xml_file_name=str(path.resolve()))

    @staticmethod
    def _messages(exe: PyXsltExecutable) -> tuple[str, ...]:
        msgs = exe.get_xsl_messages()
        if msgs is None:
            return ()
        return tuple(str(m.string_value if hasattr(m, "string_value") else m) for m in msgs)

    def _with_messages(self, error: str, exe: PyXsltExecutable) -> str:
        msgs = self._messages(exe)
        return error.strip() + ("\n" + "\n".join(msgs) if msgs else "")
