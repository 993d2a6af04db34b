"""The site's open data as a DCAT-AP-SE catalogue (Turtle) that dataportal.se can harvest:
the catalogue, a dataset per indicator and per plan's follow-up, and their CSV and JSON
distributions, each with its licence.

Written as text rather than through an RDF library: the terms are few and fixed, and the
site build stays without another dependency. Addresses are relative to the catalogue unless
a base address is given, so the site works wherever it is published; a harvester resolves
them against the catalogue's own address.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

PREFIXES = """@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
ABOUT = "Verksamhetsplaner, mål, nyckeltal och uppföljning som öppna data."
AUTHORITY = "http://publications.europa.eu/resource/authority"
SWEDISH = f"{AUTHORITY}/language/SWE"
THEME = f"{AUTHORITY}/data-theme/GOVE"  # Regeringen och den offentliga sektorn
LICENCES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
FORMATS = {
    "csv": ("https://www.iana.org/assignments/media-types/text/csv", f"{AUTHORITY}/file-type/CSV"),
    "json": (
        "https://www.iana.org/assignments/media-types/application/json",
        f"{AUTHORITY}/file-type/JSON",
    ),
}
FREQUENCIES = {
    "month": f"{AUTHORITY}/frequency/MONTHLY",
    "quarter": f"{AUTHORITY}/frequency/QUARTERLY",
    "tertial": f"{AUTHORITY}/frequency/OTHER",
    "year": f"{AUTHORITY}/frequency/ANNUAL",
}


@dataclass
class Dataset:
    page: str  # the dataset's page on the site, relative to the site's root
    title: str
    description: str
    publisher: str  # the organisation
    licence: str  # an SPDX id
    files: list[str]  # the distributions, relative to the site's root: .csv, .json
    keywords: list[str] = field(default_factory=list)
    frequency: str | None = None


def _text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@sv'


def _iri(value: str) -> str:
    return "<" + quote(value, safe=":/#?=&.%-_~") + ">"


def _node(name: str) -> str:
    return _iri("catalog.ttl#" + quote(name.casefold().replace(" ", "-"), safe=""))


def catalogue(
    title: str, publishers: list[str], datasets: list[Dataset], day: dt.date, base: str = ""
) -> str:
    """The catalogue in Turtle. `base`, when given, makes every address absolute."""
    out = [PREFIXES]
    if base:
        out.append(f"@base {_iri(base.rstrip('/') + '/')} .\n")
    lines = [
        f"{_iri('catalog.ttl#katalog')} a dcat:Catalog ;",
        f"  dct:title {_text(title)} ;",
        f"  dct:description {_text(ABOUT)} ;",
        f"  dct:publisher {_node('utgivare-' + publishers[0])} ;",
        f"  dct:language {_iri(SWEDISH)} ;",
        f"  foaf:homepage {_iri('index.html')} ;",
        f'  dct:modified "{day.isoformat()}"^^xsd:date ;',
        f"  dcat:themeTaxonomy {_iri(AUTHORITY + '/data-theme')}",
    ]
    if datasets:
        lines[-1] += " ;"
        lines.append("  dcat:dataset " + ",\n    ".join(_iri(d.page + "#data") for d in datasets))
    out.append("\n".join(lines) + " .\n")
    for name in publishers:
        out.append(
            f"{_node('utgivare-' + name)} a foaf:Agent ; foaf:name {_text(name)} .\n"
            f"{_node('kontakt-' + name)} a vcard:Organization, vcard:Kind ;\n"
            f"  vcard:fn {_text(name)} ;\n"
            f"  vcard:hasURL {_iri('index.html')} .\n"
        )
    for d in datasets:
        out.append(_dataset(d))
    used = sorted({d.licence for d in datasets})
    pages = ["index.html", *(d.page for d in datasets)]  # home and landing pages
    periods = sorted({FREQUENCIES[d.frequency] for d in datasets if d.frequency in FREQUENCIES})
    out.append(
        "".join(f"{_iri(page)} a foaf:Document .\n" for page in pages)
        + "".join(f"{_iri(period)} a dct:Frequency .\n" for period in periods)
    )
    out.append(
        "".join(f"{_iri(LICENCES.get(x, x))} a dct:LicenseDocument .\n" for x in used)
        + f"{_iri(SWEDISH)} a dct:LinguisticSystem .\n"
        + f"{_iri(THEME)} a skos:Concept ; skos:prefLabel "
        + _text("Regeringen och den offentliga sektorn")
        + " .\n"
        + f"{_iri(AUTHORITY + '/data-theme')} a skos:ConceptScheme ;"
        + f" dct:title {_text('Datatema')} .\n"
        + "".join(
            f"{_iri(media)} a dct:MediaType .\n{_iri(kind)} a dct:MediaTypeOrExtent .\n"
            for media, kind in FORMATS.values()
        )
    )
    return "\n".join(out)


def _dataset(d: Dataset) -> str:
    lines = [
        f"{_iri(d.page + '#data')} a dcat:Dataset ;",
        f"  dct:title {_text(d.title)} ;",
        f"  dct:description {_text(d.description)} ;",
        f"  dct:publisher {_node('utgivare-' + d.publisher)} ;",
        f"  dcat:contactPoint {_node('kontakt-' + d.publisher)} ;",
        f'  dct:identifier "{d.page}" ;',
        f"  dct:language {_iri(SWEDISH)} ;",
        f"  dcat:theme {_iri(THEME)} ;",
        f"  dcat:landingPage {_iri(d.page)} ;",
    ]
    if d.keywords:
        lines.append("  dcat:keyword " + ", ".join(_text(k) for k in d.keywords) + " ;")
    if d.frequency in FREQUENCIES:
        lines.append(f"  dct:accrualPeriodicity {_iri(FREQUENCIES[d.frequency])} ;")
    lines.append("  dcat:distribution " + ", ".join(_iri(f + "#fil") for f in d.files) + " .")
    for file in d.files:
        media, kind = FORMATS[file.rpartition(".")[2]]
        lines += [
            f"{_iri(file)} a rdfs:Resource .",
            f"{_iri(file + '#fil')} a dcat:Distribution ;",
            f"  dct:title {_text(d.title + ' (' + file.rpartition('.')[2].upper() + ')')} ;",
            f"  dcat:accessURL {_iri(file)} ;",
            f"  dcat:downloadURL {_iri(file)} ;",
            f"  dct:license {_iri(LICENCES.get(d.licence, d.licence))} ;",
            f"  dcat:mediaType {_iri(media)} ;",
            f"  dct:format {_iri(kind)} .",
        ]
    return "\n".join(lines) + "\n"
