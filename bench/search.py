"""Benchmark: full-text search over 1,000,000 published items, Gongkai against SQLite.

A generated corpus of Chinese government text (seeded, so every run is the same): titles such as
关于印发《延庆区垃圾分类工作实施方案》的通知, doc numbers such as 延政发〔2019〕12号, and bodies of
100-600 characters assembled from the phrasing of notices, announcements, budgets, penalties and
replies, over 60 units, 41 columns and the years 2010-2026. The same rows go into:

* Gongkai's search interface (:mod:`gongkai.search.engine`: ``rebuild`` to index, ``search`` to
  query — the tantivy index of unigrams and bigrams, BM25 with the title boosted);
* SQLite FTS5 over CJK unigram and bigram tokens (the classic overlapping pairs; a phrase is
  the phrase of its pairs), split by FTS5's unicode61 tokenizer on the spaces, in title and body
  columns, ranked by ``bm25()`` with the title weighted three times as in the engine;
* a plain table scanned with ``LIKE '%…%'`` on title, doc number and body, newest first.

Every measured query returns the top 20 *and the exact total* of matches. The queries are 1-,
2- and 4-character words, longer phrases, a two-term query, a number and a traditional-script
query (which must find exactly what its simplified form finds), each without a filter and with
filters (unit; year; unit + year + validity), plus a newest-first variant. The totals of the three
are compared: they must agree wherever the semantics are the same (CJK terms; a ``LIKE`` on
``2019`` also matches inside longer numbers, which the tokenized indexes do not). Also reported:
the time to index the corpus into Gongkai and to load it into SQLite, and the sizes on disk.

Targets (from the issue): p95 ≤ 10 ms for 1- and 2-character queries and ≤ 100 ms for phrases,
each judged on the slowest query of its class (all filter variants and the newest-first sort
included), and a common two-character query at least 20× faster (p50) than in FTS5.

A query answered from a hot word's impact tier (gongkai.search.tiers) is also run with the
tiers switched off, scoring the word's whole posting list: both timings are reported under
``tiers``, and the benchmark stops if the two pages differ in any id or score.

Run:  .venv/bin/python bench/search.py [--items 1000000] [--queries 50] [--keep DIR]
``--queries`` is the number of timed runs of each query through Gongkai (after warm-up);
FTS5 and LIKE, being slower, run ``--baseline-runs`` times (default 5). ``--keep DIR`` builds in
DIR and keeps it; a later run with the same DIR and ``--items`` reuses the build (the build
figures then come from the first run; Gongkai's index alone is built again when its schema
version has changed). Without it everything lives in a temporary folder that is removed at the
end. The machine should be otherwise idle: queries run on one core (indexing uses two).
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import math
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

SEED = 20_190_312
TOP = 20

# --------------------------------------------------------------------------------------------
# Vocabulary. Lists are ordered from common to rare where it matters: ``Generator.pick`` draws
# with a skew towards the front of a list.


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


THEMES = (
    "政务", "财政", "人事", "征收规划", "生态环境", "农业农村", "社会保障", "教育卫生",
    "城建交通", "安全应急", "文旅体育", "市场监管", "建议提案",
)  # fmt: skip

# (name, doc-number prefix, home theme)
DEPARTMENTS = (
    ("延庆区人民政府", "延政发", 0),
    ("延庆区人民政府办公室", "延政办发", 0),
    ("延庆区发展和改革委员会", "延发改", 0),
    ("延庆区教育委员会", "延教发", 7),
    ("延庆区科学技术和信息化局", "延科信", 0),
    ("北京市公安局延庆分局", "延公", 9),
    ("延庆区民政局", "延民发", 6),
    ("延庆区司法局", "延司发", 0),
    ("延庆区财政局", "延财", 1),
    ("延庆区人力资源和社会保障局", "延人社发", 2),
    ("北京市规划和自然资源委员会延庆分局", "京规自延", 3),
    ("延庆区生态环境局", "延环", 4),
    ("延庆区住房和城乡建设委员会", "延住建发", 8),
    ("延庆区城市管理委员会", "延城管发", 8),
    ("延庆区交通局", "延交", 8),
    ("延庆区水务局", "延水发", 4),
    ("延庆区农业农村局", "延农发", 5),
    ("延庆区商务局", "延商", 11),
    ("延庆区文化和旅游局", "延文旅发", 10),
    ("延庆区卫生健康委员会", "延卫健发", 7),
    ("延庆区退役军人事务局", "延退役军人", 6),
    ("延庆区应急管理局", "延应急发", 9),
    ("延庆区审计局", "延审", 1),
    ("延庆区市场监督管理局", "延市监", 11),
    ("延庆区体育局", "延体", 10),
    ("延庆区统计局", "延统", 0),
    ("延庆区园林绿化局", "延园林", 4),
    ("延庆区医疗保障局", "延医保发", 6),
    ("延庆区政务服务管理局", "延政服", 0),
    ("延庆区信访办公室", "延信访", 12),
    ("延庆区人民政府国有资产监督管理委员会", "延国资", 1),
    ("延庆区民族宗教事务办公室", "延民宗", 0),
    ("延庆区城市管理综合行政执法局", "延城执法", 11),
    ("延庆区人民防空办公室", "延人防", 9),
    ("延庆区地方金融监督管理局", "延金融", 1),
    ("延庆区冬奥会服务保障工作办公室", "延冬奥办", 10),
    ("延庆区乡村振兴工作办公室", "延振兴", 5),
    ("延庆区残疾人联合会", "延残联", 6),
    ("延庆区消防救援支队", "延消", 9),
    ("延庆区投资促进服务中心", "延投促", 0),
    ("延庆区档案馆", "延档", 0),
    ("延庆区融媒体中心", "延融媒", 10),
)

TOWNS = (
    "延庆镇", "康庄镇", "八达岭镇", "永宁镇", "旧县镇", "张山营镇", "四海镇", "千家店镇",
    "沈家营镇", "大榆树镇", "井庄镇", "刘斌堡乡", "大庄科乡", "香营乡", "珍珠泉乡",
    "百泉街道", "香水园街道", "儒林街道",
)  # fmt: skip


def _town_unit(town: str) -> tuple[str, str, int]:
    suffix = "办事处" if town.endswith("街道") else "人民政府"
    prefix = town[:-2] + "办发" if town.endswith("街道") else town[:-1] + "政发"
    return (f"延庆区{town}{suffix}", prefix, 5 if not town.endswith("街道") else 8)


UNITS = DEPARTMENTS + tuple(_town_unit(town) for town in TOWNS)

COLUMNS = (
    ("通知公告", 0), ("政策文件", 0), ("政策解读", 0), ("政务督查", 0), ("政府会议", 0),
    ("新闻发布", 0), ("统计信息", 0), ("回应关切", 0),
    ("财政预决算", 1), ("政府采购", 1), ("审计公告", 1), ("国有资产", 1),
    ("人事信息", 2), ("招录招聘", 2),
    ("征收补偿", 3), ("规划计划", 3), ("自然资源", 3), ("重大项目", 3),
    ("环境保护", 4), ("水务管理", 4), ("园林绿化", 4),
    ("农业农村", 5), ("乡村振兴", 5),
    ("社会救助", 6), ("就业创业", 6), ("养老服务", 6), ("退役军人", 6),
    ("教育", 7), ("医疗卫生", 7),
    ("城乡建设", 8), ("交通出行", 8), ("保障性住房", 8),
    ("应急管理", 9), ("安全生产", 9),
    ("文化旅游", 10), ("体育", 10), ("冬奥服务保障", 10),
    ("行政许可", 11), ("行政处罚", 11), ("市场监管", 11),
    ("建议提案办理", 12),
)  # fmt: skip

SUBJECTS: tuple[tuple[str, ...], ...] = tuple(
    tuple(line.split())
    for line in (
        # 政务
        "优化营商环境 接诉即办 政府信息公开 依法行政 政务服务 数字政府建设 基层治理 "
        "疏解整治促提升 重点工作督查 法治政府建设 政务公开 行政复议 议事协调机构调整 "
        "政府工作报告 国民经济和社会发展计划 统计调查 投资促进 档案管理",
        # 财政
        "部门预算 部门决算 三公经费 政府采购 财政资金绩效评价 政府债务管理 转移支付 "
        "国有资产管理 专项资金管理 政府采购意向 财政收支 预算执行 审计整改 非税收入 "
        "政府购买服务 地方金融风险防范",
        # 人事
        "公开招聘 事业单位公开招聘 社区工作者招聘 公务员录用 干部任免 人才引进 "
        "劳务派遣人员招聘 岗位调整 职称评审 见习岗位 编外人员招聘",
        # 征收规划
        "集体土地征收补偿 房屋征收补偿 征地补偿安置 土地储备 建设用地规划许可 "
        "国有土地上房屋征收 不动产登记 耕地保护 违法建设拆除 棚户区改造 控制性详细规划 "
        "乡镇国土空间规划 建设项目用地预审 地质灾害隐患点治理 矿山生态修复",
        # 生态环境
        "垃圾分类 大气污染防治 水污染防治 河长制 妫水河综合治理 清洁取暖 煤改电 "
        "污水处理 生态保护补偿 扬尘治理 建设项目环境影响评价 排污许可 土壤污染防治 "
        "再生水利用 节水型社会建设 平原造林 森林资源管理 古树名木保护 野生动物保护",
        # 农业农村
        "农村人居环境整治 乡村振兴 高标准农田建设 种植业补贴 农机购置补贴 美丽乡村建设 "
        "农村集体经济 低收入农户帮扶 动物防疫 畜禽养殖污染治理 葡萄产业发展 民宿产业 "
        "农村厕所改造 设施农业 农产品质量安全 有机农业 蜜蜂养殖 蜂产品质量检测",
        # 社会保障
        "最低生活保障 临时救助 特困人员供养 养老服务 残疾人补贴 城乡居民基本医疗保险 "
        "城乡居民养老保险 退役军人优待 高龄老年人津贴 就业援助 稳岗补贴 创业担保贷款 "
        "医疗救助 困境儿童保障 社会组织登记",
        # 教育卫生
        "义务教育入学 学前教育 校园安全 家庭医生签约服务 疫苗接种 传染病防控 "
        "食品安全抽检 医疗机构监督 爱国卫生运动 中小学课后服务 教师招聘 学生资助 "
        "健康体检 核酸检测 卫生应急",
        # 城建交通
        "老旧小区改造 道路大修 公交线路调整 停车管理 燃气安全 供暖保障 市政设施维护 "
        "保障性住房 公共租赁住房 物业管理 背街小巷整治 城市绿化 农村公路建设 "
        "交通拥堵治理 建筑节能改造",
        # 安全应急
        "安全生产检查 森林防火 防汛 应急演练 消防安全 危险化学品管理 地震应急 "
        "人民防空 应急物资储备 有限空间作业安全 燃气用户安全检查",
        # 文旅体育
        "冬奥会服务保障 世园会 冰雪运动 长城文化带建设 旅游景区管理 非物质文化遗产保护 "
        "全民健身 文物保护 公共文化服务 乡村旅游 体育赛事 图书馆建设",
        # 市场监管
        "行政处罚 行政许可 食品经营许可 价格监督检查 特种设备安全 双随机一公开 "
        "企业信用监管 广告监管 计量器具检定 产品质量监督抽查 知识产权保护 网络交易监管",
        # 建议提案
        "人大代表建议 政协委员提案 群众来信 信访事项 议案办理",
    )
)

DOC_TYPES = words(
    "通知 公告 公示 通告 实施方案 工作方案 意见 办法 报告 批复 决定 函 规划 细则 通报 "
    "答复 计划 总结 工作要点 情况说明"
)

LANDMARKS = words(
    "延庆新城 八达岭长城 龙庆峡 松山 野鸭湖湿地 玉渡山 百里山水画廊 世园公园 京礼高速 "
    "延庆奥林匹克园区 官厅水库 康西草原 夏都公园 京藏高速 兴延高速 妫水河 小海坨山 "
    "古崖居 妫水公园 妫河森林公园"
)

LAWS = words(
    "中华人民共和国政府信息公开条例 中华人民共和国行政处罚法 中华人民共和国土地管理法 "
    "中华人民共和国食品安全法 中华人民共和国环境保护法 中华人民共和国大气污染防治法 "
    "中华人民共和国安全生产法 中华人民共和国政府采购法 国有土地上房屋征收与补偿条例 "
    "北京市生活垃圾管理条例 中华人民共和国行政许可法 中华人民共和国价格法 "
    "中华人民共和国森林法 中华人民共和国防洪法 中华人民共和国义务教育法 社会救助暂行办法 "
    "中华人民共和国城乡规划法 中华人民共和国水法 中华人民共和国消防法 "
    "北京市物业管理条例 中华人民共和国预算法"
)

POLICIES = words(
    "北京市人民政府关于加快推进乡村振兴的意见 北京城市总体规划 北京市“十四五”时期生态环境保护规划 "
    "北京市优化营商环境条例 北京市接诉即办工作条例 北京市全民健身条例 "
    "延庆区国民经济和社会发展第十四个五年规划纲要 北京市居家养老服务条例"
)

HEADINGS = words(
    "工作目标 主要任务 保障措施 实施步骤 工作要求 基本情况 存在问题 下一步工作安排 "
    "补偿标准 安置方式 资金来源 申报条件 办理程序 适用范围 职责分工 监督检查 报名方式 "
    "考核评价 政策依据 有关事项"
)

SURNAMES = (
    "王张李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建文辉力永健志国春林海"
    "燕云凤亮成宁德宝金福荣新立晓晨雪松波鹏飞鑫俊博浩宇泽瑞佳欣怡琳丹颖淑惠珍莉梅琴"
    "蕾薇婷雯璐瑶彤昊轩睿哲翔旭锋毅坤峰岩钧铭晖朗炜煜烨焱璟瑾瑜琦琪琛斌彬桐楠榕桦"
    "柏梓栋槐枫杉茂蓉芸芝菲萱蔚荷莎茜蓓馨岚峥嵘崇岳川洲沛泓涵淳澄瀚湘漪汐沁灏"
)
VILLAGE_HEADS = ("", "", "", "东", "西", "南", "北", "上", "下", "大", "小", "前", "后", "新")
VILLAGE_TAILS = "营堡庄屯沟峪坊店园台窑寨湾岭口泉"
ROAD_NAMES = words(
    "高塔 东外 湖南 康安 庆园 新华 莲花池 百泉 香水园 儒林 延康 北关 东关 西关 南菜园 "
    "振兴 温泉 八达岭 百康 舜泽 龙庆 夏都 永安 阜康 东顺城 西顺城 庆园 胜芳 挂甲峪"
)
ROAD_TAILS = ("路", "街", "大街", "南路", "北路", "东路", "西路")
TRADES = words(
    "建设工程 环境科技 物业管理 园林绿化 餐饮管理 农业开发 旅游开发 建筑装饰 市政工程 "
    "信息技术 医药连锁 商贸 运输 食品 农业专业合作社 酒店管理 电力工程 水利工程 "
    "测绘技术 工程咨询 造价咨询 劳务派遣 保安服务 节能科技 汽车维修 文化传媒 教育咨询 "
    "家政服务 建材 葡萄酒庄 养殖专业合作社 机械设备租赁"
)
# Verb-object phrases of official prose: "{act}{aim}，{act}{aim}，…"
ACTS = words(
    "贯彻落实 统筹推进 稳步推进 扎实开展 全面加强 持续深化 不断完善 切实提升 认真做好 "
    "着力解决 加快构建 积极探索 严格落实 大力推进 持续巩固 深入开展 进一步规范 "
    "健全完善 压实压紧 精心组织 协调联动 分类施策 源头治理 多措并举 因地制宜"
)
AIMS = words(
    "工作机制 长效机制 体制机制 服务水平 治理能力 主体责任 监管责任 属地责任 "
    "工作成效 群众获得感 幸福感和安全感 风险隐患排查 问题整改 制度建设 队伍建设 "
    "基础设施 公共服务 民生保障 信息化水平 考核评价体系 应急处置能力 资金使用效益 "
    "宣传培训 督导检查 执法检查 社会监督 诉求办理质量 基层党组织建设 营商环境"
)

# Sentences and titles. ``{name}`` is a slot filled by ``Generator``; see its ``slot_*`` methods.
TITLES = (
    "关于印发《{place}{subject}{plan}》的通知",
    "关于{subject}有关事项的通知",
    "关于{village}{subject}的公示",
    "{self}{year}年{subject}情况公示",
    "关于{year}年度{subject}结果的公告",
    "{place}{subject}{doctype}",
    "关于做好{year}年{subject}工作的通知",
    "关于{landmark}{subject}项目的批复",
    "{self}关于{subject}的{doctype}",
    "关于进一步加强{subject}工作的意见",
    "{year}年{place}{subject}工作总结",
    "关于公布{year}年{subject}名单的通告",
    "关于开展{subject}专项检查的通知",
    "《{place}{subject}{plan}》政策解读",
)
THEME_TITLES: tuple[tuple[str, ...], ...] = (
    ("{self}{year}年政府信息公开工作年度报告", "关于调整{self}{subject}领导小组成员的通知"),
    ("{self}{year}年部门预算", "{self}{year}年部门决算", "{self}{year}年“三公”经费预算情况说明"),
    ("{self}{year}年公开招聘工作人员公告", "{self}{year}年公开招聘拟聘用人员公示"),
    ("{road}{subject}项目征收补偿方案", "关于{village}集体土地征收补偿安置方案的公告"),
    ("{landmark}生态环境保护工作方案", "关于{place}垃圾分类示范片区创建情况的公示"),
    ("{place}{year}年农业补贴发放情况公示", "关于{village}美丽乡村建设项目的公示"),
    ("{place}{year}年第{num}季度最低生活保障对象公示", "关于调整{year}年{subject}标准的通知"),
    ("{year}年延庆区义务教育阶段入学工作方案", "关于{year}年{subject}工作的通知"),
    ("关于{road}道路施工期间交通管理措施的通告", "{place}老旧小区综合整治工程公示"),
    ("关于做好{year}年汛期安全工作的通知", "{place}{year}年森林防火工作方案"),
    ("{landmark}{year}年{subject}活动方案", "关于举办{year}年延庆区冰雪运动季的通知"),
    ("{company}行政处罚决定书", "关于{year}年第{num}批{subject}结果的公告"),
    ("对区人大{ordinal}届{ordinal}次会议第{num}号建议的答复", "对区政协第{num}号提案的答复"),
)

OPENINGS = (
    "为深入贯彻落实《{policy}》精神，进一步做好{subject}工作，结合我区实际，制定本方案。",
    "根据《{law}》第{num}条规定，现将{subject}有关情况公开如下。",
    "经{self}研究决定，现将{year}年{subject}有关事项通知如下：",
    "各镇乡人民政府、街道办事处，区政府各委、办、局，各区属机构：",
    "为切实做好{subject}工作，保障人民群众合法权益，根据有关规定，现将有关事项公告如下：",
    "您提出的关于{landmark}{subject}的建议收悉，现答复如下：",
    "按照区委、区政府工作部署，{self}扎实推进{subject}各项工作，现将有关情况报告如下：",
)
SENTENCES = (
    "{place}{village}共涉及{num}户，面积{area}平方米。",
    "本项目由{company}承担，合同金额{money}万元，工期{num}个月。",
    "截至{date}，全区累计完成{subject}{num}项，完成率{pct}%。",
    "请各单位高度重视，明确责任分工，确保各项工作按时完成。",
    "公示期为{period}。如有异议，请在公示期内以书面形式向{self}反映。",
    "加强组织领导。成立由主管副区长任组长的工作领导小组，统筹推进{subject}工作。",
    "强化监督检查。{unit}要加强日常巡查，对发现的问题及时督促整改，确保整改到位。",
    "做好宣传引导。充分利用广播、电视、网站、微信公众号等渠道，广泛宣传{subject}的政策措施。",
    "{year}年全区{subject}资金预算{money}万元，比上年增长{pct}%。",
    "下一步，我们将继续会同{unit}，加大{subject}工作力度，切实解决群众关心关注的问题。",
    "{place}{subject}工作取得阶段性成效，群众满意度达到{pct}%。",
    "各单位要严格落实属地管理责任，于{date}前将工作情况报送{self}。",
    "{self}联合{unit}对{place}{num}个点位开展联合检查，发现问题{num}处，已全部完成整改。",
    "坚持以人民为中心的发展思想，统筹发展和安全，推动{subject}高质量发展。",
    "项目位于{place}{road}以东、{landmark}以北，总投资{money}万元。",
    "对符合条件的{subject}对象，按照每人每月{small}元的标准发放。",
    "本{doctype}自印发之日起施行，有效期至{year}年{month}月{day}日。",
    "申请人应当提交身份证明、{subject}申请表及相关证明材料，由{self}在{num}个工作日内审核。",
    "{village}村民代表大会讨论通过了{subject}方案，并在村务公开栏进行了张贴。",
    "全年共受理{subject}事项{num}件，办结率{pct}%，群众满意率{pct}%。",
    "{company}在{landmark}周边实施{subject}工程，施工期间请过往车辆和行人注意安全。",
    "依法依规做好{subject}信息公开工作，主动接受社会监督。",
    "{act}{aim}，{act}{aim}，{act}{aim}。",
    "要{act}{aim}，{act}{aim}，确保{subject}工作取得实效。",
    "{self}坚持问题导向，{act}{aim}，{act}{aim}，推动{subject}各项任务落地见效。",
    "{period}，{self}在{place}组织召开{subject}工作推进会，{unit}等单位参加会议。",
    "会议要求，各单位要{act}{aim}，{act}{aim}，{act}{aim}。",
    "针对群众反映的{subject}问题，{self}{act}{aim}，已于{date}全部办结。",
)
THEME_SENTENCES: tuple[tuple[str, ...], ...] = (
    ("全年主动公开政府信息{num}条，受理政府信息公开申请{num}件，均已按期答复。",),
    (
        "一般公共预算支出{money}万元，其中基本支出{money}万元，项目支出{money}万元。",
        "本次政府采购项目采用公开招标方式，预算金额{money}万元，中标供应商为{company}。",
        "“三公”经费财政拨款预算{money}万元，比上年减少{money}万元。",
    ),
    (
        "招聘岗位{num}个，计划招聘{num}人，具体岗位及条件详见附件。",
        "报名时间为{period}，报名地点为{self}（{road}{num}号）。",
        "经笔试、面试、体检和考察，拟聘用{person}等{num}人，现予以公示。",
    ),
    (
        "征收范围涉及{village}集体土地{area}平方米，补偿费用{money}万元。",
        "被征收房屋的补偿标准按照{year}年市场评估价格确定，另给予搬迁补助费和临时安置补助费。",
        "依据《{law}》，拟对{village}土地实施征收，征收补偿安置方案予以公告。",
    ),
    (
        "全区生活垃圾分类示范小区达到{num}个，厨余垃圾分出量{small}吨。",
        "妫水河流域水质持续改善，{landmark}断面水质达到Ⅲ类标准。",
        "加强扬尘治理，对{num}处施工工地开展专项检查，责令整改{num}处。",
    ),
    (
        "{village}实施农村人居环境整治，完成户厕改造{num}户，新建污水管线{small}米。",
        "发放种植业补贴{money}万元，惠及农户{num}户。",
        "{village}葡萄种植面积{area}亩，带动农户增收{money}万元。",
    ),
    (
        "本季度全区城乡低保对象{num}户{num}人，发放低保金{money}万元。",
        "对{village}{num}名特困人员落实分散供养，按月足额发放供养金。",
        "城乡居民基本医疗保险参保率达到{pct}%，报销比例提高到{pct}%。",
    ),
    (
        "全区共有义务教育阶段学校{num}所，今年秋季计划招收一年级新生{num}人。",
        "完成家庭医生签约服务{num}人，重点人群签约率{pct}%。",
        "开展食品安全监督抽检{num}批次，合格率{pct}%。",
    ),
    (
        "本次改造涉及{place}{num}个小区{num}栋楼，惠及居民{num}户。",
        "因{road}道路施工，{num}路公交车临时绕行，恢复时间另行通知。",
        "完成供暖设施检修{num}处，确保供暖季居民室温不低于18℃。",
    ),
    (
        "汛期为每年6月1日至9月15日，各单位实行24小时值班和领导带班制度。",
        "森林防火期内，严禁在林区野外用火，违者依法追究责任。",
        "组织开展{subject}应急演练{num}次，参与人员{num}人次。",
    ),
    (
        "延庆赛区各项服务保障任务圆满完成，{landmark}接待游客{num}万人次。",
        "举办冰雪运动进校园活动{num}场，参与学生{num}人次。",
        "{landmark}景区实行预约游览，每日最大承载量{num}人。",
    ),
    (
        "经查，{company}于{date}在{road}{num}号从事经营活动，违反了《{law}》第{num}条的规定。",
        "依据《{law}》第{num}条第{small}款的规定，决定给予警告并处罚款{small}元的行政处罚。",
        "当事人如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议。",
    ),
    (
        "您提出的建议对做好{subject}工作具有重要参考价值，{self}高度重视，认真研究办理。",
        "感谢您对{subject}工作的关心和支持，欢迎继续提出宝贵意见和建议。",
    ),
)
CLOSINGS = (
    "特此公告。",
    "特此通知。",
    "特此公示。",
    "联系人：{person}，联系电话：{phone}。",
    "附件：{subject}情况统计表",
    "{self}　{date}",
)
PLANS = ("工作方案", "实施方案", "三年行动计划", "管理办法", "实施细则", "工作要点")
ORDINALS = "一二三四五六七八九十"
YEARS = tuple(range(2010, 2027))

_SLOT = re.compile(r"\{(\w+)\}")


def _compile(template: str) -> list[str]:
    """A template as alternating literal text and slot names (odd positions)."""
    return _SLOT.split(template)


class Row(NamedTuple):
    id: int
    unit: int
    column: int
    year: int
    validity: str
    published: str  # ISO date
    title: str
    doc_number: str
    body: str


class Generator:
    """Deterministic items of Chinese government text, one at a time (nothing is kept)."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        names = random.Random(seed + 1)
        villages: set[str] = set()
        while len(villages) < 700:
            head = names.choice(VILLAGE_HEADS)
            middle = names.choice(SURNAMES) + ("家" if names.random() < 0.5 else "")
            villages.add(f"{head}{middle}{names.choice(VILLAGE_TAILS)}村")
        self.villages = sorted(villages)
        names.shuffle(self.villages)
        self.companies = [
            f"北京{names.choice(GIVEN)}{names.choice(GIVEN)}{names.choice(TRADES)}有限公司"
            for _ in range(3000)
        ]
        self.titles = [_compile(t) for t in TITLES]
        self.theme_titles = [[_compile(t) for t in group] for group in THEME_TITLES]
        self.openings = [_compile(t) for t in OPENINGS]
        self.sentences = [_compile(t) for t in SENTENCES]
        self.theme_sentences = [[_compile(t) for t in group] for group in THEME_SENTENCES]
        self.closings = [_compile(t) for t in CLOSINGS]
        self.columns_of = [[i for i, (_, t) in enumerate(COLUMNS) if t == theme] for theme in
                           range(len(THEMES))]  # fmt: skip
        self.slots: dict[str, Callable[[], str]] = {
            name[len("slot_") :]: getattr(self, name) for name in dir(self) if name[:5] == "slot_"
        }
        self.numbers: dict[tuple[int, int], int] = {}
        # More is published every year (2026 only up to June).
        weights = [1 + 0.12 * (y - YEARS[0]) for y in YEARS]
        weights[-1] /= 2
        self.year_weights = list(itertools.accumulate(weights))
        # The state of the item being generated, read by the slots.
        self.unit = 0
        self.theme = 0
        self.year = 2019
        self.subject = ""
        self.heading = 0

    # Draws.
    def pick(self, items: Sequence[str]) -> str:
        """One of ``items``, the first ones far more often than the last ones."""
        return items[int(len(items) * self.rng.random() ** 2)]

    def small(self) -> int:
        return self.rng.randint(1, 99)

    # Slots.
    def slot_place(self) -> str:
        return "延庆区" if self.rng.random() < 0.4 else self.pick(TOWNS)

    def slot_village(self) -> str:
        return self.pick(self.villages)

    def slot_landmark(self) -> str:
        return self.pick(LANDMARKS)

    def slot_subject(self) -> str:
        return self.subject

    def slot_self(self) -> str:
        return UNITS[self.unit][0]

    def slot_unit(self) -> str:
        return self.rng.choice(UNITS)[0]

    def slot_year(self) -> str:
        return str(self.year)

    def slot_month(self) -> str:
        return str(self.rng.randint(1, 12))

    def slot_day(self) -> str:
        return str(self.rng.randint(1, 28))

    def slot_date(self) -> str:
        return f"{self.year}年{self.rng.randint(1, 12)}月{self.rng.randint(1, 28)}日"

    def slot_period(self) -> str:
        month, day = self.rng.randint(1, 12), self.rng.randint(1, 20)
        return f"{self.year}年{month}月{day}日至{self.year}年{month}月{day + 7}日"

    def slot_act(self) -> str:
        return self.rng.choice(ACTS)

    def slot_aim(self) -> str:
        return self.rng.choice(AIMS)

    def slot_num(self) -> str:
        return str(
            self.rng.randint(1, 30) if self.rng.random() < 0.7 else self.rng.randint(31, 900)
        )

    def slot_small(self) -> str:
        return str(self.rng.randint(1, 99) * 10)

    def slot_money(self) -> str:
        return f"{self.rng.uniform(1, 20000):.2f}"

    def slot_area(self) -> str:
        return f"{self.rng.uniform(50, 90000):.1f}"

    def slot_pct(self) -> str:
        return f"{self.rng.uniform(60, 100):.1f}"

    def slot_person(self) -> str:
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.6 else "")
        return self.rng.choice(SURNAMES) + given

    def slot_phone(self) -> str:
        return f"691{self.rng.randint(0, 99999):05d}"

    def slot_company(self) -> str:
        return self.rng.choice(self.companies)

    def slot_road(self) -> str:
        return self.rng.choice(ROAD_NAMES) + self.rng.choice(ROAD_TAILS)

    def slot_law(self) -> str:
        return self.pick(LAWS)

    def slot_policy(self) -> str:
        return self.rng.choice(POLICIES)

    def slot_doctype(self) -> str:
        return self.pick(DOC_TYPES)

    def slot_plan(self) -> str:
        return self.rng.choice(PLANS)

    def slot_ordinal(self) -> str:
        return self.rng.choice(ORDINALS)

    def fill(self, parts: list[str]) -> str:
        out = []
        for i, part in enumerate(parts):
            out.append(self.slots[part]() if i % 2 else part)
        return "".join(out)

    def item(self, item_id: int) -> Row:
        rng = self.rng
        # A few units publish most; a unit mostly writes about its own field.
        self.unit = int(len(UNITS) * rng.random() ** 1.6)
        home = UNITS[self.unit][2]
        self.theme = home if rng.random() < 0.65 else rng.randrange(len(THEMES))
        self.subject = self.pick(SUBJECTS[self.theme])
        self.year = rng.choices(YEARS, cum_weights=self.year_weights)[0]
        last = dt.date(2026, 6, 30) if self.year == 2026 else dt.date(self.year, 12, 31)
        first = dt.date(self.year, 1, 1)
        published = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        roll = rng.random()
        validity = "valid" if roll < 0.9 else "expired" if roll < 0.96 else "repealed"
        column = rng.choice(self.columns_of[self.theme])
        doc_number = ""
        if rng.random() < 0.55:
            key = (self.unit, self.year)
            self.numbers[key] = self.numbers.get(key, 0) + 1
            doc_number = f"{UNITS[self.unit][1]}〔{self.year}〕{self.numbers[key]}号"
        specific = self.theme_titles[self.theme]
        title_template = rng.choice(specific if rng.random() < 0.3 else self.titles)
        title = self.fill(title_template)
        body = self.body()
        return Row(
            item_id, self.unit + 1, column + 1, self.year, validity, published.isoformat(),
            title, doc_number, body,
        )  # fmt: skip

    def body(self) -> str:
        rng = self.rng
        target = int(rng.triangular(100, 600, 260))
        parts = [self.fill(rng.choice(self.openings))]
        length = len(parts[0])
        heading = 0
        specific = self.theme_sentences[self.theme]
        used: set[int] = set()
        while length < target - 30:
            if heading < len(ORDINALS) and rng.random() < 0.15:
                sentence = f"{ORDINALS[heading]}、{rng.choice(HEADINGS)}"
                heading += 1
            else:
                pool = specific if rng.random() < 0.3 else self.sentences
                template = rng.choice(pool)
                if id(template) in used:  # one more draw: a body seldom repeats a sentence
                    template = rng.choice(pool)
                used.add(id(template))
                sentence = self.fill(template)
            parts.append(sentence)
            length += len(sentence)
        parts.append(self.fill(rng.choice(self.closings)))
        text = "\n".join(parts)
        return text[:600]

    def items(self, count: int) -> Iterator[Row]:
        for item_id in range(1, count + 1):
            yield self.item(item_id)


# --------------------------------------------------------------------------------------------
# Queries.


@dataclass(frozen=True)
class Query:
    text: str
    kind: str  # 1char, 2char, 4char, phrase (5+ characters), multi, number
    label: str  # common, rare, traditional …
    like_comparable: bool = True  # a LIKE substring match means the same as the token match


QUERIES = (
    Query("区", "1char", "common"),
    Query("镇", "1char", "medium"),
    Query("蜂", "1char", "rare"),
    Query("公示", "2char", "common"),
    Query("工作", "2char", "common"),
    Query("补偿", "2char", "medium"),
    Query("妫水", "2char", "medium"),
    Query("冬奥", "2char", "rare"),
    Query("補償", "2char", "traditional"),
    Query("垃圾分类", "4char", "medium"),
    Query("征收补偿", "4char", "medium"),
    Query("政府采购", "4char", "medium"),
    Query("垃圾分類", "4char", "traditional"),
    Query("政府信息公开", "phrase", "common"),
    Query("农村人居环境整治", "phrase", "rare"),
    Query("妫水河 治理", "multi", "two terms"),
    Query("2019", "number", "common", like_comparable=False),
)
TRADITIONAL = {"補償": "补偿", "垃圾分類": "垃圾分类"}

FILTER_UNIT = 4  # 延庆区教育委员会: a middling publisher
FILTER_YEAR = 2019
VARIANTS: dict[str, dict[str, Any]] = {
    "none": {},
    "unit": {"unit": FILTER_UNIT},
    "year": {"year": FILTER_YEAR},
    "unit+year+valid": {"unit": FILTER_UNIT, "year": FILTER_YEAR, "validity": "valid"},
}


@dataclass(frozen=True)
class Case:
    query: Query
    variant: str
    sort: str  # relevance or date

    @property
    def filters(self) -> dict[str, Any]:
        return VARIANTS[self.variant]


def cases() -> list[Case]:
    out = []
    for query in QUERIES:
        out.extend(Case(query, variant, "relevance") for variant in VARIANTS)
        out.append(Case(query, "none", "date"))
    return out


@dataclass
class Timing:
    total: int
    runs: list[float] = field(default_factory=list)  # milliseconds

    @property
    def p50(self) -> float:
        return percentile(self.runs, 50)

    @property
    def p95(self) -> float:
        return percentile(self.runs, 95)


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def measure(run: Callable[[], int], warmup: int, runs: int) -> Timing:
    for _ in range(warmup):
        run()
    timing = Timing(total=-1)
    for _ in range(runs):
        start = time.perf_counter_ns()
        total = run()
        timing.runs.append((time.perf_counter_ns() - start) / 1e6)
        timing.total = total
    return timing


# --------------------------------------------------------------------------------------------
# SQLite: the plain table (LIKE) and FTS5 over the engine's tokens.


def open_sqlite(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path / "items.sqlite3", isolation_level=None)
    db.execute(f"ATTACH DATABASE '{path / 'fts.sqlite3'}' AS ftsdb")
    for schema in ("main", "ftsdb"):
        db.execute(f"PRAGMA {schema}.journal_mode = OFF")
        db.execute(f"PRAGMA {schema}.synchronous = OFF")
        db.execute(f"PRAGMA {schema}.cache_size = -262144")  # 256 MB each
        db.execute(f"PRAGMA {schema}.mmap_size = {16 * 1024**3}")
    return db


def load_items(db: sqlite3.Connection, count: int, log: Callable[[str], None]) -> float:
    """Generate the corpus into the plain table; the seconds it took (generation included)."""
    start = time.perf_counter()
    db.execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, unit INTEGER, col INTEGER, year INTEGER, "
        "validity TEXT, published TEXT, title TEXT, doc_number TEXT, body TEXT)"
    )
    rows = Generator().items(count)
    done = 0
    while True:
        chunk = [row for _, row in zip(range(20_000), rows, strict=False)]
        if not chunk:
            break
        db.execute("BEGIN")
        db.executemany("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk)
        db.execute("COMMIT")
        done += len(chunk)
        if done % 100_000 == 0:
            log(f"  items: {done:,}")
    db.execute("CREATE INDEX items_unit ON items (unit, year)")
    db.execute("CREATE INDEX items_year ON items (year)")
    db.execute("CREATE INDEX items_published ON items (published)")
    db.execute("ANALYZE main")
    return time.perf_counter() - start


def fts_bigrams(value: str) -> str:
    """The classic CJK tokens for FTS5: every pair of adjacent characters of a run (a run of one
    character stands for itself), every latin word — a phrase is then its overlapping pairs."""
    from gongkai.search import text

    out: list[str] = []
    for segment in text.segments(value):
        if text.is_cjk(segment):
            out.extend(segment[i : i + 2] for i in range(max(1, len(segment) - 1)))
        else:
            out.append(segment)
    return " ".join(out)


def fts_grams(term: Any) -> list[str]:
    if not term.cjk or len(term.text) == 1:
        return [term.text]
    return [term.text[i : i + 2] for i in range(len(term.text) - 1)]


def load_fts(db: sqlite3.Connection) -> tuple[float, float]:
    """Tokenize the items into FTS5 and optimize it; the seconds of each step."""
    from gongkai.search import text

    db.create_function("uni", 1, text.unigrams, deterministic=True)
    db.create_function("bi", 1, fts_bigrams, deterministic=True)
    start = time.perf_counter()
    db.execute(
        "CREATE VIRTUAL TABLE ftsdb.fts USING fts5(title_uni, title_bi, body_uni, body_bi, "
        "content='', tokenize='unicode61')"
    )
    db.execute("BEGIN")
    db.execute(
        "INSERT INTO fts (rowid, title_uni, title_bi, body_uni, body_bi) "
        "SELECT id, uni(title || ' ' || doc_number), bi(title || ' ' || doc_number), "
        "uni(body), bi(body) FROM items ORDER BY id"
    )
    db.execute("COMMIT")
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    db.execute("INSERT INTO fts (fts) VALUES ('optimize')")
    return loaded, time.perf_counter() - start


BM25 = "bm25(fts, 3.0, 3.0, 1.0, 1.0)"  # the title weighs three times, as in the engine


def fts_expression(query: str) -> str:
    """The FTS5 MATCH expression for a query, term by term as the engine builds it."""
    from gongkai.search import text

    parts = []
    for term in text.parse(query):
        kind = "uni" if len(term.text) == 1 or not term.cjk else "bi"
        grams = " ".join(fts_grams(term))
        parts.append(f'{{title_{kind} body_{kind}}} : "{grams}"')
    return " AND ".join(parts)


def filter_sql(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    clauses, params = [], []
    for name, value in filters.items():
        clauses.append(f"items.{name} = ?")
        params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


def fts_run(db: sqlite3.Connection, case: Case) -> Callable[[], int]:
    expression = fts_expression(case.query.text)
    where, params = filter_sql(case.filters)
    join = " JOIN items ON items.id = fts.rowid" if where or case.sort == "date" else ""
    order = "items.published DESC" if case.sort == "date" else BM25
    top = f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ?{where} ORDER BY {order} LIMIT {TOP}"
    count = f"SELECT count(*) FROM fts{join} WHERE fts MATCH ?{where}"

    def run() -> int:
        db.execute(top, [expression, *params]).fetchall()
        return int(db.execute(count, [expression, *params]).fetchone()[0])

    return run


def like_run(db: sqlite3.Connection, case: Case) -> Callable[[], int]:
    from gongkai.search import text

    where, params = filter_sql(case.filters)
    terms = [f"%{segment}%" for segment in text.segments(case.query.text)]
    match = " AND ".join("(title LIKE ? OR doc_number LIKE ? OR body LIKE ?)" for _ in terms)
    like_params = [pattern for pattern in terms for _ in range(3)]
    top = f"SELECT id FROM items WHERE {match}{where} ORDER BY published DESC LIMIT {TOP}"
    count = f"SELECT count(*) FROM items WHERE {match}{where}"

    def run() -> int:
        db.execute(top, [*like_params, *params]).fetchall()
        return int(db.execute(count, [*like_params, *params]).fetchone()[0])

    return run


# --------------------------------------------------------------------------------------------
# Gongkai.


def documents(path: Path) -> Iterator[Any]:
    """The items as the engine's Documents, streamed from the plain table."""
    from gongkai.search.engine import Document

    db = sqlite3.connect(path / "items.sqlite3")
    try:
        cursor = db.execute(
            "SELECT id, title, doc_number, body, unit, col, year, validity, published "
            "FROM items ORDER BY id"
        )
        for row in cursor:
            yield Document(*row[:8], published=dt.date.fromisoformat(row[8]))
    finally:
        db.close()


def _page(case: Case) -> list[tuple[int, float]]:
    from gongkai.search import engine

    found = engine.search(
        case.query.text, engine.Filters(**case.filters), sort=case.sort, limit=TOP
    )
    return list(zip(found.ids, found.scores, strict=True))


@contextlib.contextmanager
def tiered_replaced(replacement: Callable[..., Any]) -> Iterator[None]:
    """Gongkai's tier lookup (``engine._tiered``) replaced for the duration."""
    from gongkai.search import engine

    original = engine._tiered
    engine._tiered = replacement  # type: ignore[assignment]
    try:
        yield
    finally:
        engine._tiered = original  # type: ignore[assignment]


def without_tiers(run: Callable[[], int]) -> Callable[[], int]:
    """The same search with the impact tiers switched off: the whole posting list is scored."""

    def untiered() -> int:
        with tiered_replaced(lambda *args, **kwargs: None):
            return run()

    return untiered


def answered_from_tier(case: Case) -> bool:
    """Whether the query's page came from a hot word's tier; if so, it must be exactly the page
    of the whole posting list (ids and scores), or the benchmark stops."""
    from gongkai.search import engine

    answered = []
    original = engine._tiered

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        answered.append(found is not None)
        return found

    with tiered_replaced(spy):
        page = _page(case)
    if not any(answered):
        return False
    with tiered_replaced(lambda *args, **kwargs: None):
        full = _page(case)
    if full != page:
        raise SystemExit(f"{case.query.text}: the page from the tier differs from the full one")
    return True


def gongkai_run(case: Case) -> Callable[[], int]:
    from gongkai.search import engine

    filters = engine.Filters(**case.filters)

    def run() -> int:
        return engine.search(case.query.text, filters, sort=case.sort, limit=TOP).total

    return run


# --------------------------------------------------------------------------------------------


def index_gongkai(path: Path, items: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Index the items into Gongkai (``engine.rebuild``): the figures of that step."""
    from gongkai.search import engine

    read_start = time.perf_counter()
    characters = sum(len(d.title) + len(d.doc_number) + len(d.body) for d in documents(path))
    read_seconds = time.perf_counter() - read_start
    # Where indexing time goes: the engine's own Python work (OpenCC and the n-gram strings, in
    # ``_as_tantivy``) timed on a sample, the rest being tantivy's.
    sample = list(itertools.islice(documents(path), 20_000))
    start = time.perf_counter()
    for document in sample:
        engine._as_tantivy(document)
    prepare_seconds = (time.perf_counter() - start) * items / len(sample)
    del sample
    log(f"indexing into Gongkai (engine.rebuild) … ({read_seconds:.1f} s to read the rows)")
    start = time.perf_counter()
    engine.rebuild(
        documents(path), progress=lambda n: log(f"  indexed: {n:,}") if n % 100_000 == 0 else None
    )
    index_seconds = time.perf_counter() - start
    log(f"indexed in {index_seconds:.1f} s")
    return {
        "characters": characters,
        "read_items_seconds": round(read_seconds, 1),
        "index_seconds": round(index_seconds, 1),
        "index_items_per_second": round(items / index_seconds),
        "index_python_seconds_estimated": round(prepare_seconds, 1),
        "index_mb": round(engine.size_on_disk() / 1e6, 1),
        "index_schema_version": engine.SCHEMA_VERSION,
    }


def build(path: Path, items: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Load SQLite, index into Gongkai, load FTS5: the build figures."""
    db = open_sqlite(path)
    log(f"generating {items:,} items into SQLite …")
    items_seconds = load_items(db, items, log)
    figures = index_gongkai(path, items, log)
    log("loading FTS5 …")
    fts_seconds, optimize_seconds = load_fts(db)
    db.execute("ANALYZE main")
    db.close()
    return {
        "items": items,
        **figures,
        "generate_and_load_items_seconds": round(items_seconds, 1),
        "fts5_load_seconds": round(fts_seconds, 1),
        "fts5_optimize_seconds": round(optimize_seconds, 1),
        "fts5_mb": round((path / "fts.sqlite3").stat().st_size / 1e6, 1),
        "items_table_mb": round((path / "items.sqlite3").stat().st_size / 1e6, 1),
    }


def summarize(timings: dict[Case, Timing], select: Callable[[Case], bool]) -> dict[str, Any]:
    chosen = [t for c, t in timings.items() if select(c)]
    if not chosen:
        return {}
    pooled = [ms for t in chosen for ms in t.runs]
    return {
        "p50_ms": round(statistics.median(pooled), 2),
        "p95_ms": round(percentile(pooled, 95), 2),
        "worst_p95_ms": round(max(t.p95 for t in chosen), 2),
        "queries": len(chosen),
        "runs_each": len(chosen[0].runs),
    }


def categories(timings: dict[Case, Timing]) -> dict[str, Any]:
    out = {
        kind: summarize(timings, lambda c, kind=kind: c.query.kind == kind)
        for kind in ("1char", "2char", "4char", "phrase", "multi", "number")
    }
    out["unfiltered"] = summarize(timings, lambda c: c.variant == "none" and c.sort != "date")
    out["filtered"] = summarize(timings, lambda c: c.variant != "none")
    out["date_sort"] = summarize(timings, lambda c: c.sort == "date")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50, help="timed runs per Gongkai query")
    parser.add_argument("--baseline-runs", type=int, default=5, help="timed runs, FTS5 and LIKE")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args()

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    path = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="gongkai-search-"))
    path.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_DATA_DIR"] = str(path)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ.setdefault("GONGKAI_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from gongkai.search import engine

    try:
        marker = path / "bench-build.json"
        reused = False
        if marker.exists() and json.loads(marker.read_text())["items"] == args.items:
            figures = json.loads(marker.read_text())
            reused = True
            log(f"reusing the build in {path}")
            if engine.document_count() != args.items:  # a new index schema: index again
                figures.update(index_gongkai(path, args.items, log))
                figures["index_rebuilt_on_reuse"] = True
                marker.write_text(json.dumps(figures))
        else:
            for name in ("items.sqlite3", "fts.sqlite3", "search"):
                target = path / name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
            figures = build(path, args.items, log)
            marker.write_text(json.dumps(figures))
        log(json.dumps(figures))

        db = open_sqlite(path)
        engine.clear_cache()
        segments = engine.segment_count()
        gongkai: dict[Case, Timing] = {}
        fts5: dict[Case, Timing] = {}
        like: dict[Case, Timing] = {}
        log("warming the caches (one LIKE scan, one FTS5 query) …")
        like_run(db, Case(QUERIES[0], "none", "relevance"))()
        fts_run(db, Case(QUERIES[0], "none", "relevance"))()
        tiered: dict[Case, Timing] = {}  # the same queries scoring the whole posting list
        for case in cases():
            gongkai[case] = measure(gongkai_run(case), warmup=3, runs=args.queries)
            if answered_from_tier(case):
                tiered[case] = measure(without_tiers(gongkai_run(case)), 3, args.queries)
            fts5[case] = measure(fts_run(db, case), warmup=1, runs=args.baseline_runs)
            if (
                case.sort == "date"
                and (same := Case(case.query, case.variant, "relevance")) in like
            ):
                like[case] = like[same]  # LIKE is newest first anyway
            else:
                like[case] = measure(like_run(db, case), warmup=0, runs=args.baseline_runs)
            log(
                f"{case.query.text:<10}{case.variant:<17}{case.sort:<10}"
                f"total {gongkai[case].total:>9,}  gongkai {gongkai[case].p50:8.2f} "
                f"{gongkai[case].p95:8.2f}  fts5 {fts5[case].p50:9.1f} {fts5[case].p95:9.1f}  "
                f"like {like[case].p50:9.1f} {like[case].p95:9.1f}"
                + (f"  (whole list {tiered[case].p95:.2f})" if case in tiered else "")
            )
        status = engine.tiers_status()
        db.close()
    finally:
        if not args.keep:
            shutil.rmtree(path, ignore_errors=True)

    # Totals: the three must agree where the semantics are the same; the traditional queries
    # must find exactly what their simplified forms find.
    disagreements = []
    for case, timing in gongkai.items():
        others = {"fts5": fts5[case].total}
        if case.query.like_comparable:
            others["like"] = like[case].total
        if any(total != timing.total for total in others.values()):
            disagreements.append(
                {"query": case.query.text, "variant": case.variant, "sort": case.sort,
                 "gongkai": timing.total, **others}
            )  # fmt: skip
        if case.query.text in TRADITIONAL:
            simplified = Case(
                next(q for q in QUERIES if q.text == TRADITIONAL[case.query.text]),
                case.variant,
                case.sort,
            )
            if gongkai[simplified].total != timing.total:
                raise SystemExit(
                    f"{case.query.text} found {timing.total}, {simplified.query.text} found "
                    f"{gongkai[simplified].total}: the traditional query is broken"
                )
    number_like = {c.variant: like[c].total for c in like if c.query.kind == "number"}

    print()
    heads = ("gongkai p50/p95 ms", "fts5 p50/p95 ms", "like p50/p95 ms")
    print(f"{'query':<10}{'filter':<17}{'sort':<10}{'total':>9}  "
          + "  ".join(f"{h:>19}" for h in heads) + "  fts5/g")  # fmt: skip
    for case, timing in gongkai.items():
        print(
            f"{case.query.text:<10}{case.variant:<17}{case.sort:<10}{timing.total:>9}  "
            f"{timing.p50:9.2f} {timing.p95:9.2f}  {fts5[case].p50:9.1f} {fts5[case].p95:9.1f}  "
            f"{like[case].p50:9.1f} {like[case].p95:9.1f}  {fts5[case].p50 / timing.p50:6.0f}×"
        )

    common_2char = [
        c
        for c in gongkai
        if c.query.kind == "2char"
        and c.query.label == "common"
        and c.variant == "none"
        and c.sort == "relevance"
    ]
    ratios = {c.query.text: round(fts5[c].p50 / gongkai[c].p50, 1) for c in common_2char}
    summary = {k: categories(v) for k, v in (("gongkai", gongkai), ("fts5", fts5), ("like", like))}

    def slowest(kinds: tuple[str, ...]) -> tuple[float, str]:
        """The highest p95 among the queries of these kinds (every filter and sort)."""
        case, timing = max(
            ((c, t) for c, t in gongkai.items() if c.query.kind in kinds), key=lambda x: x[1].p95
        )
        return round(timing.p95, 2), f"{case.query.text} ({case.variant}, {case.sort})"

    short, phrase = slowest(("1char", "2char")), slowest(("4char", "phrase"))
    result = {
        "bench": "search",
        **figures,
        "cpus": os.cpu_count(),
        "reused_build": reused,
        "tantivy_segments": segments,
        "top": TOP,
        "exact_total": True,
        **summary,
        "ratio_fts5_over_gongkai_2char_p50": min(ratios.values()),
        "ratio_fts5_over_gongkai_2char_p50_by_query": ratios,
        "totals_disagree": disagreements,
        "like_2019_substring_totals": number_like,
        "like_order": "newest first (LIKE has no relevance; its date-sorted runs are the same)",
        "tiers": {
            "hot_words": status.hot_words,
            "documents_current": status.current,
            "answered_from_tier": {
                f"{c.query.text} ({c.variant}, {c.sort})": {
                    "p95_ms": round(gongkai[c].p95, 2),
                    "whole_list_p95_ms": round(t.p95, 2),
                    "same_page": True,
                }
                for c, t in tiered.items()
            },
        },
        "slowest_p95_1_2char": {"ms": short[0], "query": short[1]},
        "slowest_p95_phrase": {"ms": phrase[0], "query": phrase[1]},
        "targets": {
            "p95_1_2char_le_10ms": short[0] <= 10,
            "p95_phrase_le_100ms": phrase[0] <= 100,
            "fts5_ratio_ge_20": min(ratios.values()) >= 20,
        },
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
