"""The handout as one standalone, printable HTML page (inline CSS, A4 print rules)."""

from __future__ import annotations

from collections.abc import Callable

from esslex.documents.handout import Handout, build
from esslex.exporters import ExportOptions
from esslex.find.selection import Selection


def _breakable(url: str) -> object:
    """The URL escaped, with a line-break opportunity after each slash."""
    from markupsafe import Markup, escape

    return Markup("/<wbr>").join(escape(part) for part in url.split("/"))


def _qr_svg(url: str) -> str:
    from esslex.exporters.qr import svg_data_uri

    return svg_data_uri(url)


def page(
    template_name: str, filters: dict[str, Callable[..., object]] | None = None, **context: object
) -> str:
    """A page of our templates (handout, worksheet, web page), every value escaped;
    `filters` adds the template's own."""
    import jinja2
    import markupsafe  # noqa: F401 - jinja2's escaping: missing, it is named for any page

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("esslex.exporters", "templates"),
        # Glossary text is untrusted: everything is escaped unless marked otherwise.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["breakable"] = _breakable
    environment.filters["qr_svg"] = _qr_svg
    environment.filters.update(filters or {})
    return environment.get_template(template_name).render(**context)


def render(handout: Handout, paged: bool = False) -> str:
    """The page; `paged` adds the page numbers a PDF engine can compute (index, contents)."""
    return page("handout.html.j2", h=handout, paged=paged)


def export(selection: Selection, options: ExportOptions) -> str:
    return render(build(selection, options))
