"""The site's open data as a harvester and a reuser meet it: a DCAT-AP-SE catalogue that
parses with rdflib and has no SHACL violation against DCAT-AP 3.0's shapes and vp's own for
DCAT-AP-SE (tests/reference), distributions that exist, each with its licence, and the
follow-up results as CSV and JSON."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import ROOT

REFERENCE = Path(__file__).parent.parent / "reference"
AS_OF = "2020-01-31"


def _site(run_vp, out: Path, *extra: str) -> Path:
    result = run_vp("site", str(out), "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    return out


def _validate(catalogue: Path, text: str | None = None) -> tuple[bool, str, object]:
    import pyshacl
    import rdflib

    data = rdflib.Graph().parse(
        data=text if text is not None else catalogue.read_text(encoding="utf-8"),
        format="turtle",
        publicID=catalogue.as_uri(),
    )
    shapes = rdflib.Graph()
    shapes.parse(REFERENCE / "dcat-ap-3.0.0-shacl.ttl")
    shapes.parse(REFERENCE / "dcat-ap-se-shapes.ttl")
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, report, data


def test_the_catalogue_has_no_shacl_violation_and_its_files_exist(
    in_repo, run_vp, tmp_path
) -> None:
    import rdflib

    site = _site(run_vp, tmp_path / "site")
    conforms, report, data = _validate(site / "catalog.ttl")
    assert conforms, report
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    DCT = rdflib.Namespace("http://purl.org/dc/terms/")
    datasets = set(data.subjects(rdflib.RDF.type, DCAT.Dataset))
    # a dataset per indicator of the plans with goals, and one per plan's follow-up
    indicators = len(list((site / "degerfors-sn-2018-2019" / "nyckeltal").glob("*.csv")))
    assert len(datasets) >= indicators + 2
    files = list(data.objects(None, DCAT.downloadURL))
    assert len(files) == len(list(data.subjects(rdflib.RDF.type, DCAT.Distribution)))
    for url in files:
        assert Path(url.removeprefix("file://")).is_file(), url

    # Kolada's figures keep Kolada's CC BY 4.0; the municipality's own are CC0 by default.
    def licence(name: str) -> str:
        csv_file = rdflib.URIRef((site / "degerfors-sn-2018-2019/nyckeltal" / name).as_uri())
        distribution = next(data.subjects(DCAT.downloadURL, csv_file))
        return str(data.value(distribution, DCT.license))

    assert licence("nojda-hemtjanst.csv") == "https://creativecommons.org/licenses/by/4.0/"
    assert licence("andel-heltider.csv") == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_the_shapes_catch_a_distribution_without_licence(in_repo, run_vp, tmp_path) -> None:
    site = _site(run_vp, tmp_path / "site")
    text = (site / "catalog.ttl").read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("dct:license"))
    broken = "\n".join(lines[:first] + lines[first + 1 :])
    conforms, report, _ = _validate(site / "catalog.ttl", broken)
    assert not conforms and "license" in str(report)


def test_a_base_url_makes_every_address_absolute(in_repo, run_vp, tmp_path) -> None:
    import rdflib

    site = _site(run_vp, tmp_path / "site", "--base-url", "https://www.degerfors.se/plan")
    data = rdflib.Graph().parse(site / "catalog.ttl", format="turtle")
    nodes = {n for triple in data for n in triple if isinstance(n, rdflib.URIRef)}
    local = {n for n in nodes if str(n).startswith("file:")}
    assert local == set()
    assert rdflib.URIRef("https://www.degerfors.se/plan/catalog.ttl#katalog") in nodes
    bad = run_vp("site", str(tmp_path / "x"), "--base-url", "javascript:alert(1)")
    assert bad.exit_code == 2 and "ingen webbadress" in bad.stderr
    assert not (tmp_path / "x").exists()


def test_the_follow_up_results_are_open_data_too(in_repo, run_vp, tmp_path) -> None:
    site = _site(run_vp, tmp_path / "site")
    folder = site / "degerfors-sn-2018-2019"
    rows = list(csv.DictReader((folder / "uppfoljning-2019.csv").open(encoding="utf-8")))
    status = json.loads(
        run_vp("status", "--plan", "degerfors-sn-2018-2019", "--year", "2019", "--as-of", AS_OF,
               "--format", "json").stdout
    )  # fmt: skip
    assert json.loads((folder / "uppfoljning-2019.json").read_text("utf-8")) == status
    goals = {r["goal"]: r["status"] for r in rows if not r.get("measure")}
    assert goals == {g["goal"]: g["status"] for g in status["plans"][0]["goals"]}
    page = (site / "oppna-data.html").read_text(encoding="utf-8")
    assert 'href="catalog.ttl"' in page and "uppfoljning-2019.csv" in page


@pytest.fixture
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
