"""The contract of Gongkai's open API: the OpenAPI 3.1 document served at /api/openapi.json,
written here as data. Every public endpoint that answers JSON or CSV is in it with a schema for
each response; tests/opendata/test_openapi.py validates it against the OpenAPI 3.1 meta-schema,
keeps it in step with the URLconf (every API route documented, every documented path a route)
and runs schemathesis over the live app against it. Pure."""

from __future__ import annotations

from typing import Any

MAX_ID = 2**63 - 1
YEAR_LOW = 1990
YEAR_HIGH = 2100

_STRING = {"type": "string"}
# A published document offered as JSON, HTML, DOCX and XLSX (annual reports, website returns).
_DOCUMENT_FILES: dict[str, Any] = {
    "application/json": {"schema": {"type": "object"}},
    "text/html": {"schema": _STRING},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
}
_NULLABLE_STRING = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR = _json(_ref("Error"), "请求参数无法读取（说明见 error）")
NOT_FOUND = {
    "description": "没有这一资源",
    "content": {"text/html": {"schema": _STRING}, "application/json": {"schema": _ref("Error")}},
}
NOT_MODIFIED = {
    "description": "自 If-None-Match 所给的 ETag（或 If-Modified-Since 所给的时间）以来没有变化",
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "上次响应的 ETag；内容未变时返回 304，不再传输内容",
    "schema": _STRING,
}
HEADERS = {
    "ETag": {"description": "内容的实体标签", "schema": _STRING},
}
DOWNLOAD_HEADERS = HEADERS | {
    "Last-Modified": {"description": "数据集中最后一次变化的时间", "schema": _STRING},
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string", "description": "中文说明"}},
    },
    "ItemSummary": {
        "type": "object",
        "required": [
            "id",
            "title",
            "index_number",
            "doc_number",
            "unit",
            "column",
            "formed_on",
            "published_on",
            "validity",
            "topic",
            "url",
        ],
        "properties": {
            "id": {"type": "integer"},
            "title": _STRING,
            "index_number": _NULLABLE_STRING,
            "doc_number": _STRING,
            "unit": {
                "type": "object",
                "required": ["code", "name"],
                "properties": {"code": _STRING, "name": _STRING},
            },
            "column": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {"id": {"type": "integer"}, "name": _STRING},
            },
            "formed_on": _DATE,
            "published_on": {"type": ["string", "null"], "format": "date"},
            "validity": {"type": "string", "enum": ["valid", "expired", "repealed"]},
            "topic": _STRING,
            "url": {"type": "string", "format": "uri"},
        },
    },
    "ItemPage": {
        "type": "object",
        "required": ["total", "page", "page_size", "results"],
        "properties": {
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1},
            "results": {"type": "array", "items": _ref("ItemSummary")},
        },
    },
    "SimilarEntry": {
        "type": "object",
        "required": ["title", "url", "unit", "published_on"],
        "properties": {
            "title": _STRING,
            "url": _STRING,
            "unit": _STRING,
            "published_on": {"type": "string", "description": "YYYY-MM-DD，或空"},
        },
    },
    "Similar": {
        "type": "object",
        "required": ["questions", "items"],
        "properties": {
            "questions": {"type": "array", "maxItems": 5, "items": _ref("SimilarEntry")},
            "items": {"type": "array", "maxItems": 5, "items": _ref("SimilarEntry")},
        },
    },
    "Removed": {
        "type": "object",
        "description": (
            "自 since 以来不再公开的记录（撤回、所在栏目或单位停用、报告撤回发布）：收割方应删除"
        ),
        "required": ["id", "status", "changed_at"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"const": "removed"},
            "changed_at": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "ItemRecord": {
        "type": "object",
        "required": ["id", "status", "title", "unit_code", "published_on", "changed_at", "url"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"const": "published"},
            "title": _STRING,
            "index_number": _STRING,
            "doc_number": _STRING,
            "unit_code": _STRING,
            "unit_name": _STRING,
            "column_id": {"type": "integer"},
            "column_name": _STRING,
            "publisher": _STRING,
            "formed_on": _DATE,
            "published_on": _DATE,
            "validity": {"type": "string", "enum": ["valid", "expired", "repealed"]},
            "topic": _STRING,
            "summary": _STRING,
            "changed_at": _DATETIME,
            "url": {"type": "string", "format": "uri"},
        },
    },
    "QuestionRecord": {
        "type": "object",
        "description": "公开的留言及答复：标题、内容、答复与署名均为隐去个人信息后的公开文本",
        "required": ["id", "status", "subject", "text", "reply", "asker", "published_at", "url"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"const": "published"},
            "subject": _STRING,
            "text": _STRING,
            "reply": _STRING,
            "asker": {"type": "string", "description": "隐去后的署名，如“张*”"},
            "unit_name": _STRING,
            "received_on": _DATE,
            "replied_on": {"type": ["string", "null"], "format": "date"},
            "published_at": _DATETIME,
            "changed_at": _DATETIME,
            "url": {"type": "string", "format": "uri"},
        },
    },
    "ReportRecord": {
        "type": "object",
        "required": ["id", "status", "year", "agency", "tables", "published_at", "url"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"const": "published"},
            "unit_code": {"type": "string", "description": "空为本级政府（全区汇总）"},
            "agency": _STRING,
            "year": {"type": "integer"},
            "title": _STRING,
            "format": {"type": "string", "enum": ["2019", "2021"]},
            "published_at": _DATETIME,
            "changed_at": _DATETIME,
            "url": {"type": "string", "format": "uri"},
            "tables": {
                "type": "object",
                "description": "表二（第二十条各项 → 行 → 列）、表三（行 → 列）、表四（行 → 列）",
                "properties": {
                    "二": {"type": "object"},
                    "三": {"type": "object"},
                    "四": {"type": "object"},
                },
            },
        },
    },
    "Download": {
        "type": "object",
        "required": ["dataset", "year", "since", "records"],
        "properties": {
            "dataset": {"type": "string", "enum": ["items", "questions", "reports"]},
            "year": {"type": "integer"},
            "since": {"type": ["string", "null"], "format": "date-time"},
            "records": {"type": "array", "items": {"type": "object"}},
        },
    },
    "Catalog": {
        "type": "object",
        "description": (
            "DCAT-AP 词汇的 JSON-LD：dcat:Catalog，每个数据集每年一个 dcat:Dataset，"
            "每种格式一个 dcat:Distribution"
        ),
        "required": ["@context", "@type", "dcat:dataset"],
        "properties": {
            "@context": {"type": "object"},
            "@type": {"const": "dcat:Catalog"},
            "dct:title": _STRING,
            "dcat:dataset": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["@id", "@type", "dct:title", "dcat:distribution"],
                    "properties": {
                        "@type": {"const": "dcat:Dataset"},
                        "dcat:distribution": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["@type", "dcat:downloadURL", "dcat:mediaType"],
                                "properties": {"@type": {"const": "dcat:Distribution"}},
                            },
                        },
                    },
                },
            },
        },
    },
}

# The JSON download of each dataset: the envelope with its own kind of record.
for _key, _record in (
    ("items", "ItemRecord"),
    ("questions", "QuestionRecord"),
    ("reports", "ReportRecord"),
):
    SCHEMAS[f"{_key.title()}Download"] = {
        "allOf": [
            _ref("Download"),
            {
                "properties": {
                    "dataset": {"const": _key},
                    "records": {
                        "type": "array",
                        "items": {"oneOf": [_ref(_record), _ref("Removed")]},
                    },
                }
            },
        ]
    }

SINCE = {
    "name": "since",
    "in": "query",
    "required": False,
    "description": (
        "增量收割：只给出此时刻（ISO 8601，如 2025-01-01T00:00:00+08:00；不带时区的按本站时区）"
        "以来变化的记录，并以 status 为 removed 的记录列出此后不再公开的记录"
    ),
    "schema": _DATETIME,
}
YEAR = {
    "name": "year",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": YEAR_LOW, "maximum": YEAR_HIGH},
}
EXT = {
    "name": "ext",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": ["csv", "json"]},
}


def _download(key: str, summary: str, description: str) -> dict[str, Any]:
    csv_note = "CSV：UTF-8（带 BOM），首行为列名；以 =、+、-、@ 开头的单元格前加 ' 以免被当作公式。"
    return {
        "get": {
            "operationId": f"download_{key}",
            "tags": ["批量下载"],
            "summary": summary,
            "description": description + csv_note,
            "parameters": [YEAR, EXT, SINCE, IF_NONE_MATCH],
            "responses": {
                "200": {
                    "description": "该年度的数据集（流式传输）",
                    "headers": DOWNLOAD_HEADERS,
                    "content": {
                        "application/json": {"schema": _ref(f"{key.title()}Download")},
                        "text/csv": {"schema": _STRING},
                    },
                },
                "304": NOT_MODIFIED,
                "400": ERROR,
                "404": NOT_FOUND,
            },
        }
    }


def document() -> dict[str, Any]:
    """The OpenAPI 3.1 document (a new dict each time)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Gongkai 政府信息公开开放数据接口",
            "version": "1.0.0",
            "summary": "主动公开目录、留言答复、年度报告统计表的检索与批量下载",
            "description": (
                "本接口无需账号，只提供公开的信息。所有响应带 ETag；批量下载另带 Last-Modified，"
                "并支持 since 参数做增量收割。说明见 /api/。"
            ),
        },
        "servers": [{"url": "/"}],
        "tags": [
            {"name": "检索", "description": "主动公开目录的检索与相似内容"},
            {"name": "批量下载", "description": "按年度下载的数据集（CSV 与 JSON）"},
            {"name": "元数据", "description": "接口说明与数据目录"},
        ],
        "paths": {
            "/api/items": {
                "get": {
                    "operationId": "search_items",
                    "tags": ["检索"],
                    "summary": "检索主动公开的政府信息",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "检索词（至多 60 字）",
                        },
                        {
                            "name": "sort",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["relevance", "date"]},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                        },
                        {
                            "name": "unit",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "公开单位代码",
                        },
                        {
                            "name": "government",
                            "in": "query",
                            "schema": {"type": "string"},
                            "description": "人民政府的单位代码：该政府及其所属各级单位",
                        },
                        {
                            "name": "column",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                        },
                        {
                            "name": "year",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": YEAR_LOW,
                                "maximum": YEAR_HIGH,
                            },
                        },
                        {
                            "name": "validity",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["valid", "expired", "repealed"]},
                        },
                        IF_NONE_MATCH,
                    ],
                    "responses": {
                        "200": _json(_ref("ItemPage"), "一页检索结果（每页 20 条）")
                        | {"headers": HEADERS},
                        "304": NOT_MODIFIED,
                        "400": ERROR,
                    },
                }
            },
            "/lookup/similar.json": {
                "get": {
                    "operationId": "similar",
                    "tags": ["检索"],
                    "summary": "与一段文字相似的已公开信息和已公开答复（各至多 5 条）",
                    "parameters": [
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                        IF_NONE_MATCH,
                    ],
                    "responses": {
                        "200": _json(_ref("Similar"), "相似的信息和答复") | {"headers": HEADERS},
                        "304": NOT_MODIFIED,
                    },
                }
            },
            "/reports/{pk}/download.{ext}": {
                "get": {
                    "operationId": "report_file",
                    "tags": ["批量下载"],
                    "summary": "一份已发布年度报告的文件",
                    "parameters": [
                        {
                            "name": "pk",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
                        },
                        {
                            "name": "ext",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": ["json", "html", "docx", "xlsx"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "报告（JSON 为发布时的内容）",
                            "content": _DOCUMENT_FILES,
                        },
                        "404": NOT_FOUND,
                    },
                }
            },
            "/website-report/{year}/download.{ext}": {
                "get": {
                    "operationId": "website_return_file",
                    "tags": ["批量下载"],
                    "summary": "一年已发布的政府网站工作年度报表",
                    "parameters": [
                        {
                            "name": "year",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer", "minimum": 2018, "maximum": 9999},
                        },
                        {
                            "name": "ext",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": ["json", "html", "docx", "xlsx"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "报表（国办函〔2018〕12号的格式）",
                            "content": _DOCUMENT_FILES,
                        },
                        "404": NOT_FOUND,
                    },
                }
            },
            "/policies.csv": {
                "get": {
                    "operationId": "policy_library",
                    "tags": ["批量下载"],
                    "summary": "政策文件库：现行有效的行政规范性文件及其解读（CSV，UTF-8 带 BOM）",
                    "parameters": [],
                    "responses": {
                        "200": {
                            "description": "每个文件一行：标题、文号、发布机关、成文日期、"
                            "发布日期、索引号、效力、网址、解读",
                            "content": {"text/csv": {"schema": _STRING}},
                        },
                    },
                }
            },
            "/api/items/{year}.{ext}": _download(
                "items",
                "一年主动公开的政府信息（元数据）",
                "按发布日期的年度；正文见每条记录的 url。",
            ),
            "/api/questions/{year}.{ext}": _download(
                "questions",
                "一年公开的留言咨询及答复",
                "按公开时间的年度；只含隐去个人信息后的公开文本，不含留言人姓名、电话、邮箱、留言编号。",
            ),
            "/api/reports/{year}.{ext}": _download(
                "reports",
                "一年已发布年度报告的统计表",
                "表二、表三、表四；CSV 每个单元格一行（table、item、row、column、value）。",
            ),
            "/api/catalog.json": {
                "get": {
                    "operationId": "catalog",
                    "tags": ["元数据"],
                    "summary": "数据目录（DCAT-AP，JSON-LD）",
                    "parameters": [IF_NONE_MATCH],
                    "responses": {
                        "200": {
                            "description": "dcat:Catalog",
                            "headers": HEADERS,
                            "content": {
                                "application/ld+json": {"schema": _ref("Catalog")},
                            },
                        },
                        "304": NOT_MODIFIED,
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "tags": ["元数据"],
                    "summary": "本文档（OpenAPI 3.1）",
                    "parameters": [IF_NONE_MATCH],
                    "responses": {
                        "200": _json({"type": "object"}, "OpenAPI 文档") | {"headers": HEADERS},
                        "304": NOT_MODIFIED,
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
