# 商河县科技统计数据 — see README.md. `make` alone lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
DEV_STAMP := $(VENV)/.installed-dev-$(shell sha256sum requirements-dev.txt | cut -c1-16)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help install validate build charts serve check test lint release new-indicator import import-apply schemas lock bench mutate dist clean

help: ## 列出所有命令 / list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	rm -f $(VENV)/.installed-[0-9a-f]* && touch $@

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	rm -f $(VENV)/.installed-dev-* && touch $@

install: $(STAMP) ## 建立 .venv，安装构建所需的固定版本依赖和本项目的 MkDocs 插件 / create .venv: pinned build requirements and this project's plugin

validate: $(STAMP) ## 只校验 data/ 下的数据；BASE=<git 提交> 时还与该提交比对已发布的内容 / check the data (BASE=<ref>: and what it published)
	$(BIN)/python -m scripts.validate

build: validate ## 校验数据并构建网站到 site/ / validate, then build site/
	$(BIN)/python -m mkdocs build --strict

serve: validate ## 本地预览 http://127.0.0.1:8000 / preview locally
	$(BIN)/python -m mkdocs serve --strict

check: $(DEV_STAMP) validate ## 快速检查（约 1 分钟，工作人员提交前可运行）：代码检查、数据校验和不需要构建网站的测试 / quick: ruff, validate, the unit tests
	$(BIN)/python -m ruff check macros scripts tests
	$(BIN)/python -m ruff format --check macros scripts tests
	$(BIN)/python -m pytest -m unit -q -n auto  # one worker per core

test: $(DEV_STAMP) ## 安装测试工具（requirements-dev.txt）并运行全部测试（unit、site、browser 三层；TIER=browser 只运行一层）/ install the test tools, run every test (TIER=…: one tier)
	$(BIN)/python -m ruff check macros scripts tests
	$(BIN)/python -m ruff format --check macros scripts tests
	$(BIN)/python -m pytest -n auto --dist loadfile $${TIER:+-m "$$TIER"}  # one worker per core, a test file per worker

lint: $(DEV_STAMP) ## 代码检查：ruff 的规则（含复杂度不超过 12）和格式（每行不超过 160 列）/ ruff check and ruff format --check
	$(BIN)/python -m ruff check macros scripts tests
	$(BIN)/python -m ruff format --check macros scripts tests

# what staff type reaches the scripts through the environment as typed: never pasted into a shell command,
# and never expanded by make (`$(value …)`: "$(shell …)" stays text, "$5" in a SUMMARY stays "$5")
GIVEN := VERSION SUMMARY ID AREA UNIT TITLE BASE FILE TIER SHARD MUTANTS
$(foreach v,$(GIVEN),$(if $(filter-out undefined,$(origin $(v))),$(eval override $(v) := $$(value $(v)))$(eval export $(v))))

charts: validate ## 只画缓存中缺少的图表（SHARD=k/N 只画其中固定的第 k 份，供多台机器分担）/ draw the missing charts into the cache (SHARD=k/N: a fixed share)
	$(BIN)/python -m scripts.charts

release: validate ## 冻结当前数据为一个版本：make release VERSION=2025.1 SUMMARY="说明" / freeze a release
	$(BIN)/python -m scripts.release

new-indicator: $(STAMP) ## 新建指标文件：make new-indicator ID=xxx AREA=领域id UNIT=项 TITLE=中文名称 / scaffold an indicator
	$(BIN)/python -m scripts.new_indicator

import: $(STAMP) ## 导入新一年的报告，生成待审核的建议：make import FILE=文件.docx ID=来源id / draft observations from a new report
	$(BIN)/python -m scripts.import_source

import-apply: $(STAMP) ## 把审核表中 status 为 accept 的行加入数据并校验：make import-apply ID=来源id / apply the accepted proposals
	$(BIN)/python -m scripts.import_apply

schemas: $(STAMP) ## 由数据模式重新生成编辑器 JSON Schema 和 docs/fields.md / regenerate derived schema files
	$(BIN)/python -m scripts.schemas

PIN := $(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --quiet

lock: $(DEV_STAMP) ## 重新生成两个带哈希的锁定文件 requirements.txt 和 requirements-dev.txt / re-pin both locks with hashes
	$(PIN) -o requirements.txt requirements.in
	$(PIN) -o requirements-dev.txt requirements-dev.in

SIZES ?= 10,100,1000
ROWS ?= 5000,10000,20000

bench: $(STAMP) ## 构建性能基准：10/100/1000 个指标，对比纯 Markdown 基线 / build benchmark against a plain baseline
	$(BIN)/python -m scripts.bench --sizes $(SIZES) --rows $(ROWS)

mutate: $(DEV_STAMP) ## 变异测试（较慢，不属于 make test）：对写出和校验数字的代码做小改动，看单元测试能否发现，低于 90% 即失败；MUTANTS='macros.data.statements*' 只测一部分 / mutation testing of the wording and checks
	$(BIN)/python -m scripts.mutate

dist: build ## 构建网站并打包为 dist/<名称>-<日期>.zip 和它的 SHA-256，交给门户网站管理员上传 / build, then archive site/ with its SHA-256
	$(BIN)/python -m scripts.dist

clean: ## 删除 site/、dist/ 和缓存 / remove site/, dist/ and caches
	rm -rf site dist .cache .pytest_cache mutants
