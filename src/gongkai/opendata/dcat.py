"""The catalogue of the open datasets in the DCAT-AP vocabulary, as JSON-LD: a dcat:Catalog,
a dcat:Dataset per dataset and year, a dcat:Distribution per format (CSV and JSON) with its
downloadURL, mediaType, modified and license. Pure. The views hand it the figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:dateTime"},
    "dct:issued": {"@type": "xsd:dateTime"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
}
MEDIA_TYPES = {
    "csv": "http://www.iana.org/assignments/media-types/text/csv",
    "json": "http://www.iana.org/assignments/media-types/application/json",
}
FORMAT_LABELS = {"csv": "CSV", "json": "JSON"}


@dataclass(frozen=True)
class DatasetYears:
    key: str
    title: str
    description: str
    years: dict[int, dt.datetime | None]


def _moment(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def catalog(
    *,
    title: str,
    publisher: str,
    homepage: str,
    license_url: str,
    api_document: str,
    datasets: Sequence[DatasetYears],
    download_url: Callable[[str, int, str], str],
) -> dict[str, Any]:
    """The catalogue; ``download_url(key, year, ext)`` is the absolute address of a file."""
    agent = {"@type": "foaf:Agent", "foaf:name": publisher}
    entries: list[dict[str, Any]] = []
    for dataset in datasets:
        for year, modified in sorted(dataset.years.items(), reverse=True):
            distributions = [
                {
                    "@id": download_url(dataset.key, year, ext),
                    "@type": "dcat:Distribution",
                    "dct:title": f"{dataset.title}（{year}年，{FORMAT_LABELS[ext]}）",
                    "dcat:downloadURL": download_url(dataset.key, year, ext),
                    "dcat:accessURL": download_url(dataset.key, year, ext),
                    "dcat:mediaType": MEDIA_TYPES[ext],
                    "dct:format": FORMAT_LABELS[ext],
                    "dct:license": license_url,
                    "dct:conformsTo": api_document,
                    **({"dct:modified": _moment(modified)} if modified else {}),
                }
                for ext in ("csv", "json")
            ]
            entries.append(
                {
                    "@id": f"{homepage}#{dataset.key}-{year}",
                    "@type": "dcat:Dataset",
                    "dct:identifier": f"{dataset.key}-{year}",
                    "dct:title": f"{dataset.title}（{year}年）",
                    "dct:description": dataset.description,
                    "dct:publisher": agent,
                    "dct:language": "zh-CN",
                    "dct:temporal": {
                        "@type": "dct:PeriodOfTime",
                        "dcat:startDate": f"{year}-01-01",
                        "dcat:endDate": f"{year}-12-31",
                    },
                    "dct:license": license_url,
                    "dcat:distribution": distributions,
                    **({"dct:modified": _moment(modified)} if modified else {}),
                }
            )
    return {
        "@context": CONTEXT,
        "@id": homepage,
        "@type": "dcat:Catalog",
        "dct:title": title,
        "dct:description": "政府信息公开平台的开放数据：主动公开目录、留言答复、年度报告统计表。",
        "dct:publisher": agent,
        "dct:language": "zh-CN",
        "dct:license": license_url,
        "foaf:homepage": homepage,
        "dcat:dataset": entries,
    }
