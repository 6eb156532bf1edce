# Gongkai — the two commands of the README, and their parts.
#   make run    set up, load the demo district, serve on http://127.0.0.1:8000/ and [::1]:8000
#   make test   set up, run ruff, mypy and the whole test suite
# and, while developing:
#   make quick  ruff and the suite without the slow, browser and office tests, with fewer
#               hypothesis examples (profile dev); CI runs everything with make test

PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
# with HOST left as it is, `gongkai serve` listens on both loopbacks (127.0.0.1 and ::1)
LISTEN ?= $(if $(filter 127.0.0.1,$(HOST)),,--host $(HOST))
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run run-city test quick lint typecheck pytest install ocr-tools bench bench-search bench-portal bench-scale clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Gongkai 需要 Python 3.11 或更新版本")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# OCR of scanned reports (gongkai check_report, docs/checker.md): Debian's tesseract with its
# Simplified Chinese model, installed when missing if this is root with apt-get. Otherwise say so
# and go on: the checker then answers a scan "需要文字识别但本机未安装 tesseract".
OCR_PACKAGES := tesseract-ocr tesseract-ocr-chi-sim
ocr-tools:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then \
	  :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "正在安装文字识别（OCR）工具：$(OCR_PACKAGES)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq --no-install-recommends $(OCR_PACKAGES) >/dev/null 2>&1 \
	  || { apt-get update -qq >/dev/null 2>&1 \
	       && apt-get install -y -qq --no-install-recommends $(OCR_PACKAGES) >/dev/null 2>&1; } \
	  || echo "未能安装 $(OCR_PACKAGES)：扫描版年报将无法读取（需要文字识别但本机未安装 tesseract），其余功能不受影响"; \
	else \
	  echo "本机未安装文字识别工具 tesseract：扫描版年报将无法读取，其余功能不受影响。"; \
	  echo "如需读取扫描件，请由管理员执行：apt-get install $(OCR_PACKAGES)"; \
	fi

# The demo district's site identity (docs/site-identity.md): domain, phone, e-mail, sponsor and
# operator from the seed's annual report; the 标识码 built from 延庆区's division code 110119;
# the filing numbers and the 党政机关 link invented (clearly not the real site's).
DEMO_SITE := GONGKAI_SITE_DOMAIN=www.bjyq.gov.cn GONGKAI_SITE_ID_CODE=1101190001 \
  GONGKAI_SITE_ICP='京ICP备19000001号' GONGKAI_SITE_PSB='京公网安备 11011902000001号' \
  GONGKAI_SITE_PARTY_MARK=true \
  GONGKAI_SITE_PARTY_MARK_URL='https://bszs.conac.cn/sitename?method=show&id=1101190001' \
  GONGKAI_SITE_SPONSOR='北京市延庆区人民政府' \
  GONGKAI_SITE_OPERATOR='北京市延庆区政府信息和政务公开管理服务中心' \
  GONGKAI_SITE_PHONE=010-69173291 GONGKAI_SITE_EMAIL=yqxzfxxgk_ysq@126.com

run: $(STAMP) ocr-tools
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo --url http://$(HOST):$(PORT)
	@echo ""
	@echo "工作人员登录：http://$(HOST):$(PORT)/accounts/login/ （演示账号如 office、fgw.clerk、fgw.reviewer，密码 gongkai-demo）"
	$(DEMO_SITE) $(BIN)/gongkai serve $(LISTEN) --port $(PORT)

# The demo city (docs/governments.md): 北京市 with three districts, each on its own host name
# (huairou.localhost …, which resolve to this machine), in a data folder of its own so it never
# mixes with the district of `make run`.
CITY_DATA ?= data/city
CITY_HOSTS := localhost,127.0.0.1,[::1],bjs.localhost,huairou.localhost,miyun.localhost,pinggu.localhost
run-city: $(STAMP)
	GONGKAI_DATA_DIR=$(CITY_DATA) $(BIN)/gongkai migrate --noinput
	GONGKAI_DATA_DIR=$(CITY_DATA) $(BIN)/gongkai demo --city --url http://$(HOST):$(PORT)
	GONGKAI_DATA_DIR=$(CITY_DATA) GONGKAI_ALLOWED_HOSTS='$(CITY_HOSTS)' $(BIN)/gongkai serve $(LISTEN) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy src

# axe-core for the browser accessibility check, from the npm registry (pinned by the lock file).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm 未安装：跳过无障碍检查所需的 axe-core（CI 会安装）"; fi

pytest: $(STAMP) $(AXE) ocr-tools
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

quick: lint
	HYPOTHESIS_PROFILE=dev $(BIN)/pytest -m 'not slow and not browser and not office' $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/deadlines.py
	$(BIN)/python bench/intake_load.py
	$(BIN)/python bench/annual_report.py
	$(BIN)/python bench/check_report.py
	$(BIN)/python bench/hostile.py

# The long ones: a million items to index (about half an hour with the baselines), and the
# portal under gunicorn with wrk (Debian package ``wrk``).
bench-search: $(STAMP)
	$(BIN)/python bench/search.py

bench-portal: $(STAMP)
	$(BIN)/python bench/portal.py

# A province on one deployment (issue 18): 100 districts x 60 units, 10 million items and
# 500,000 applications generated into a temporary PostgreSQL, with wrk (docs/deployment.md,
# "Figures"); hours on a small machine. SCALE_ARGS='--items 200000 --applications 50000' for less.
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py $(SCALE_ARGS)

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .hypothesis
