"""Titles and bodies of the demo's proactive-disclosure items (主动公开信息). Pure: no database.

Text is assembled from templates and pools of subjects that fit the publishing unit: the
district government writes district-wide documents and news, a department writes about its own
field (found by keywords in its name), a town about its villages, a street about its 社区.
Everything is drawn from the caller's ``random.Random``, so the same arguments and rng state give
the same text. Dates written in the text are never after ``when``.
"""

from __future__ import annotations

import datetime
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from gongkai.catalog.models import TOPICS  # the national 主题分类, defined once

_T = TypeVar("_T")


@dataclass(frozen=True)
class Generated:
    title: str  # ≤ 120 chars, no trailing punctuation
    doc_number: str  # 发文字号, or "" for items that have none
    body: str  # HTML paragraphs
    topic: str  # one of TOPICS


DISTRICT = "延庆区"
TITLE_MAX = 120


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --------------------------------------------------------------------------------------------
# Fields of work. A department is matched to a field by keywords in its names; key areas by
# keywords in the key-area name.


@dataclass(frozen=True)
class _Field:
    keys: tuple[str, ...]
    name: str  # the field in a few characters, e.g. 卫生健康
    topic: str
    abbr: str  # doc-number abbreviation: 延{abbr}发〔YYYY〕N号
    works: tuple[str, ...]  # tasks, noun phrases
    places: tuple[str, ...]  # where the work happens
    policies: tuple[str, ...]  # subjects of normative documents
    permits: tuple[str, ...]
    penalties: tuple[str, ...]  # violations
    indicators: tuple[tuple[str, str], ...]  # (indicator, unit)
    buys: tuple[str, ...]  # things procured
    laws: tuple[str, ...]
    fees: tuple[str, ...] = ()


def _ind(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for part in text.split():
        name, unit = part.split("/", 1)
        out.append((name, unit))
    return tuple(out)


_FIELDS: tuple[_Field, ...] = (
    _Field(
        keys=("发展改革", "发改"),
        name="发展改革",
        topic="国民经济管理",
        abbr="发改",
        works=_w(
            "重点项目投资计划 固定资产投资 价格监测 社会信用体系建设 粮食安全保障 节能降耗 "
            "京张体育文化旅游带建设 区域协同发展 疏解整治促提升 生态涵养区绿色发展 "
            "政府投资项目评审 重要民生商品价格监测"
        ),
        places=_w("延庆新城 延庆经济开发区 康庄产业园 八达岭经济开发区 世园会园区周边"),
        policies=_w(
            "政府投资项目管理 重点项目储备库管理 价格调节基金使用 公共信用信息归集 "
            "平价商品销售补贴 节能专项资金"
        ),
        permits=_w("企业投资项目核准 固定资产投资项目节能审查 政府投资项目可行性研究报告审批"),
        penalties=_w("不按规定明码标价 价格欺诈 未经节能审查擅自开工建设"),
        indicators=_ind(
            "全社会固定资产投资/亿元 地区生产总值/亿元 居民消费价格指数/% 重点项目完成投资/亿元"
        ),
        buys=_w("价格监测服务 项目评审咨询服务 信用信息平台运维"),
        laws=_w("中华人民共和国价格法 企业投资项目核准和备案管理条例 政府投资条例"),
    ),
    _Field(
        keys=("教育", "教委"),
        name="教育",
        topic="科技、教育",
        abbr="教",
        works=_w(
            "学前教育资源扩充 义务教育入学 中小学校舍改造 教师队伍建设 校园安全 "
            "冰雪运动进校园 中小学课后服务 学生资助 乡村学校提质 教育信息化 "
            "中考招生 学生体质健康监测"
        ),
        places=_w(
            "延庆区第一中学 延庆区第五中学 延庆区第二小学 延庆区第四小学 康庄中学 "
            "永宁中学 延庆区第一幼儿园 张山营中心小学 八达岭中学 延庆区职业学校"
        ),
        policies=_w(
            "普惠性幼儿园扶持 中小学学籍 民办教育机构 学生资助资金 中小学校外培训机构 教师交流轮岗"
        ),
        permits=_w("民办学校设立 教师资格认定 民办学校办学许可证延续 校外培训机构审批"),
        penalties=_w("未经批准擅自举办校外培训机构 民办学校违规招生 违规收取费用"),
        indicators=_ind(
            "在校中小学生/人 专任教师/人 幼儿园在园幼儿/人 普惠性学位/个 学生资助金额/万元"
        ),
        buys=_w("教学设备 校园安防系统 学生课桌椅 图书资料 校舍维修工程"),
        laws=_w("中华人民共和国教育法 中华人民共和国义务教育法 中华人民共和国民办教育促进法"),
        fees=_w("普通高中学费 住宿费 中等职业学校学费"),
    ),
    _Field(
        keys=("科学技术", "科信", "科技"),
        name="科技和信息化",
        topic="科技、教育",
        abbr="科信",
        works=_w(
            "高新技术企业培育 科技成果转化 政务信息化 5G基站建设 智慧城市建设 "
            "科普示范基地建设 无人机产业发展 电子政务外网 数据共享交换 农业科技示范"
        ),
        places=_w("中关村延庆园 延庆经济开发区 区政务云平台 八达岭经济开发区 无人机试飞基地"),
        policies=_w("科技创新专项资金 政务信息化项目 科普基地认定 高新技术企业奖励"),
        permits=_w("无线电台站设置审批 科技计划项目立项"),
        penalties=_w("擅自设置使用无线电台站 违规使用无线电频率"),
        indicators=_ind("国家高新技术企业/家 技术合同成交额/亿元 5G基站/个 科普活动/场"),
        buys=_w("政务云服务 网络安全服务 信息系统运维服务 数据中心设备"),
        laws=_w("中华人民共和国科学技术进步法 中华人民共和国促进科技成果转化法"),
    ),
    _Field(
        keys=("公安",),
        name="公安",
        topic="公安、安全、司法",
        abbr="公",
        works=_w(
            "社会治安防控 道路交通秩序整治 户籍管理服务 电信网络诈骗防范 "
            "扫黑除恶专项斗争 大型活动安全保卫 出入境管理服务 消防安全检查 "
            "治安重点地区排查整治 校园周边安全"
        ),
        places=_w("延庆城区 京藏高速延庆段 八达岭长城景区 世园会园区周边 百里山水画廊沿线"),
        policies=_w("居住证办理 犬只登记 户口迁移 机动车临时号牌核发"),
        permits=_w("大型群众性活动安全许可 烟花爆竹燃放许可 户口迁移审批 剧毒化学品购买许可"),
        penalties=_w("无证驾驶 违反治安管理规定 非法携带管制刀具 违规燃放烟花爆竹"),
        indicators=_ind("刑事案件立案/起 接报警情/起 办理户籍业务/件 交通事故/起"),
        buys=_w("警用装备 视频监控系统运维 交通信号设施 执法记录仪"),
        laws=_w("中华人民共和国治安管理处罚法 中华人民共和国道路交通安全法"),
    ),
    _Field(
        keys=("民政",),
        name="民政",
        topic="民政、扶贫、救灾",
        abbr="民",
        works=_w(
            "最低生活保障 特困人员救助供养 养老服务驿站建设 社会组织登记管理 殡葬改革 "
            "婚姻登记服务 困境儿童保障 临时救助 居家养老服务 社区治理 残疾人两项补贴 "
            "农村幸福晚年驿站运营"
        ),
        places=_w("区社会福利中心 区婚姻登记处 区养老照料中心 各街道社区服务站 农村幸福晚年驿站"),
        policies=_w(
            "最低生活保障审核审批 临时救助 养老服务驿站运营补贴 特困人员供养 "
            "居家养老服务补贴 社会组织等级评估"
        ),
        permits=_w("社会团体成立登记 民办非企业单位登记 养老机构设立备案 公益性公墓建设审批"),
        penalties=_w("社会组织未按规定参加年度检查 养老机构未按规定备案 违规开展活动"),
        indicators=_ind(
            "城乡低保对象/人 发放低保金/万元 特困供养人员/人 养老服务驿站/个 临时救助/人次"
        ),
        buys=_w("养老服务 社会救助入户核查服务 社会组织评估服务 殡葬设施维修"),
        laws=_w("社会救助暂行办法 北京市居家养老服务条例 社会团体登记管理条例"),
    ),
    _Field(
        keys=("司法",),
        name="司法行政",
        topic="公安、安全、司法",
        abbr="司",
        works=_w(
            "普法宣传 人民调解 法律援助 社区矫正 行政复议 公共法律服务体系建设 "
            "法治政府建设 行政执法监督 村居法律顾问 “七五”普法"
        ),
        places=_w("区公共法律服务中心 各司法所 村级人民调解委员会 区法律援助中心"),
        policies=_w("行政执法公示 重大行政决策合法性审查 法律顾问 人民调解员补贴"),
        permits=_w("基层法律服务工作者执业核准 法律援助申请审批"),
        penalties=_w("基层法律服务工作者违规执业"),
        indicators=_ind("调解纠纷/件 法律援助案件/件 法治宣传活动/场 行政复议案件/件"),
        buys=_w("法律顾问服务 普法宣传品 公共法律服务热线"),
        laws=_w("中华人民共和国人民调解法 法律援助条例 中华人民共和国行政复议法"),
    ),
    _Field(
        keys=("财政",),
        name="财政",
        topic="财政、金融、审计",
        abbr="财",
        works=_w(
            "预算编制 国库集中支付 政府采购监督管理 政府债务管理 预算绩效管理 "
            "非税收入征管 财政资金直达 行政事业单位国有资产管理 惠农补贴发放 会计监督"
        ),
        places=_w("区财政局 区公共资源交易中心 区国库支付中心"),
        policies=_w(
            "区级财政专项资金管理 预算绩效管理 政府采购内部控制 行政事业单位国有资产处置 "
            "政府购买服务 财政投资评审"
        ),
        permits=_w("中介机构从事代理记账业务审批 政府采购方式变更审批"),
        penalties=_w("违反政府采购规定 会计信息失真 违规使用财政资金"),
        indicators=_ind(
            "一般公共预算收入/亿元 一般公共预算支出/亿元 民生支出占比/% 政府债务余额/亿元"
        ),
        buys=_w("财政投资评审服务 预算绩效评价服务 会计核算系统运维"),
        laws=_w("中华人民共和国预算法 中华人民共和国政府采购法 中华人民共和国会计法"),
    ),
    _Field(
        keys=("人力资源", "人力社保", "人社"),
        name="人力资源和社会保障",
        topic="劳动、人事、监察",
        abbr="人社",
        works=_w(
            "城乡居民养老保险 促进就业创业 职业技能培训 根治欠薪 劳动保障监察 "
            "劳动人事争议仲裁 人才引进 农村劳动力转移就业 事业单位公开招聘 工伤保险 "
            "冬奥服务技能培训 就业困难人员帮扶"
        ),
        places=_w("区职业介绍服务中心 区社会保险事业管理中心 各乡镇社保所 区劳动人事争议仲裁院"),
        policies=_w(
            "城乡居民养老保险 就业困难人员认定 职业技能培训补贴 创业担保贷款贴息 "
            "公益性就业组织 农民工工资保证金"
        ),
        permits=_w("劳务派遣经营许可 人力资源服务许可 特殊工时制度审批 民办职业培训学校设立"),
        penalties=_w("拖欠劳动者工资 未依法缴纳社会保险费 违法使用童工 未签订劳动合同"),
        indicators=_ind(
            "城镇新增就业/人 城镇登记失业率/% 职业技能培训/人次 城乡居民养老保险参保/人"
        ),
        buys=_w("职业技能培训服务 招聘考试服务 社保经办系统运维"),
        laws=_w("中华人民共和国劳动合同法 中华人民共和国社会保险法 保障农民工工资支付条例"),
    ),
    _Field(
        keys=("规划", "自然资源", "规自"),
        name="规划和自然资源",
        topic="国土资源、能源",
        abbr="规自",
        works=_w(
            "国土空间规划编制 耕地保护 集体土地征收 不动产登记 违法用地治理 地质灾害防治 "
            "征地补偿安置 永久基本农田保护 村庄规划编制 土地储备 矿产资源管理"
        ),
        places=_w("延庆新城 康庄镇 张山营镇 八达岭镇 永宁镇 旧县镇"),
        policies=_w("集体土地征收补偿 不动产登记办事 村庄规划实施 临时用地 设施农业用地"),
        permits=_w(
            "建设用地规划许可 建设工程规划许可 乡村建设规划许可 临时用地审批 建设项目用地预审"
        ),
        penalties=_w("非法占用土地 未取得建设工程规划许可证进行建设 非法采矿"),
        indicators=_ind("耕地保有量/万亩 不动产登记/件 供应建设用地/公顷 地质灾害隐患点/处"),
        buys=_w("地籍测绘服务 地质灾害监测服务 规划编制服务 卫星图斑核查服务"),
        laws=_w("中华人民共和国土地管理法 中华人民共和国城乡规划法 不动产登记暂行条例"),
        fees=_w("不动产登记费 土地复垦费"),
    ),
    _Field(
        keys=("生态环境", "环保", "环境保护"),
        name="生态环境",
        topic="城乡建设、环境保护",
        abbr="环",
        works=_w(
            "大气污染防治 水污染防治 土壤污染防治 建设项目环境影响评价 排污许可管理 "
            "秋冬季大气污染综合治理 移动源污染治理 扬尘治理 生态环境执法检查 "
            "饮用水水源地保护 噪声污染治理 重污染天气应急"
        ),
        places=_w("妫水河流域 官厅水库延庆库区 延庆新城 康庄镇 八达岭镇 延庆经济开发区"),
        policies=_w("重污染天气应急预案 建设项目环境影响评价 生态环境损害赔偿 排污许可"),
        permits=_w("建设项目环境影响报告表审批 建设项目环境影响报告书审批 排污许可证核发"),
        penalties=_w("未批先建 超标排放大气污染物 未采取扬尘污染防治措施 未按规定安装在线监测设备"),
        indicators=_ind(
            "PM2.5年均浓度/微克/立方米 空气质量优良天数/天 地表水达标断面/个 执法检查/家次"
        ),
        buys=_w("空气质量监测站运维 环境执法无人机服务 污染源普查服务 环境监测服务"),
        laws=_w(
            "中华人民共和国环境保护法 中华人民共和国大气污染防治法 中华人民共和国环境影响评价法"
        ),
    ),
    _Field(
        keys=("住房", "城乡建设", "住建"),
        name="住房城乡建设",
        topic="城乡建设、环境保护",
        abbr="住建",
        works=_w(
            "老旧小区综合整治 农宅抗震节能改造 保障性住房建设 建筑施工安全管理 物业管理 "
            "棚户区改造 公租房配租 住房租赁市场管理 建筑节能 房屋征收 既有建筑节能改造"
        ),
        places=_w("高塔小区 湖南东路小区 振兴南区 东外大街小区 康庄镇 延庆新城"),
        policies=_w("公共租赁住房管理 农宅抗震节能改造补助 物业服务企业信用 房屋征收补偿"),
        permits=_w("建筑工程施工许可 商品房预售许可 建筑业企业资质核准 房地产开发企业资质"),
        penalties=_w("未取得施工许可证擅自施工 违规发布房源信息 建设单位未按规定办理竣工验收备案"),
        indicators=_ind("老旧小区改造/万平方米 保障性住房/套 农宅改造/户 施工许可/项"),
        buys=_w("房屋安全鉴定服务 工程监理服务 农宅改造技术服务"),
        laws=_w("中华人民共和国建筑法 国有土地上房屋征收与补偿条例 公共租赁住房管理办法"),
        fees=_w("城市基础设施配套费 房屋登记费"),
    ),
    _Field(
        keys=("城市管理委", "城管委", "城市管理委员会"),
        name="城市管理",
        topic="城乡建设、环境保护",
        abbr="城管",
        works=_w(
            "生活垃圾分类 背街小巷环境整治 冬季供暖保障 燃气安全管理 市容环境卫生 "
            "公共厕所改造提升 户外广告设施管理 架空线入地 道路清扫保洁 非居民厨余垃圾收运"
        ),
        places=_w("延庆新城 妫水北街 高塔街 东外大街 湖南东路 庆园街 世园路"),
        policies=_w("生活垃圾分类 户外广告设施设置 燃气经营 城市道路挖掘管理"),
        permits=_w("城市道路挖掘许可 户外广告设施设置许可 燃气经营许可 建筑垃圾消纳许可"),
        penalties=_w("违规设置户外广告 未按规定分类投放生活垃圾 擅自挖掘城市道路"),
        indicators=_ind("生活垃圾清运量/吨 垃圾分类示范小区/个 供暖面积/万平方米 公厕改造/座"),
        buys=_w("道路清扫保洁服务 垃圾分类宣传服务 环卫车辆 公厕运维服务"),
        laws=_w("北京市生活垃圾管理条例 北京市市容环境卫生条例 城镇燃气管理条例"),
    ),
    _Field(
        keys=("城管执法", "综合行政执法"),
        name="城市管理综合执法",
        topic="城乡建设、环境保护",
        abbr="城执",
        works=_w(
            "违法建设治理 占道经营整治 露天烧烤治理 渣土运输执法 生活垃圾分类执法检查 "
            "无照经营整治 施工扬尘执法 街面秩序整治"
        ),
        places=_w("延庆新城 妫水北街 高塔街 康庄镇 八达岭镇 东外大街"),
        policies=_w("城市管理综合执法 行政处罚自由裁量基准 执法全过程记录"),
        permits=_w("临时占道审批"),
        penalties=_w("违法建设 露天烧烤 未按规定分类投放生活垃圾 运输渣土车辆未密闭 无照经营"),
        indicators=_ind("拆除违法建设/万平方米 立案查处/起 罚没款/万元 执法检查/次"),
        buys=_w("执法记录仪 执法车辆 违法建设拆除服务"),
        laws=_w("中华人民共和国行政处罚法 北京市城乡规划条例"),
    ),
    _Field(
        keys=("交通",),
        name="交通",
        topic="工业、交通",
        abbr="交",
        works=_w(
            "公交线路优化 农村公路养护 停车秩序管理 出租汽车管理 道路运输安全 "
            "京礼高速配套道路建设 延崇高速配套工程 京张高铁延庆站接驳 旅游公交 "
            "交通运输安全生产"
        ),
        places=_w("京礼高速 延崇高速 京张高铁延庆站 G110国道 百里山水画廊路 延庆新城"),
        policies=_w("农村公路养护 公交运营补贴 停车设施建设 出租汽车经营"),
        permits=_w("道路运输经营许可 超限运输车辆行驶公路许可 公路用地使用审批 机动车维修备案"),
        penalties=_w("未取得道路运输经营许可擅自从事经营 超限运输 擅自占用公路"),
        indicators=_ind("农村公路里程/公里 公交线路/条 公交客运量/万人次 新增停车位/个"),
        buys=_w("公路养护服务 公交车辆 交通标志标线工程"),
        laws=_w("中华人民共和国公路法 中华人民共和国道路运输条例"),
    ),
    _Field(
        keys=("水务",),
        name="水务",
        topic="农业、林业、水利",
        abbr="水",
        works=_w(
            "妫水河综合治理 河长制 官厅水库水源保护 农村供水保障 节水型社会建设 "
            "污水处理设施建设 防汛抗旱 再生水利用 中小河道治理 水土保持"
        ),
        places=_w("妫水河 官厅水库 白河 古城河 三里河 蔡家河 佛峪口河"),
        policies=_w("河湖管理 农村供水工程管理 节水奖励 水土保持补偿"),
        permits=_w("取水许可 河道管理范围内建设项目审批 生产建设项目水土保持方案审批 排水许可"),
        penalties=_w("非法采砂 未经批准擅自取水 向河道倾倒垃圾 未按规定缴纳水资源税"),
        indicators=_ind("污水处理率/% 治理河道/公里 农村供水工程/处 用水总量/万立方米"),
        buys=_w("河道保洁服务 水质监测服务 防汛物资 污水处理设施运维"),
        laws=_w("中华人民共和国水法 中华人民共和国防洪法 北京市河湖保护管理条例"),
        fees=_w("水资源税 污水处理费"),
    ),
    _Field(
        keys=("农业农村", "农业"),
        name="农业农村",
        topic="农业、林业、水利",
        abbr="农",
        works=_w(
            "美丽乡村建设 农村人居环境整治 低收入农户帮扶 高效节水农业 农业保险 "
            "动物疫病防控 葡萄产业发展 休闲农业 宅基地管理 农村集体经济 "
            "农业园区建设 农产品质量安全 延庆国光苹果品牌建设 有机农业"
        ),
        places=_w("张山营镇 旧县镇 香营乡 刘斌堡乡 四海镇 千家店镇 沈家营镇"),
        policies=_w(
            "农业保险保费补贴 低收入农户增收帮扶 农村集体资产 美丽乡村建设资金 "
            "农业生产社会化服务补贴"
        ),
        permits=_w("农药经营许可 兽药经营许可 种子生产经营许可 动物防疫条件合格证核发"),
        penalties=_w("销售假劣农药 经营不合格种子 未按规定进行动物检疫 违规使用兽药"),
        indicators=_ind("农业总产值/亿元 农村居民人均可支配收入/元 低收入农户/户 设施农业面积/亩"),
        buys=_w("动物防疫物资 农产品质量检测服务 农业技术推广服务"),
        laws=_w("中华人民共和国农业法 中华人民共和国农产品质量安全法 中华人民共和国动物防疫法"),
    ),
    _Field(
        keys=("商务",),
        name="商务",
        topic="商贸、海关、旅游",
        abbr="商",
        works=_w(
            "消费促进 便民商业网点建设 电子商务进农村 外资外贸 单用途预付卡管理 "
            "成品油市场整治 老字号保护 夜间经济"
        ),
        places=_w("延庆新城 万达广场 妫水公园周边 八达岭镇 康庄镇"),
        policies=_w("便民商业网点建设补贴 促进消费 电子商务发展资金"),
        permits=_w("成品油零售经营许可 对外贸易经营者备案 单用途预付卡备案"),
        penalties=_w("未按规定备案单用途预付卡 成品油违规经营"),
        indicators=_ind(
            "社会消费品零售额/亿元 便民商业网点/个 实际利用外资/万美元 网上零售额/亿元"
        ),
        buys=_w("促消费活动服务 商业网点调查服务"),
        laws=_w("中华人民共和国电子商务法 单用途商业预付卡管理办法"),
    ),
    _Field(
        keys=("文化", "旅游", "文旅"),
        name="文化和旅游",
        topic="文化、广电、新闻出版",
        abbr="文旅",
        works=_w(
            "公共文化服务体系建设 精品民宿发展 长城文化带保护 非物质文化遗产保护 "
            "旅游市场秩序整治 文化惠民活动 全域旅游 文物安全检查 旅游安全 图书馆服务"
        ),
        places=_w("八达岭长城 区图书馆 区文化馆 永宁古城 百里山水画廊 龙庆峡 野鸭湖 妫川广场"),
        policies=_w("乡村民宿管理 公共文化设施运营 文物保护 旅游发展专项资金"),
        permits=_w("营业性演出审批 娱乐场所经营许可 旅行社设立许可 互联网上网服务营业场所许可"),
        penalties=_w("擅自从事营业性演出 旅行社未按规定签订合同 网吧接纳未成年人"),
        indicators=_ind("接待游客/万人次 旅游收入/亿元 精品民宿/家 文化惠民演出/场"),
        buys=_w("文化惠民演出服务 图书采购 旅游宣传服务 文物保护工程"),
        laws=_w("中华人民共和国文物保护法 中华人民共和国旅游法 中华人民共和国公共文化服务保障法"),
    ),
    _Field(
        keys=("卫生健康", "卫健", "卫生"),
        name="卫生健康",
        topic="卫生、体育",
        abbr="卫健",
        works=_w(
            "家庭医生签约服务 基本公共卫生服务 传染病防控 院前急救体系建设 无偿献血 "
            "健康促进 医疗机构安全检查 爱国卫生运动 妇幼保健 老年健康服务 医联体建设 "
            "卫生监督执法 冬奥医疗保障 控烟"
        ),
        places=_w(
            "延庆区医院 延庆区中医医院 延庆区妇幼保健院 延庆区疾控中心 "
            "永宁社区卫生服务中心 康庄社区卫生服务中心 张山营社区卫生服务中心 村卫生室"
        ),
        policies=_w(
            "基本公共卫生服务项目资金 乡村医生队伍建设 医疗机构不良执业行为记分 家庭医生签约服务"
        ),
        permits=_w("医疗机构执业登记 公共场所卫生许可 放射诊疗许可 母婴保健技术服务执业许可"),
        penalties=_w(
            "未取得公共场所卫生许可证擅自营业 使用非卫生技术人员从事医疗卫生技术工作 "
            "未取得医疗机构执业许可证擅自执业 违反控烟规定"
        ),
        indicators=_ind("门急诊诊疗/万人次 家庭医生签约/人 出院/人次 每千人口执业医师/人"),
        buys=_w("医疗设备 救护车 医疗信息系统运维 疫苗冷链设备"),
        laws=_w("中华人民共和国传染病防治法 中华人民共和国执业医师法 北京市控制吸烟条例"),
    ),
    _Field(
        keys=("退役军人",),
        name="退役军人事务",
        topic="国防",
        abbr="退役",
        works=_w(
            "优抚对象抚恤补助 退役士兵安置 退役军人就业创业 拥军优属 烈士纪念设施管理 "
            "退役军人服务站建设 光荣牌悬挂"
        ),
        places=_w("区退役军人服务中心 各乡镇退役军人服务站 平北抗日烈士陵园"),
        policies=_w("退役士兵安置 优抚对象医疗保障 自主就业退役士兵一次性经济补助"),
        permits=(),
        penalties=(),
        indicators=_ind("优抚对象/人 发放抚恤补助/万元 退役士兵安置/人 服务站/个"),
        buys=_w("退役军人技能培训服务 烈士陵园维护"),
        laws=_w("中华人民共和国退役军人保障法 军人抚恤优待条例"),
    ),
    _Field(
        keys=("应急",),
        name="应急管理",
        topic="市场监管、安全生产监管",
        abbr="应急",
        works=_w(
            "安全生产执法检查 防汛抗旱 森林防火 危险化学品安全监管 应急预案演练 "
            "安全隐患排查整治 应急物资储备 防灾减灾宣传 有限空间作业安全 "
            "烟花爆竹安全管理"
        ),
        places=_w("延庆经济开发区 八达岭镇 千家店镇 加油站 危化品经营企业 松山林区"),
        policies=_w("安全生产责任制 生产安全事故应急预案管理 安全生产举报奖励 防汛应急"),
        permits=_w("危险化学品经营许可 烟花爆竹经营（零售）许可 非煤矿山安全生产许可"),
        penalties=_w(
            "未按规定开展安全生产教育培训 未建立事故隐患排查治理制度 "
            "未按规定配备安全生产管理人员 危险化学品违规储存"
        ),
        indicators=_ind("安全生产检查/家次 发现隐患/项 整改隐患/项 应急演练/场"),
        buys=_w("应急物资 安全生产专家服务 应急指挥系统运维"),
        laws=_w("中华人民共和国安全生产法 中华人民共和国突发事件应对法 危险化学品安全管理条例"),
    ),
    _Field(
        keys=("审计",),
        name="审计",
        topic="财政、金融、审计",
        abbr="审",
        works=_w(
            "预算执行审计 经济责任审计 政府投资项目审计 审计整改 专项资金审计 "
            "自然资源资产离任审计 扶贫资金审计"
        ),
        places=_w("区级预算单位 各乡镇 区属国有企业"),
        policies=_w("内部审计 政府投资审计 审计整改"),
        permits=(),
        penalties=_w("违反财政收支规定"),
        indicators=_ind("审计项目/个 查出问题金额/万元 促进整改/万元 提出审计建议/条"),
        buys=_w("审计中介服务 工程造价审核服务"),
        laws=_w("中华人民共和国审计法 中华人民共和国审计法实施条例"),
    ),
    _Field(
        keys=("国有资产", "国资"),
        name="国资国企",
        topic="国民经济管理",
        abbr="国资",
        works=_w(
            "国有企业改革 国有资产保值增值 区属企业安全生产 国企负责人薪酬管理 "
            "国有资本经营预算 企业监事会监督"
        ),
        places=_w("区属国有企业 延庆区国有资本运营公司 区城市建设投资公司"),
        policies=_w("区属国有企业投资监管 国有资产产权登记 国有资本经营预算"),
        permits=(),
        penalties=(),
        indicators=_ind("区属企业资产总额/亿元 营业收入/亿元 利润总额/亿元 上缴国有资本收益/万元"),
        buys=_w("资产评估服务 财务审计服务"),
        laws=_w("中华人民共和国企业国有资产法 企业国有资产监督管理暂行条例"),
    ),
    _Field(
        keys=("市场监督", "市场监管"),
        name="市场监管",
        topic="市场监管、安全生产监管",
        abbr="市监",
        works=_w(
            "食品安全监管 特种设备安全监察 商事制度改革 双随机一公开监管 价格监督检查 "
            "知识产权保护 药品医疗器械监管 计量器具检定 广告监测 世园会食品安全保障 "
            "冬奥餐饮服务食品安全 校园食品安全"
        ),
        places=_w(
            "农贸市场 餐饮服务单位 学校食堂 药品零售企业 八达岭长城景区 世园会园区 "
            "延庆新城商圈 旅游景区"
        ),
        policies=_w("食品小作坊 小餐饮备案 市场主体登记 企业信用风险分类"),
        permits=_w("食品经营许可 食品生产许可 药品经营许可 特种设备使用登记"),
        penalties=_w(
            "销售超过保质期的食品 经营无合格证明的食用农产品 未按规定明码标价 "
            "使用未经定期检验的特种设备 销售不合格商品"
        ),
        indicators=_ind("市场主体/户 新设立企业/户 食品抽检/批次 特种设备检查/台"),
        buys=_w("食品安全抽检服务 快检设备 特种设备检验服务"),
        laws=_w("中华人民共和国食品安全法 中华人民共和国特种设备安全法 中华人民共和国产品质量法"),
    ),
    _Field(
        keys=("统计",),
        name="统计",
        topic="国民经济管理",
        abbr="统",
        works=_w(
            "第四次全国经济普查 统计数据质量 统计执法检查 农业统计调查 服务业统计 "
            "住户收支调查 劳动工资统计 人口抽样调查"
        ),
        places=_w("各乡镇统计站 规模以上企业 调查户"),
        policies=_w("统计数据质量管理 统计调查项目"),
        permits=_w("统计调查项目审批"),
        penalties=_w("拒报统计资料 提供不真实统计资料"),
        indicators=_ind(
            "地区生产总值/亿元 规模以上工业总产值/亿元 社会消费品零售额/亿元 "
            "城乡居民人均可支配收入/元"
        ),
        buys=_w("统计调查服务 普查数据处理服务"),
        laws=_w("中华人民共和国统计法 中华人民共和国统计法实施条例"),
    ),
    _Field(
        keys=("园林绿化", "园林"),
        name="园林绿化",
        topic="农业、林业、水利",
        abbr="园林",
        works=_w(
            "新一轮百万亩造林绿化 森林防火 林业有害生物防治 平原造林养护 湿地保护 "
            "野生动物保护 生态公益林管护 城市绿地建设 古树名木保护 山区生态林补偿"
        ),
        places=_w("松山国家级自然保护区 野鸭湖湿地 妫水公园 夏都公园 玉渡山 八达岭森林公园"),
        policies=_w("生态林管护员 古树名木保护 山区生态公益林补偿 城市绿化养护"),
        permits=_w("林木采伐许可 使用林地审核 临时占用绿地审批 野生动物人工繁育许可"),
        penalties=_w("滥伐林木 非法占用林地 非法猎捕野生动物 擅自砍伐城市树木"),
        indicators=_ind("新增造林/亩 森林覆盖率/% 林木绿化率/% 生态林管护员/人"),
        buys=_w("林业有害生物防治服务 绿地养护服务 苗木 森林防火物资"),
        laws=_w("中华人民共和国森林法 中华人民共和国野生动物保护法 北京市绿化条例"),
    ),
    _Field(
        keys=("体育",),
        name="体育",
        topic="卫生、体育",
        abbr="体",
        works=_w(
            "全民健身 冰雪运动推广 体育赛事组织 体育场地设施建设 青少年体育培训 "
            "社会体育指导员培训 健身步道建设 国民体质监测"
        ),
        places=_w("延庆区体育中心 妫河滑雪场 石京龙滑雪场 万科石京龙 妫水河健身步道 各乡镇体育场"),
        policies=_w("体育场馆开放 全民健身设施管理 体育赛事扶持"),
        permits=_w("高危险性体育项目经营许可 体育类民办非企业单位审查"),
        penalties=_w("未取得许可擅自经营高危险性体育项目"),
        indicators=_ind("体育赛事/场 参与冰雪运动/万人次 健身设施/处 社会体育指导员/人"),
        buys=_w("全民健身器材 赛事组织服务 冰雪运动培训服务"),
        laws=_w("中华人民共和国体育法 全民健身条例"),
    ),
    _Field(
        keys=("医疗保障", "医保"),
        name="医疗保障",
        topic="卫生、体育",
        abbr="医保",
        works=_w(
            "城乡居民医保参保缴费 医疗救助 异地就医直接结算 打击欺诈骗保 定点医药机构管理 "
            "药品集中带量采购 长期护理保险 医保支付方式改革"
        ),
        places=_w("定点医疗机构 定点零售药店 区医保服务大厅 各乡镇社保所"),
        policies=_w("城乡居民基本医疗保险 医疗救助 定点医药机构协议管理"),
        permits=_w("定点医疗机构协议签订 异地就医备案"),
        penalties=_w("违规使用医保基金 串换药品收费 虚构医疗服务"),
        indicators=_ind("城乡居民医保参保/人 医保基金支出/亿元 医疗救助/人次 追回医保基金/万元"),
        buys=_w("医保稽核服务 医保信息系统运维"),
        laws=_w("中华人民共和国社会保险法 医疗保障基金使用监督管理条例"),
    ),
    _Field(
        keys=("政务服务",),
        name="政务服务",
        topic="综合政务",
        abbr="政服",
        works=_w(
            "一网通办 政务服务中心窗口建设 接诉即办 优化营商环境 一窗受理 "
            "政务服务事项清理 12345热线诉求办理 帮办代办服务 证明事项清理"
        ),
        places=_w("区政务服务中心 各乡镇便民服务中心 社区服务站 村级代办点"),
        policies=_w("政务服务事项目录 首问负责 告知承诺 容缺受理"),
        permits=(),
        penalties=(),
        indicators=_ind("办理政务服务事项/件 一网通办事项/项 接诉即办诉求/件 群众满意率/%"),
        buys=_w("政务服务中心运维服务 热线服务外包 自助终端设备"),
        laws=_w("优化营商环境条例 北京市优化营商环境条例"),
    ),
    _Field(
        keys=("信访",),
        name="信访",
        topic="综合政务",
        abbr="信访",
        works=_w(
            "信访积案化解 领导干部接访下访 网上信访 信访矛盾排查 重点时期信访维稳 信访事项复查复核"
        ),
        places=_w("区信访接待中心 各乡镇信访办 村级信访代理站"),
        policies=_w("信访事项办理 领导干部接访"),
        permits=(),
        penalties=(),
        indicators=_ind("受理信访事项/件 按期办结率/% 化解积案/件 网上信访/件"),
        buys=_w("信访信息系统运维"),
        laws=_w("信访工作条例 北京市信访条例"),
    ),
    _Field(
        keys=("人民防空", "人防"),
        name="人民防空",
        topic="国防",
        abbr="人防",
        works=_w(
            "人防工程建设 防空警报试鸣 人防宣传教育 人防工程维护管理 疏散基地建设 民防应急救援演练"
        ),
        places=_w("延庆新城 人防疏散基地 各居住小区人防工程"),
        policies=_w("人防工程使用 防空地下室易地建设"),
        permits=_w("人防工程建设审批 人防工程拆除审批"),
        penalties=_w("擅自拆除人防工程 不按规定修建防空地下室"),
        indicators=_ind("人防工程/万平方米 警报器/台 宣传活动/场"),
        buys=_w("警报设施维护 人防工程检测服务"),
        laws=_w("中华人民共和国人民防空法"),
        fees=_w("防空地下室易地建设费"),
    ),
    _Field(
        keys=("冬奥",),
        name="冬奥会服务保障",
        topic="卫生、体育",
        abbr="冬奥",
        works=_w(
            "延庆赛区场馆建设 冬奥会城市运行保障 冬奥志愿者招募培训 冰雪运动普及 "
            "赛区周边环境整治 冬奥测试赛服务保障 冬奥文化宣传 京礼高速沿线整治"
        ),
        places=_w("国家高山滑雪中心 国家雪车雪橇中心 延庆冬奥村 小海坨山 张山营镇 西大庄科村"),
        policies=_w("冬奥会服务保障 赛区周边环境管理 冬奥志愿者管理"),
        permits=(),
        penalties=(),
        indicators=_ind("志愿者/人 培训/人次 整治点位/处 服务保障任务/项"),
        buys=_w("冬奥宣传服务 志愿者服装 城市运行保障服务"),
        laws=_w("奥林匹克标志保护条例"),
    ),
    _Field(
        keys=("投资促进", "中关村", "延庆园", "经济开发区"),
        name="投资促进",
        topic="国民经济管理",
        abbr="投促",
        works=_w(
            "招商引资 重点企业服务 无人机产业集聚 园区基础设施建设 能源互联网产业 "
            "企业落地服务 园区企业服务包 科技企业孵化"
        ),
        places=_w("中关村延庆园 延庆经济开发区 八达岭经济开发区 康庄产业园 无人机产业园"),
        policies=_w("招商引资奖励 产业发展扶持资金 孵化器认定"),
        permits=(),
        penalties=(),
        indicators=_ind("新引进企业/家 注册资本/亿元 园区总收入/亿元 入园企业/家"),
        buys=_w("招商推介服务 园区规划咨询服务"),
        laws=_w("中华人民共和国外商投资法 优化营商环境条例"),
    ),
    _Field(
        keys=("融媒体",),
        name="融媒体",
        topic="文化、广电、新闻出版",
        abbr="融媒",
        works=_w("新闻宣传 融媒体平台建设 网络舆情引导 世园会宣传报道 冬奥宣传报道 短视频内容生产"),
        places=_w("延庆电视台 北京延庆客户端 延庆报"),
        policies=_w("新闻采编 融媒体内容审核"),
        permits=(),
        penalties=(),
        indicators=_ind("新闻稿件/篇 客户端下载/万次 短视频/条 直播/场"),
        buys=_w("播出设备 内容制作服务"),
        laws=_w("广播电视管理条例"),
    ),
    _Field(
        keys=("档案",),
        name="档案",
        topic="综合政务",
        abbr="档",
        works=_w(
            "档案接收征集 档案数字化 档案安全检查 档案查阅利用服务 重大活动档案管理 世园会档案收集"
        ),
        places=_w("区档案馆 各立档单位"),
        policies=_w("机关档案管理 档案查阅利用"),
        permits=(),
        penalties=(),
        indicators=_ind("馆藏档案/卷 接待查档/人次 档案数字化/万页"),
        buys=_w("档案数字化服务 密集架"),
        laws=_w("中华人民共和国档案法"),
    ),
    _Field(
        keys=("金融",),
        name="金融服务",
        topic="财政、金融、审计",
        abbr="金融",
        works=_w(
            "防范和处置非法集资 企业上市培育 普惠金融 金融风险排查 政策性农业担保 小微企业融资服务"
        ),
        places=_w("区内银行网点 各乡镇 重点企业"),
        policies=_w("企业上市扶持 防范非法集资宣传"),
        permits=(),
        penalties=(),
        indicators=_ind("存款余额/亿元 贷款余额/亿元 宣传活动/场 风险排查/家"),
        buys=_w("金融风险监测服务"),
        laws=_w("防范和处置非法集资条例"),
    ),
    _Field(
        keys=("外事", "外办"),
        name="外事",
        topic="对外事务",
        abbr="外",
        works=_w(
            "因公出国（境）管理 国际交流合作 世园会外事接待 冬奥会外事服务 "
            "友好城市交往 涉外突发事件处置"
        ),
        places=_w("世园会园区 八达岭长城 延庆冬奥村"),
        policies=_w("因公出国（境）审批"),
        permits=(),
        penalties=(),
        indicators=_ind("因公出访团组/个 接待外宾/人次 外事培训/场"),
        buys=_w("翻译服务"),
        laws=_w("中华人民共和国护照法"),
    ),
    _Field(
        keys=("地震",),
        name="防震减灾",
        topic="公安、安全、司法",
        abbr="震",
        works=_w("地震监测预报 防震减灾科普 抗震设防监管 地震应急演练 地震安全示范社区创建"),
        places=_w("延庆地震台 各中小学校 示范社区"),
        policies=_w("建设工程抗震设防"),
        permits=_w("建设工程抗震设防要求确定"),
        penalties=_w("未按要求进行抗震设防"),
        indicators=_ind("监测站点/个 科普活动/场 演练/场"),
        buys=_w("地震监测设备运维"),
        laws=_w("中华人民共和国防震减灾法"),
    ),
    _Field(
        keys=("气象",),
        name="气象",
        topic="农业、林业、水利",
        abbr="气",
        works=_w("气象预报预警 人工影响天气 冬奥气象服务 世园会气象保障 防雷安全监管 为农气象服务"),
        places=_w("延庆气象站 小海坨山气象站 各乡镇自动站"),
        policies=_w("气象灾害预警信号发布 防雷减灾"),
        permits=_w("防雷装置设计审核 升放无人驾驶自由气球审批"),
        penalties=_w("未经许可升放气球 防雷装置未经检测投入使用"),
        indicators=_ind("预警信息/条 人工增雨作业/次 自动气象站/个"),
        buys=_w("气象设备运维 雷电监测服务"),
        laws=_w("中华人民共和国气象法 气象灾害防御条例"),
    ),
    _Field(
        keys=("重大项目", "重大办"),
        name="重大项目建设",
        topic="城乡建设、环境保护",
        abbr="重大",
        works=_w(
            "重大项目建设调度 征地拆迁协调 世园会配套工程 冬奥会配套工程 "
            "项目手续办理 重点工程安全检查"
        ),
        places=_w("世园会园区 延庆赛区 京礼高速 京张高铁延庆站 妫水河世园段"),
        policies=_w("重大项目建设管理"),
        permits=(),
        penalties=(),
        indicators=_ind("重大项目/个 完成投资/亿元 开工项目/个 竣工项目/个"),
        buys=_w("工程咨询服务 项目管理服务"),
        laws=_w("政府投资条例"),
    ),
    _Field(
        keys=("八达岭", "特区"),
        name="八达岭景区管理",
        topic="商贸、海关、旅游",
        abbr="特区",
        works=_w(
            "八达岭长城景区管理 游客分时预约 景区安全保障 长城保护 景区环境整治 "
            "长城文化宣传 景区交通疏导"
        ),
        places=_w("八达岭长城景区 长城博物馆 水关长城 八达岭古长城 石峡关"),
        policies=_w("景区游览秩序 长城保护"),
        permits=_w("景区内经营活动审批"),
        penalties=_w("在长城上刻划涂污 违规经营"),
        indicators=_ind("接待游客/万人次 门票收入/万元 预约游客占比/%"),
        buys=_w("景区保洁服务 安保服务 导览设备"),
        laws=_w("长城保护条例 中华人民共和国旅游法"),
    ),
    _Field(
        keys=("政府办", "办公室"),
        name="政务督查",
        topic="综合政务",
        abbr="政办",
        works=_w(
            "政务公开 重点工作督查督办 建议提案办理 应急值守 公文运转 政务信息报送 "
            "接诉即办考核 机关事务管理"
        ),
        places=_w("区政府机关 各乡镇 各委办局"),
        policies=_w("政务公开 督查督办 人大建议和政协提案办理"),
        permits=(),
        penalties=(),
        indicators=_ind("办理建议提案/件 督办事项/项 政务信息/条 主动公开信息/条"),
        buys=_w("办公设备 机关物业服务"),
        laws=_w("中华人民共和国政府信息公开条例"),
    ),
)

_FIELD_BY_NAME = {f.name: f for f in _FIELDS}
# Fields the district government itself legislates and decides in.
_MAIN_FIELDS = tuple(f for f in _FIELDS if f.permits and f.penalties)

_GENERIC = _Field(
    keys=(),
    name="",
    topic="综合政务",
    abbr="",
    works=_w("重点任务落实 作风建设 依法行政 政务公开 安全生产 接诉即办 基层调研 业务培训"),
    places=_w("延庆新城 各乡镇 各街道 区政务服务中心"),
    policies=_w("专项资金 工作规程 内部控制"),
    permits=(),
    penalties=(),
    indicators=_ind("办理事项/件 检查/次 培训/人次 满意率/%"),
    buys=_w("办公设备 信息系统运维服务 物业服务"),
    laws=_w("中华人民共和国政府信息公开条例"),
)


def _field_for(*names: str) -> _Field | None:
    for name in names:
        for f in _FIELDS:
            if any(key in name for key in f.keys):
                return f
    return None


# Key areas: keyword → field name, checked in order.
_KEY_FIELDS: tuple[tuple[str, str], ...] = (
    ("冬奥", "冬奥会服务保障"),
    ("世园", "冬奥会服务保障"),
    ("征地", "规划和自然资源"),
    ("土地", "规划和自然资源"),
    ("规划", "规划和自然资源"),
    ("房屋征收", "住房城乡建设"),
    ("住房", "住房城乡建设"),
    ("棚户", "住房城乡建设"),
    ("大气", "生态环境"),
    ("水污染", "生态环境"),
    ("生态", "生态环境"),
    ("环境", "生态环境"),
    ("安全生产", "应急管理"),
    ("应急", "应急管理"),
    ("食品", "市场监管"),
    ("药品", "市场监管"),
    ("市场", "市场监管"),
    ("双随机", "市场监管"),
    ("医疗", "卫生健康"),
    ("卫生", "卫生健康"),
    ("健康", "卫生健康"),
    ("医保", "医疗保障"),
    ("教育", "教育"),
    ("学校", "教育"),
    ("救助", "民政"),
    ("养老", "民政"),
    ("低保", "民政"),
    ("脱贫", "农业农村"),
    ("扶贫", "农业农村"),
    ("农", "农业农村"),
    ("就业", "人力资源和社会保障"),
    ("创业", "人力资源和社会保障"),
    ("社保", "人力资源和社会保障"),
    ("文化", "文化和旅游"),
    ("旅游", "文化和旅游"),
    ("体育", "体育"),
    ("户籍", "公安"),
    ("交通", "交通"),
    ("城市管理", "城市管理"),
    ("垃圾", "城市管理"),
    ("建设项目", "重大项目建设"),
    ("国有企业", "国资国企"),
    ("国企", "国资国企"),
    ("审计", "审计"),
    ("政务服务", "政务服务"),
    ("营商", "政务服务"),
    ("执法", "司法行政"),
    ("退役", "退役军人事务"),
    ("科技", "科技和信息化"),
    ("创新", "科技和信息化"),
    ("采购", "财政"),
    ("财政", "财政"),
    ("资金", "财政"),
    ("公共资源", "财政"),
    ("权责", "司法行政"),
    ("水", "水务"),
    ("林", "园林绿化"),
)


def _key_field(subject: str) -> _Field | None:
    for word, name in _KEY_FIELDS:
        if word in subject:
            return _FIELD_BY_NAME[name]
    return None


# --------------------------------------------------------------------------------------------
# Places: villages of a town, 社区 of a street, made up deterministically from the unit name.

_VILLAGE_HEADS = _w("东 西 南 北 上 下 大 小 前 后 新 老 中")
_VILLAGE_CORES = _w(
    "红寺 丰营 河湾 柳沟 石峡 水泉 杏园 榆林 桑园 营城 辛庄 白河 黄峪 古城 花盆 果树 双营 "
    "高庙 菜园 龙湾 阜民 三司 王庄 孟庄 米家堡 岔道 帮水峪 黑峪口 东门营 沙梁子 松山 "
    "玉皇庙 姚家营 胡家营 曹官营 里炮 西龙湾 北张庄 下屯 上辛庄 马营 吴坊营 新华营 "
    "苏庄 王家堡 南湾 石槽 刘家堡 黄柏寺 韩郝庄 莲花池 北菜园 八里庄 西五里营 靳家堡 "
    "大柏老 小川 烧窑峪 永安堡 程家营 石河营 罗家台 屈家窑 西拨子 盆窑 瓦庙 大观头"
)
_COMMUNITY_CORES = _w(
    "高塔 妫水 湖南 东外 庆园 新城 百泉 温泉南区 莲花苑 振兴 胜芳 悦安居 学苑 石河 "
    "舜泽园 川北 湖北西 康安 格兰山水 燕水佳园 万象 南菜园 东顺城 卓家营 龙庆 "
    "王泉营 新兴西 西关 东关 金锣湾 鹿鸣 民主 儒林 香水园 吴坊"
)

# Each town's own character, by the town's name.
_TOWN_FEATURES: tuple[tuple[str, str], ...] = (
    ("张山营", "冬奥会延庆赛区和世园会周边环境提升"),
    ("八达岭", "八达岭长城景区周边环境整治"),
    ("千家店", "百里山水画廊生态旅游发展"),
    ("四海", "四季花海沟域经济发展"),
    ("永宁", "永宁古城文化旅游发展"),
    ("井庄", "柳沟豆腐宴民俗旅游提升"),
    ("珍珠泉", "珍珠泉沟域生态保护"),
    ("康庄", "京张高铁延庆站周边环境建设"),
    ("旧县", "特色林果和花卉产业发展"),
    ("香营", "有机杂粮种植和民宿发展"),
    ("刘斌堡", "山区生态涵养和农民增收"),
    ("大庄科", "长城脚下红色旅游和板栗产业"),
    ("沈家营", "设施农业和蔬菜产业发展"),
    ("大榆树", "高效设施农业和乡村旅游"),
    ("延庆镇", "城乡结合部环境整治和世园会周边提升"),
    ("儒林", "老旧小区综合整治"),
    ("百泉", "背街小巷环境整治提升"),
    ("香水园", "社区精细化治理"),
)


@lru_cache(maxsize=256)
def _places_of(unit_name: str, kind: str) -> tuple[str, ...]:
    local = random.Random(zlib.crc32(unit_name.encode()))  # noqa: S311 - demo text
    out: list[str] = []
    if kind == "street":
        cores = list(_COMMUNITY_CORES)
        local.shuffle(cores)
        return tuple(f"{c}社区" for c in cores[:12])
    cores = list(_VILLAGE_CORES)
    local.shuffle(cores)
    for core in cores:
        name = (
            core if len(core) >= 3 or local.random() < 0.45 else local.choice(_VILLAGE_HEADS) + core
        )
        name += "村"
        if name not in out:
            out.append(name)
        if len(out) == 24:
            break
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Small helpers.

_CN_DIGITS = "零一二三四五六七八九"


def _cn_num(n: int) -> str:
    """1..99 in Chinese numerals (第十二条)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def _cn_date(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _h3(text: str) -> str:
    return f"<h3>{text}</h3>"


def _list(items: Sequence[str], ordered: bool = True) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


_TRAILING = "。，、；：！？.,;:!? "

_COMPANY_HEADS = _w(
    "京延 妫川 夏都 长城 海坨 龙庆 松山 鑫源 恒通 华宇 博远 嘉禾 瑞丰 安泰 金川 宏达 "
    "德润 永兴 晟昌 百川 四通 鼎盛 兴旺 绿源 康达 聚福 万和 盛世 利民 佳诚"
)
_COMPANY_TRADES = _w(
    "商贸 餐饮管理 建筑工程 农业科技 物业管理 信息技术 环保科技 运输 旅游开发 "
    "园林绿化 食品 建材 汽车维修 酒店管理 文化传媒 医药 电子科技 工程咨询"
)
_SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高郭马罗梁宋郑谢韩唐冯于董程曹袁邓"
    "许傅沈彭吕苏卢蒋蔡贾丁魏薛叶阎潘杜戴夏钟汪田任姜范方石姚谭"
)


class _Ctx:
    """One call's inputs and derived choices."""

    def __init__(
        self,
        *,
        column: str,
        unit_name: str,
        unit_short: str,
        unit_kind: str,
        when: datetime.date,
        serial: int,
        rng: random.Random,
        subject: str | None,
    ) -> None:
        kind = {"town": "township", "乡镇": "township", "街道": "street"}.get(unit_kind, unit_kind)
        if kind not in ("district", "department", "township", "street"):
            kind = "other"
        self.column = column
        self.name = unit_name or unit_short or "北京市延庆区人民政府"
        self.short = unit_short or unit_name or "区政府"
        self.kind = kind
        self.when = when
        self.year = when.year
        self.serial = serial
        self.n = (serial - 1) % 150 + 1 if serial >= 1 else abs(serial) % 150 + 1
        self.batch = abs(serial) % 24 + 1  # 第N批 / 第N期 of a unit's series
        self.big = abs(serial - 1) % 1999 + 1  # numbers of busy series (处罚决定书)
        self.rng = rng
        self.subject = subject
        self.local = kind in ("township", "street")
        found = _field_for(self.short, self.name) if kind in ("department", "other") else None
        self.field = found or _GENERIC
        if self.field is _GENERIC and kind in ("department", "other"):
            core = self.short.removeprefix("区").removeprefix("延庆")
            core = core.rstrip("局委办中心处室").strip() or "业务"
            self.field = _Field(
                **{
                    **_GENERIC.__dict__,
                    "name": core,
                    "abbr": core[:2],
                    "works": (*_GENERIC.works, f"{core}业务管理", f"{core}服务提升"),
                    "policies": (f"{core}专项资金", f"{core}服务规范", f"{core}工作规程"),
                }
            )
        self.places = (
            _places_of(self.name, kind) if self.local else self.field.places or _GENERIC.places
        )

    @property
    def label(self) -> str:
        """How the unit names itself at the head of a title."""
        return "延庆区" if self.kind == "district" else self.short

    @property
    def scope(self) -> str:
        """Where the unit's rules apply."""
        if self.kind == "township":
            return f"本{self.short[-1]}行政区域"
        if self.kind == "street":
            return "本街道辖区"
        return "本区行政区域"

    def any_field(self) -> _Field:
        """The field an item is about: the district government's vary from item to item."""
        if self.kind == "district":
            return self.pick(_MAIN_FIELDS)
        return self.field

    # choices
    def pick(self, seq: Sequence[_T]) -> _T:
        return seq[self.rng.randrange(len(seq))]

    def sample(self, seq: Sequence[_T], k: int) -> list[_T]:
        return self.rng.sample(list(seq), min(k, len(seq)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def back(self, lo: int, hi: int) -> datetime.date:
        """A day between ``hi`` and ``lo`` days before ``when``."""
        return self.when - datetime.timedelta(days=self.rng.randint(lo, hi))

    def date(self, lo: int = 1, hi: int = 30) -> str:
        return _cn_date(self.back(lo, hi))

    def company(self) -> str:
        return f"北京{self.pick(_COMPANY_HEADS)}{self.pick(_COMPANY_TRADES)}有限公司"

    def person(self) -> str:
        return self.pick(_SURNAMES) + ("某某" if self.chance(0.5) else "某")

    def place(self) -> str:
        return self.pick(self.places)

    # the unit's work
    def works(self) -> tuple[str, ...]:
        if self.kind == "district":
            return _district_works(self.when)
        if self.local:
            return _local_works(self.when, self.kind, self.name)
        return self.field.works + _era_works(self.when)[:2]

    def work(self) -> str:
        return self.pick(self.works())

    @property
    def topic(self) -> str:
        return self.field.topic if self.kind in ("department", "other") else "综合政务"


# --------------------------------------------------------------------------------------------
# What was going on at a given date.


def _expo(when: datetime.date) -> str:
    if when < datetime.date(2019, 4, 29):
        return "世园会筹办"
    if when <= datetime.date(2019, 10, 9):
        return "世园会服务保障"
    return "世园会园区后续利用"


def _olympics(when: datetime.date) -> str:
    if when < datetime.date(2015, 7, 31):
        return "冬奥会申办"
    if when < datetime.date(2022, 2, 4):
        return "冬奥会延庆赛区筹办"
    if when <= datetime.date(2022, 3, 13):
        return "冬奥会和冬残奥会赛时服务保障"
    return "冬奥场馆赛后利用"


def _hotline(when: datetime.date) -> str:
    return "接诉即办" if when >= datetime.date(2019, 1, 1) else "12345市民服务热线诉求办理"


def _five_year(when: datetime.date) -> str:
    if when.year <= 2015:
        return "“十二五”"
    if when.year <= 2020:
        return "“十三五”"
    if when.year <= 2025:
        return "“十四五”"
    return "“十五五”"


@lru_cache(maxsize=64)
def _era_works(when: datetime.date) -> tuple[str, ...]:
    out = [_expo(when) if when.year <= 2020 else _olympics(when), _hotline(when)]
    if datetime.date(2020, 1, 20) <= when <= datetime.date(2022, 12, 31):
        out.append("疫情防控")
    return tuple(out)


@lru_cache(maxsize=4096)
def _district_works(when: datetime.date) -> tuple[str, ...]:
    base = _w(
        "妫水河综合治理 官厅水库生态保护 八达岭长城文化带建设 生态涵养区建设 美丽乡村建设 "
        "疏解整治促提升 优化营商环境 农村人居环境整治 低收入农户帮扶 大气污染防治 "
        "京张体育文化旅游带建设 园艺产业发展 全域旅游 生活垃圾分类 安全生产 "
        "背街小巷环境整治 森林防火 防汛 民生实事项目"
    )
    return (*base, _expo(when), _olympics(when), *_era_works(when))


@lru_cache(maxsize=4096)
def _local_works(when: datetime.date, kind: str, name: str) -> tuple[str, ...]:
    if kind == "street":
        base = _w(
            "老旧小区综合整治 社区党建 生活垃圾分类 背街小巷环境整治 物业管理 "
            "社区养老服务 平安社区建设 文明城区创建 居民议事厅 社区志愿服务 "
            "楼门院治理 安全隐患排查 人口信息采集 拆除违法建设"
        )
    else:
        base = _w(
            "美丽乡村建设 农村人居环境整治 宅基地管理 低收入农户帮扶 森林防火 防汛 "
            "生活垃圾分类 民宿发展 农民专业合作社规范提升 村集体经济发展 "
            "安全隐患排查 违法建设治理 农村养老服务 村务公开 煤改电 厕所革命"
        )
    feature = next((f for key, f in _TOWN_FEATURES if key in name), None)
    extra = (feature,) if feature else ()
    return (*base, *extra, *_era_works(when))


# --------------------------------------------------------------------------------------------
# Doc numbers.


def _prefix(c: _Ctx, office: bool = False) -> str:
    """The issuing organ's abbreviation in 发文字号, e.g. 延政发 / 延政办发 / 延卫健发."""
    if c.kind == "district":
        return "延政办发" if office else "延政发"
    if c.local:
        core = c.short.removesuffix("办事处")
        for suffix in ("街道", "镇", "乡"):
            if core.endswith(suffix) and len(core) > len(suffix) + 1:
                core = core.removesuffix(suffix)
        if c.kind == "street":
            return f"{core}办发"
        return f"{core}政{'办' if office else ''}发"
    abbr = c.field.abbr or "政"
    return f"延{abbr}{'办' if office else ''}发"


def _doc_number(c: _Ctx, office: bool = False, kind: str = "") -> str:
    prefix = _prefix(c, office)
    number = c.n
    if kind:
        prefix = prefix.removesuffix("发") + kind
        number = c.big
    return f"{prefix}〔{c.year}〕{number}号"


# --------------------------------------------------------------------------------------------
# Reusable paragraphs.

_BASIS = (
    "为深入贯彻落实党中央、国务院和市委、市政府关于{work}的决策部署",
    "为进一步做好{work}工作，切实提升服务群众水平",
    "根据《{law}》等法律法规规定，结合我区实际",
    "按照区委、区政府工作部署，围绕{work}重点任务",
    "为推动{work}各项任务落地见效，更好服务首都生态涵养区建设",
    "为巩固{work}已有成果，着力解决群众反映集中的突出问题",
)

_MEASURES = (
    "{n}是健全工作机制。成立{work}工作专班，明确{k}项重点任务的责任分工和完成时限，"
    "形成一级抓一级、层层抓落实的工作格局。",
    "{n}是强化督导检查。采取“四不两直”方式深入{place}开展实地检查，对发现的{k}个问题建立"
    "台账、限期整改，整改一项、销号一项。",
    "{n}是加大宣传引导。通过“北京延庆”客户端、微信公众号、宣传展板等渠道解读{work}政策，"
    "开展集中宣传{k}场，发放宣传资料{m}余份。",
    "{n}是加强部门协同。与{partner}和属地乡镇（街道）建立信息共享和联合会商机制，"
    "定期研究解决{work}中的难点问题。",
    "{n}是做好资金保障。统筹安排{work}专项资金{money}万元，严格按照资金管理规定拨付使用，"
    "确保专款专用。",
    "{n}是提升服务水平。在{place}推行一次告知、限时办结，精简申请材料{k}项，群众办事更加便捷。",
    "{n}是注重基层基础。组织业务骨干对{place}等单位开展培训指导{k}次，帮助基层解决实际困难。",
    "{n}是坚持问题导向。对照{hotline}反映的{work}类诉求逐件梳理，举一反三、"
    "由点及面推动解决共性问题。",
    "{n}是推进信息化建设。依托{system}实现{work}线上申报、线上审核，数据多跑路、群众少跑腿。",
    "{n}是严格考核问责。将{work}纳入年度绩效考核，对推进不力的{k}家单位进行通报。",
    "{n}是抓好重点环节。聚焦{work2}，在{place}先行先试，形成可复制推广的做法。",
    "{n}是守牢安全底线。对{place}等重点部位开展隐患排查，发现并整改隐患{k}处。",
    "{n}是发挥党建引领作用。组织党员干部下沉{place}，认领{work}任务{k}项。",
    "{n}是加强队伍建设。举办{work}专题培训班{k}期，培训{m}人次。",
    "{n}是广泛动员社会参与。招募志愿者{m}余名，在{place}等地开展{work}志愿服务。",
    "{n}是完善制度规范。修订完善{work}相关制度{k}项，明确办理标准和时限要求。",
    "{n}是加强监测评估。建立{work}月调度、季通报机制，对{k}项指标进行动态监测。",
    "{n}是畅通诉求渠道。公布{work}咨询电话，设立意见箱，累计受理群众意见建议{m}条。",
    "{n}是统筹推进{work2}。将其与{work}同部署、同推进，{place}已完成年度任务的{pct}%。",
)

_RESULTS = (
    "截至{date}，已累计完成{work}相关任务{k}项，覆盖{place}等{m}个点位，各项工作总体进展顺利。",
    "经过集中攻坚，{work}取得阶段性成效，群众满意度明显提升，{hotline}相关诉求同比下降{pct}%。",
    "截至{date}，共检查{k}家次，发现问题{m}个，已全部督促整改到位。",
    "目前，{work}已纳入区级重点工作台账，{place}等地的试点经验正在全区推广。",
    "今年以来，{unit}围绕{work}共召开专题会议{k}次，解决实际问题{m}个。",
)

_NEXT = (
    "下一步，{unit}将继续聚焦{work}，坚持问题导向和目标导向，加强统筹调度，确保各项任务按期完成。",
    "下一步，将进一步完善{work}长效机制，不断提升群众获得感、幸福感、安全感。",
    "下一步，{unit}将总结经验做法，以点带面推动{work}走深走实，为建设最美冬奥城贡献力量。",
    "下一步，将加强跟踪问效，及时向社会公开{work}工作进展，主动接受社会监督。",
    "下一步，{unit}将对照年度目标查漏补缺，重点抓好{work2}等工作，推动{work}提质增效。",
    "下一步，{unit}将在{place}等地总结推广经验，推动{work}常态长效。",
)

_CONTACT = (
    "如有疑问，请于工作日拨打咨询电话010-69{tel}。",
    "联系电话：010-69{tel}；联系地址：{addr}。",
    "社会公众如有意见建议，可在工作时间拨打010-69{tel}反映。",
)

_YEAR_ROLES = (
    "决胜全面建成小康社会的关键之年",
    "落实规划承上启下的重要一年",
    "全面推进高质量发展的重要一年",
)
_TREND_FIRST = (
    "保持平稳增长",
    "稳中有升",
    "较上年同期有所回落",
    "增速高于全市平均水平",
)
_TREND_LAST = (
    "完成年度目标进度",
    "符合预期",
    "实现稳步提升",
    "受季节因素影响略有波动",
)
_THREE_COSTS = (
    "较上年有所下降，主要是严格落实过紧日子要求",
    "与上年持平",
    "较上年减少，主要是压减一般性支出",
)
_PERMIT_FINDINGS = (
    "经现场核查符合条件",
    "符合相关技术规范要求",
    "符合法定条件和标准",
)
_SITE_FINDINGS = (
    "符合相关规划",
    "未占用永久基本农田",
    "四至清楚、权属无争议",
)
_STREET_FINDINGS = (
    "不影响道路通行和消防安全",
    "符合相关规定",
    "已征得相邻居民同意",
)
_DEFENCES = (
    "未提出陈述申辩",
    "在规定期限内进行了陈述申辩，经复核不予采纳",
    "对违法事实无异议",
)
_PROJECT_KINDS = (
    "区重点工程",
    "区级民生实事项目",
    "市级重点项目",
    "乡村振兴重点项目",
)
_PROJECT_CONTENTS = (
    "道路、管网及附属设施",
    "河道清淤、护岸及绿化",
    "主体建筑、室外工程及配套设施",
    "村庄道路硬化、污水管网和公共照明",
)
_PROJECT_RULES = (
    "项目严格执行招标投标制度",
    "工程实行项目法人责任制和合同管理制",
    "施工期间落实扬尘治理“六个百分百”要求",
)
_WORK_ROLES = (
    "惠民生、暖民心的重要举措",
    "推动高质量发展的重要抓手",
    "检验干部作风的试金石",
    "生态涵养区建设的重要内容",
)
_WORK_DEMANDS = (
    "提高政治站位，压实工作责任",
    "坚持问题导向，狠抓工作落实",
    "细化任务清单，倒排时间节点",
)
_VISIT_FOCUS = (
    "工程进度和安全措施",
    "群众诉求办理情况",
    "环境整治成效",
    "项目运营情况",
)
_SYSTEMS = ("业务管理系统", "“北京通”App", "北京市政务服务网", "区大数据平台", "网格化管理平台")
_ROADS = _w("高塔街 妫水北街 东外大街 湖南东路 庆园街 新城街 世园路 百泉街")


def _vals(c: _Ctx, **extra: str) -> dict[str, str]:
    out = {
        "work": c.work(),
        "work2": c.work(),
        "place": c.place(),
        "partner": c.pick(_NEWS_SLOTS["partner"]).replace(c.short, "区有关部门"),
        "system": c.pick(_SYSTEMS),
        "unit": c.short,
        "hotline": _hotline(c.when),
        "date": c.date(1, 40),
        "k": str(c.rng.randint(3, 40)),
        "m": str(c.rng.randint(2, 90) * 10),
        "money": str(c.rng.randint(30, 3000)),
        "pct": str(c.rng.randint(5, 45)),
        "tel": str(c.rng.randint(100000, 199999)),
        "addr": f"北京市延庆区{c.pick(_ROADS)}{c.rng.randint(1, 120)}号",
    }
    out.update(extra)
    if "law" not in out:
        out["law"] = _law_for(c, out["work"])
    return out


_UNIT_LAWS = {
    "township": _w(
        "中华人民共和国村民委员会组织法 中华人民共和国土地管理法 中华人民共和国森林法 "
        "北京市生活垃圾管理条例"
    ),
    "street": _w(
        "中华人民共和国城市居民委员会组织法 北京市市容环境卫生条例 北京市生活垃圾管理条例"
    ),
}


def _law_for(c: _Ctx, work: str) -> str:
    """A law that fits the work: the unit's own field first, then the work's."""
    if c.kind in ("department", "other") and c.field.laws:
        return c.pick(c.field.laws)
    f = _key_field(work)
    if f is not None and f.laws:
        return c.pick(f.laws)
    return c.pick(_UNIT_LAWS.get(c.kind, _GENERIC.laws))


# Whom a department's outreach is for, by field name.
_AUDIENCES: dict[str, tuple[str, ...]] = {
    "教育": _w("中小学生 学生家长 教职工 幼儿园教师"),
    "卫生健康": _w("辖区老年人 孕产妇 慢性病患者 中小学生 村医"),
    "人力资源和社会保障": _w("求职者 高校毕业生 企业职工 农民工 用人单位"),
    "民政": _w("辖区老年人 困难群众 残疾人 困境儿童"),
    "市场监管": _w("餐饮经营者 个体工商户 企业负责人 食品生产企业"),
    "农业农村": _w("农民群众 种植大户 合作社社员 养殖户"),
    "应急管理": _w("企业负责人 安全管理人员 中小学生 社区居民"),
    "医疗保障": _w("参保群众 辖区老年人 定点医药机构 困难群众"),
    "司法行政": _w("辖区居民 中小学生 外来务工人员 村（社区）干部"),
    "退役军人事务": _w("退役军人 优抚对象 军属"),
}
_PUBLIC = _w("辖区老年人 中小学生 企业职工 农民群众 快递小哥 环卫工人 残疾人 外来务工人员")


def _fmt(c: _Ctx, template: str, **extra: str) -> str:
    return template.format(**_vals(c, **extra))


def _measures(c: _Ctx, work: str, count: int) -> list[str]:
    picked = c.sample(_MEASURES, count)
    return [_fmt(c, t, n=_ORDINALS[i], work=work) for i, t in enumerate(picked)]


def _progress_body(c: _Ctx, work: str, lead: str) -> list[str]:
    """Opening, measures, results, next steps: the shape of most work reports."""
    basis = _fmt(c, c.pick(_BASIS), work=work)
    blocks = [_p(f"{basis}，{lead}")]
    measures = _measures(c, work, c.rng.randint(2, 4))
    if c.chance(0.5):
        blocks.append(_p("".join(measures)))
    else:
        blocks.extend(_p(m) for m in measures)
    blocks.append(_p(_fmt(c, c.pick(_RESULTS), work=work)))
    blocks.append(_p(_fmt(c, c.pick(_NEXT), work=work)))
    return blocks


# --------------------------------------------------------------------------------------------
# Columns. Each returns (title, doc_number, blocks, topic).

_Out = tuple[str, str, list[str], str]


def _col_system(c: _Ctx) -> _Out:
    new_rules = c.when >= datetime.date(2019, 5, 15)
    law = (
        "新修订的《中华人民共和国政府信息公开条例》"
        if new_rules
        else "《中华人民共和国政府信息公开条例》"
    )
    kind = c.pick(
        (
            "政府信息公开工作制度",
            "政府信息公开保密审查制度",
            "依申请公开政府信息办理规程",
            "政府信息主动公开工作规范",
            "政务公开工作责任制度",
            "政策解读工作制度",
            "政务舆情回应工作机制",
            "政府信息公开工作考核办法",
            "政府信息发布协调制度",
        )
    )
    title = f"{c.label}{kind}" if c.chance(0.6) or c.kind == "district" else f"{c.name}{kind}"
    steps = [
        "登记：通过当面、邮寄、网络等渠道收到的申请，当日登记并编号",
        "补正：申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正",
        "办理：承办科室会同法制、保密人员审核拟公开的信息",
        "答复：自收到申请之日起20个工作日内作出答复，需要延长的经负责人同意",
        "归档：答复文书及送达回证按“一案一档”整理归档",
    ]
    blocks = [
        _p(
            f"为规范{c.short}政府信息公开工作，保障公民、法人和其他组织依法获取政府信息，"
            f"根据{law}，结合本单位实际，制定本制度。"
        ),
        _p(
            f"{c.short}政府信息公开工作在单位主要负责同志领导下开展，办公室是政府信息公开工作机构，"
            "负责组织协调、推进和监督本单位的政府信息公开工作；各科室负责本科室职责范围内"
            "政府信息的公开属性认定、公开前审查和及时发布。"
        ),
        _p(
            "坚持“以公开为常态、不公开为例外”，遵循公正、公平、合法、便民的原则。"
            "拟公开的政府信息应当依照《中华人民共和国保守国家秘密法》等规定进行审查，"
            "不能确定是否可以公开的，依照规定报有关主管部门确定。"
        ),
        _p("依申请公开的办理流程如下："),
        _list(c.sample(steps, c.rng.randint(3, 5)) if c.chance(0.3) else steps),
        _p(
            f"本单位每年1月31日前向社会公布上一年度政府信息公开工作年度报告。"
            f"{_fmt(c, c.pick(_CONTACT))}"
        ),
    ]
    if c.chance(0.5):
        blocks.insert(
            3,
            _p(
                f"主动公开的政府信息应当自该信息形成或者变更之日起20个工作日内予以公开，"
                f"重点围绕{c.work()}、{c.work()}等群众关注事项做好公开和解读回应。"
            ),
        )
    return title, "", blocks, "综合政务"


def _divisions(c: _Ctx) -> list[str]:
    if c.kind == "township":
        return [
            "党政办公室",
            "经济发展办公室",
            "社会事务办公室",
            "城乡建设办公室",
            "平安建设办公室",
            "综合行政执法队",
            "社区（村）建设办公室",
            "便民服务中心",
        ]
    if c.kind == "street":
        return [
            "党群工作办公室",
            "社区建设办公室",
            "城市管理办公室",
            "平安建设办公室",
            "民生保障办公室",
            "综合行政执法队",
            "市民活动中心",
        ]
    if c.kind == "district":
        return ["区政府办公室", "区发展改革委", "区教委", "区财政局", "区卫生健康委", "区应急局"]
    core = c.field.name or "业务"
    return [
        "办公室",
        "综合科",
        f"{core}科",
        "政策法规科",
        "计划财务科",
        "行政审批科",
        "执法监督科",
        "安全管理科",
    ]


def _col_functions(c: _Ctx) -> _Out:
    title = c.pick(
        (
            f"{c.name}主要职责",
            f"{c.short}机构职能",
            f"{c.short}内设机构及职责",
            f"{c.short}机构概况",
            f"{c.short}领导分工和内设机构",
        )
    )
    duties = [f"负责本辖区{w}相关工作" for w in c.sample(c.works(), 5)]
    if c.kind == "department":
        duties = [f"负责{w}的组织实施和监督管理" for w in c.sample(c.field.works, 5)]
    lead = {
        "district": f"{c.name}是区人民代表大会的执行机关，是全区的国家行政机关，"
        "对区人民代表大会及其常委会和北京市人民政府负责并报告工作。",
        "township": f"{c.name}是基层一级国家行政机关，在区委、区政府领导下，"
        f"负责本乡镇经济社会发展和{len(c.places)}个行政村的村务指导工作。",
        "street": f"{c.name}是区人民政府的派出机关，在区委、区政府领导下，"
        f"统筹辖区{len(c.places)}个社区的城市管理、社区建设和公共服务工作。",
    }.get(
        c.kind,
        f"{c.name}是区政府工作部门，负责全区{c.field.name or '相关'}工作，"
        "贯彻落实党中央、国务院和市委、市政府、区委、区政府的决策部署。",
    )
    divisions = c.sample(_divisions(c), c.rng.randint(4, 6))
    blocks = [
        _p(lead),
        _h3("一、主要职责"),
        _list(duties),
        _h3("二、内设机构"),
        _p(f"根据职责，{c.short}设{_cn_num(len(divisions))}个内设机构：{'、'.join(divisions)}。"),
        _p("单位领导班子成员按照分工负责相关工作，分工调整时及时更新本栏目内容。"),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


_NORMATIVE_SUFFIXES = ("管理办法", "实施细则", "暂行规定", "实施办法", "管理规定", "暂行办法")


def _policy_subject(c: _Ctx) -> tuple[str, _Field]:
    """A subject for a policy of the unit, and the field it belongs to."""
    if c.kind == "district":
        f = c.any_field()
        return c.pick(f.policies), f
    if c.local:
        return c.pick(
            (
                "村级公益事业专项补助资金",
                "农村宅基地审批",
                "村务监督",
                "社区公益金",
                "环境卫生“门前三包”",
                "小微权力清单",
            )
        ), c.field
    return c.pick(c.field.policies), c.field


def _normative_title(c: _Ctx) -> tuple[str, str, _Field]:
    subject, f = _policy_subject(c)
    suffix = c.pick(_NORMATIVE_SUFFIXES)
    name = "北京市延庆区" if not c.local else c.short
    return f"{name}{subject}{suffix}", subject, f


def _articles(c: _Ctx, subject: str, suffix_word: str, f: _Field) -> list[str]:
    responsible = c.short if c.kind != "district" else f"区{f.name}主管部门"
    law = c.pick(f.laws or _GENERIC.laws)
    pool = [
        f"{subject}工作应当与{c.pick(f.works)}、{c.pick(f.works)}等工作统筹衔接。",
        f"{responsible}应当每年{c.pick(('一季度', '上半年', '年底前'))}向社会公布{subject}"
        "相关情况，接受社会监督。",
        f"{subject}应当遵循公开、公平、公正和便民的原则，实行统一管理、分级负责。",
        f"申请人应当提交申请书、身份证明材料及相关证明文件，对所提交材料的真实性负责。"
        f"受理机关应当自受理之日起{c.rng.randint(5, 20)}个工作日内作出决定。",
        "相关资金纳入年度部门预算管理，实行专款专用，任何单位和个人不得截留、挤占、挪用。",
        f"{responsible}应当建立工作台账，加强日常监督检查，每年对执行情况进行评估。",
        "有关单位和工作人员在工作中滥用职权、玩忽职守、徇私舞弊的，依法依规追究责任。",
        f"符合条件的，按照每户（人）不超过{c.rng.randint(2, 50) * 100}元的标准给予补助，"
        "具体标准根据经济社会发展情况适时调整。",
        "审核结果应当在申请人所在村（社区）公示，公示期不少于5个工作日。",
        f"违反本{suffix_word}骗取补助的，由主管部门责令退回，并记入公共信用信息服务平台。",
    ]
    picked = c.sample(pool, c.rng.randint(1, 3))
    body = [
        f"为规范{subject}工作，根据《{law}》等有关规定，结合实际，制定本{suffix_word}。",
        f"本{suffix_word}适用于{c.scope}内{subject}相关活动的管理。",
        f"{responsible}负责{subject}工作的组织实施和监督管理，"
        "财政、审计等部门按照各自职责做好相关工作。",
        *picked,
        f"本{suffix_word}由{responsible}负责解释。",
        f"本{suffix_word}自{_cn_date(c.when)}起施行。"
        if c.chance(0.6)
        else f"本{suffix_word}自印发之日起施行，有效期{c.rng.choice((3, 5))}年。",
    ]
    return [_p(f"第{_cn_num(i)}条　{text}") for i, text in enumerate(body[:8], 1)]


def _col_normative(c: _Ctx) -> _Out:
    title, subject, f = _normative_title(c)
    word = title[-2:] if title.endswith(("办法", "细则", "规定")) else "办法"
    doc = _doc_number(c, office=c.chance(0.3))
    topic = f.topic if c.kind == "district" else _topic_of_policy(c, subject)
    return title, doc, _articles(c, subject, word, f), topic


def _topic_of_policy(c: _Ctx, subject: str) -> str:
    if c.kind in ("department", "other"):
        return c.topic
    if any(word in subject for word in ("世园", "冬奥", "接诉即办", "12345", "政务")):
        return "综合政务"
    if "疫情" in subject:
        return "卫生、体育"
    f = _key_field(subject) or _field_for(subject)
    if f is not None:
        return f.topic
    return c.topic


def _recipients(c: _Ctx) -> str:
    if c.kind == "district":
        return "各乡镇人民政府、街道办事处，区政府各委、办、局，各区属机构："
    if c.kind == "township":
        return "各村民委员会，镇属各单位："
    if c.kind == "street":
        return "各社区居民委员会，街道各科室："
    return "各乡镇人民政府、街道办事处，各有关单位："


def _col_regulations(c: _Ctx) -> _Out:
    work = c.work()
    subject, _ = _policy_subject(c)
    kind = c.rng.randrange(4)
    issuer = c.name if c.chance(0.7) else c.short
    if kind == 0:
        inner = f"北京市延庆区{subject}{c.pick(_NORMATIVE_SUFFIXES)}"
        title = f"{issuer}关于印发《{inner}》的通知"
        lead = f"现将《{inner}》印发给你们，请结合实际认真贯彻执行。"
    elif kind == 1:
        title = f"{issuer}关于进一步加强{work}工作的实施意见"
        lead = f"为进一步加强{work}工作，现提出如下实施意见。"
    elif kind == 2:
        inner = f"延庆区{c.year}年{work}工作方案"
        title = f"{issuer}关于印发《{inner}》的通知"
        lead = f"经研究同意，现将《{inner}》印发给你们，请认真组织实施。"
    else:
        title = f"{issuer}关于{work}有关事项的通知"
        lead = f"为做好{work}工作，现就有关事项通知如下。"
    blocks = [_p(_recipients(c)), _p(lead)]
    blocks.append(_h3("一、总体要求"))
    blocks.append(
        _p(_fmt(c, c.pick(_BASIS), work=work) + "，坚持以人民为中心，统筹推进、分类施策。")
    )
    blocks.append(_h3("二、主要任务"))
    blocks.append(_p("".join(_measures(c, work, 3))))
    blocks.append(_h3("三、保障措施"))
    blocks.append(
        _p(
            f"各单位要高度重视，明确分管领导和具体联系人，于每月底前将{work}进展情况报送"
            f"{c.short}。对工作中遇到的重大问题，要及时请示报告。"
        )
    )
    blocks.append(_p(f"{c.name}　{_cn_date(c.when)}"))
    return title, _doc_number(c, office=c.chance(0.4)), blocks, _topic_of_policy(c, work)


def _col_other(c: _Ctx) -> _Out:
    work = c.work()
    year = c.year
    templates = (
        f"关于开展{year}年{work}专项行动的通知",
        f"关于做好{work}工作的通知",
        f"关于印发{year}年{work}工作方案的通知",
        f"关于进一步做好{work}相关工作的通知",
        f"{c.short}关于{work}工作情况的报告",
        f"关于召开{work}工作推进会的通知",
        f"关于对{work}工作进行督导检查的通知",
        f"关于{work}工作的补充通知",
    )
    title = c.pick(templates)
    blocks = [_p(_recipients(c))]
    blocks += _progress_body(c, work, f"现就{work}有关工作通知如下。")[:-1]
    blocks.append(
        _p(
            f"请各单位于{c.year}年{c.rng.randint(c.when.month, 12)}月底前将工作总结报送{c.short}"
            f"{c.pick(('办公室', '综合科', '业务科', '党政办'))}。"
        )
    )
    blocks.append(_p(f"{c.name}　{_cn_date(c.when)}"))
    doc = _doc_number(c, office=True) if c.chance(0.7) else ""
    return title, doc, blocks, _topic_of_policy(c, work)


def _col_plans(c: _Ctx) -> _Out:
    year, work = c.year, c.work()
    plan = _five_year(c.when)
    templates = (
        f"{c.label}{year}年工作计划" if c.kind != "district" else f"延庆区{year}年政府工作报告",
        f"{c.label}{year - 1}年工作总结和{year}年工作计划",
        f"{c.label}{year}年{work}工作要点",
        f"延庆区{plan}时期{c.field.name}发展规划"
        if c.kind == "department"
        else f"{c.label}{plan}时期{work}工作规划",
        f"{c.label}{year}年重点工作任务分解",
        f"{c.label}{year}年{work}实施计划",
    )
    title = c.pick(templates)
    tasks = c.sample(c.works(), 4)
    blocks = [
        _p(
            f"{year}年是{c.pick(_YEAR_ROLES)}。"
            f"{c.short}将坚持稳中求进工作总基调，紧紧围绕区委、区政府中心工作，"
            f"重点抓好{'、'.join(tasks[:3])}等工作。"
        ),
        _h3("一、指导思想"),
        _p(
            "坚持以习近平新时代中国特色社会主义思想为指导，牢固树立生态优先、绿色发展理念，"
            "立足首都生态涵养区功能定位，以“两件大事”为牵引，推动各项工作提质增效。"
        ),
        _h3("二、重点任务"),
        _list([f"扎实推进{t}，{c.pick(_TASK_TAILS)}" for t in tasks]),
        _h3("三、保障措施"),
        _p(_fmt(c, c.pick(_NEXT), work=tasks[0])),
    ]
    return title, "", blocks, c.topic


_TASK_TAILS = (
    "确保年底前完成全部目标任务",
    "建立月调度、季通报工作机制",
    "形成可复制可推广的经验做法",
    "切实解决群众急难愁盼问题",
    "按节点倒排工期、挂图作战",
    "实现重点指标稳中有升",
)


def _amount(c: _Ctx, unit: str) -> str:
    r = c.rng
    if unit in ("亿元", "万美元"):
        return f"{r.uniform(0.5, 80):.2f}"
    if unit == "万元":
        return f"{r.uniform(50, 9000):.1f}"
    if unit == "%":
        return f"{r.uniform(1, 99.5):.1f}"
    if unit in ("万人次", "万亩", "万平方米", "万页", "万次", "万立方米"):
        return f"{r.uniform(0.5, 300):.1f}"
    if unit == "元":
        return str(r.randint(18000, 48000))
    if unit == "微克/立方米":
        return str(r.randint(28, 55))
    return str(r.randint(3, 5000))


def _quarter(when: datetime.date) -> str:
    """The last quarter ended before ``when``."""
    q = (when.month - 1) // 3
    if q == 0:
        return f"{when.year - 1}年第四季度"
    return f"{when.year}年第{_cn_num(q)}季度"


def _col_statistics(c: _Ctx) -> _Out:
    year, month = c.year, c.when.month
    period = f"{year}年1—{month - 1}月" if month >= 3 else f"{year - 1}年"
    if c.chance(0.25):
        period = _quarter(c.when)
    name = c.field.name if c.kind in ("department", "other") else ""
    inds = list(
        c.field.indicators
        if name
        else _ind(
            "地区生产总值/亿元 一般公共预算收入/亿元 城乡居民人均可支配收入/元 接待游客/万人次 "
            "农业总产值/亿元 新增就业/人 社会消费品零售额/亿元"
        )
    )
    if c.local:
        inds = list(
            _ind(
                "户籍人口/人 农村居民人均可支配收入/元 村集体经济收入/万元 "
                "低收入农户/户 民俗旅游接待/万人次 垃圾分类覆盖率/%"
            )
        )
    chosen = c.sample(inds, min(len(inds), c.rng.randint(3, 5)))
    title = c.pick(
        (
            f"{period}{c.label}{name or '主要'}统计数据",
            f"{c.label}{period}主要指标完成情况",
            f"{period}{name or c.label}统计信息",
            f"{c.label}{period}统计数据公开",
        )
    )
    rows = []
    for ind, unit in chosen:
        rows.append([ind, unit, _amount(c, unit), f"{c.rng.uniform(-12, 25):.1f}"])
    blocks = [
        _p(f"现将{period}{c.short}{name}主要统计数据公布如下（数据截至{c.date(1, 20)}）。"),
        _table(["指标", "计量单位", "数值", "同比增长（%）"], rows),
        _p(
            f"从数据看，{chosen[0][0]}{c.pick(_TREND_FIRST)}，"
            f"{chosen[-1][0]}{c.pick(_TREND_LAST)}。"
        ),
        _p(
            "说明：本表数据为快报数，部分指标以年报数据为准；同比增长按可比口径计算。"
            f"数据来源为{c.short}业务统计及区统计局相关调查。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    topic = "国民经济管理" if c.kind != "department" else c.topic
    return title, "", blocks, topic


def _col_budget(c: _Ctx) -> _Out:
    year = c.year
    form = c.rng.randrange(4)
    if c.kind == "district":
        title = (
            f"关于延庆区{year - 1}年预算执行情况和{year}年预算的报告",
            f"延庆区{year}年区级一般公共预算",
            f"延庆区{year - 1}年区级决算",
            f"延庆区{year}年政府债务限额及余额情况",
        )[form]
    else:
        title = (
            f"{c.name}{year}年部门预算",
            f"{c.name}{year - 1}年部门决算",
            f"{c.short}{year}年“三公”经费预算情况说明",
            f"{c.short}{year}年政府采购预算",
        )[form]
    total = c.rng.uniform(800, 60000)
    basic = total * c.rng.uniform(0.3, 0.7)
    three = c.rng.uniform(2, 80)
    rows = [
        ["一般公共预算财政拨款", f"{total * 0.9:.2f}"],
        ["政府性基金预算财政拨款", f"{total * 0.06:.2f}"],
        ["其他收入", f"{total * 0.04:.2f}"],
        ["基本支出", f"{basic:.2f}"],
        ["项目支出", f"{total - basic:.2f}"],
    ]
    noun = "决算" if "决算" in title else "预算"
    blocks = [
        _p(
            f"{c.label}{year if noun == '预算' else year - 1}年{noun}收入总额{total:.2f}万元，"
            f"支出总额{total:.2f}万元。其中，基本支出{basic:.2f}万元，主要用于保障机构正常运转；"
            f"项目支出{total - basic:.2f}万元，主要用于{c.work()}、{c.work()}等工作。"
        ),
        _table(["项目", "金额（万元）"], rows),
        _p(
            f"“三公”经费{noun}{three:.2f}万元，其中因公出国（境）费0万元，"
            f"公务用车购置及运行维护费{three * 0.7:.2f}万元，公务接待费{three * 0.3:.2f}万元。"
            f"{c.pick(_THREE_COSTS)}。"
        ),
        _p(
            (
                f"全区共有{c.rng.randint(40, 70)}个区级预算部门，"
                if c.kind == "district"
                else f"{c.short}共有{c.rng.randint(1, 5)}个预算单位，"
            )
            + "已将全部项目纳入预算绩效管理，"
            f"对{c.rng.randint(3, 20)}个重点项目设定了绩效目标。"
        ),
        _p(
            "名词解释：基本支出指为保障机构正常运转、完成日常工作任务而发生的支出，"
            "包括人员经费和公用经费；项目支出指在基本支出之外为完成特定工作任务发生的支出。"
        ),
    ]
    return title, "", blocks, "财政、金融、审计"


def _col_permits(c: _Ctx) -> _Out:
    if c.local:
        return _local_permit(c)
    if c.kind == "district":
        return _district_reply(c)
    if not c.field.permits:
        return _no_permits(c)
    permit = c.pick(c.field.permits)
    company = c.company()
    no = _doc_number(c, kind="许")
    title = c.pick(
        (
            f"关于{company}{permit}的行政许可决定公示",
            f"{c.short}{permit}信息公示（{c.date(0, 10)}）",
            f"{permit}准予许可决定（{no}）",
            f"{c.short}{c.year}年第{c.batch}批{permit}结果公示",
        )
    )
    rows = []
    for _ in range(c.rng.randint(2, 4)):
        rows.append(
            [
                c.company(),
                permit,
                c.pick(("准予许可", "准予许可", "准予变更", "准予延续")),
                c.date(0, 15),
            ]
        )
    blocks = [
        _p(
            f"根据《中华人民共和国行政许可法》及《{c.pick(c.field.laws)}》有关规定，"
            f"{c.short}对申请人提交的{permit}申请材料进行了审查，现将结果公示如下。"
        ),
        _table(["申请人", "许可事项", "审批结果", "决定日期"], rows),
        _p(
            f"经审查，上述申请材料齐全、符合法定形式，{c.pick(_PERMIT_FINDINGS)}，"
            "依法作出准予行政许可决定。"
        ),
        _p(
            "申请人如对本决定不服，可在收到决定书之日起六十日内向北京市延庆区人民政府申请"
            "行政复议，或在六个月内向北京市延庆区人民法院提起行政诉讼。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, no if c.chance(0.3) else "", blocks, c.topic


# What a town or street approves: item → (law, who applies, size column, what is checked).
_TOWN_ITEMS: dict[str, tuple[str, str, str]] = {
    "农村村民住宅建设审批": ("中华人民共和国土地管理法", "村民", "宅基地面积"),
    "宅基地使用申请": ("中华人民共和国土地管理法", "村民", "宅基地面积"),
    "乡村建设规划许可": ("中华人民共和国城乡规划法", "村民", "建筑面积"),
    "设施农业用地备案": ("中华人民共和国土地管理法", "农业经营主体", "用地面积"),
    "临时用地申请": ("中华人民共和国土地管理法", "建设单位", "用地面积"),
    "占道施工审批": ("北京市市容环境卫生条例", "施工单位", "占用面积"),
    "农村危房翻建": ("中华人民共和国城乡规划法", "村民", "建筑面积"),
    "户外广告设置": ("北京市户外广告设施、牌匾标识和标语宣传品设置管理条例", "经营者", "设置面积"),
    "农村村民分户审核": ("中华人民共和国土地管理法", "村民", "宅基地面积"),
    "农业设施建设备案": ("中华人民共和国土地管理法", "农业经营主体", "用地面积"),
    "村内道路临时占用": ("北京市市容环境卫生条例", "施工单位", "占用面积"),
    "民俗旅游户资格审核": ("北京市乡村民宿管理有关规定", "经营户", "经营面积"),
}
_STREET_ITEMS: dict[str, tuple[str, str, str]] = {
    "占道施工审批": ("北京市市容环境卫生条例", "施工单位", "占用面积"),
    "户外广告设置": ("北京市户外广告设施、牌匾标识和标语宣传品设置管理条例", "经营者", "设置面积"),
    "临时占道经营": ("北京市市容环境卫生条例", "经营者", "占用面积"),
    "社区公共设施改造": ("北京市物业管理条例", "物业服务企业", "改造面积"),
    "大型活动备案": ("大型群众性活动安全管理条例", "主办单位", "活动场地面积"),
    "牌匾标识设置": ("北京市户外广告设施、牌匾标识和标语宣传品设置管理条例", "经营者", "设置面积"),
    "临时停车位施划": ("北京市机动车停车条例", "物业服务企业", "施划面积"),
    "住宅专项维修资金使用": ("北京市物业管理条例", "业主委员会", "维修面积"),
}


def _local_permit(c: _Ctx) -> _Out:
    village = c.place()
    person = c.person()
    items = _TOWN_ITEMS if c.kind == "township" else _STREET_ITEMS
    item = c.pick(tuple(items))
    law, applicant, size = items[item]
    count = c.rng.randint(2, 9)
    title = c.pick(
        (
            f"关于{village}{applicant}{person}{item}的公示",
            f"{village}{item}情况公示（第{c.batch}批）",
            f"{c.short}{village}{item}审核结果公示（第{c.batch}期）",
            f"关于{village}{count}户{item}的公示",
            f"{village}{person}等{count}户{item}审核结果公示",
        )
    )
    rows = []
    for _ in range(c.rng.randint(2, 5)):
        rows.append(
            [
                c.person() if applicant in ("村民", "经营户") else c.company(),
                village,
                f"{c.rng.randint(20, 200)}平方米",
                c.pick(("同意", "同意", "同意", "不予同意")),
            ]
        )
    office = c.pick(
        ("规划建设办公室", "城乡建设办公室", "党政办公室")
        if c.kind == "township"
        else ("城市管理办公室", "社区建设办公室", "平安建设办公室")
    )
    vote = (
        "申请已经村民代表会议讨论通过，并在村内公示无异议。"
        if c.kind == "township"
        else "申请已征求所在社区居委会和相邻居民意见。"
    )
    blocks = [
        _p(
            f"根据《{law}》和本市有关规定，{c.short}对{village}{applicant}提出的{item}申请"
            f"进行了审核。{vote}"
        ),
        _table(["申请人", "所在村（社区）", size, "审核意见"], rows),
        _p(
            f"{c.short}{office}会同有关部门于{c.date(1, 20)}进行了实地踏勘，"
            f"申请事项{c.pick(_SITE_FINDINGS if c.kind == 'township' else _STREET_FINDINGS)}。"
        ),
        _p(
            "公示期为5个工作日，自本公示发布之日起计算。如有异议，请在公示期内以书面形式"
            f"向{c.short}反映，或拨打电话010-69{c.rng.randint(100000, 199999)}。"
        ),
    ]
    topic = (
        "国土资源、能源"
        if "宅基地" in item or "用地" in item or "规划" in item or "分户" in item
        else "城乡建设、环境保护"
    )
    return title, "", blocks, topic


_LOCAL_LAWS = {
    "露天焚烧秸秆": "北京市大气污染防治条例",
    "占道经营": "北京市市容环境卫生条例",
    "乱堆乱放": "北京市市容环境卫生条例",
    "违规倾倒垃圾": "北京市生活垃圾管理条例",
}


def _district_reply(c: _Ctx) -> _Out:
    """The district government's 批复: land, projects and plans it approves."""
    village = c.pick(_places_of(c.pick(_TOWN_NAMES), "township"))
    project = c.pick(_PROJECT_SITES) + c.pick(_REPLY_PROJECTS)
    kind = c.rng.randrange(4)
    if kind == 0:
        title = f"北京市延庆区人民政府关于{project}征收集体土地的批复"
        asked = f"征收{village}集体土地{c.rng.uniform(1, 30):.2f}公顷用于{project}"
        detail = (
            "征地补偿安置方案已经公告，被征地农民社会保障费用已足额落实。"
            "请严格按照批准的用途和面积使用土地，依法做好征收补偿安置工作。"
        )
    elif kind == 1:
        permit = c.pick(c.any_field().works)
        title = f"北京市延庆区人民政府关于同意《延庆区{permit}实施方案》的批复"
        asked = f"印发《延庆区{permit}实施方案》"
        detail = f"请你单位会同有关部门和属地乡镇抓好组织实施，及时报告{permit}进展情况。"
    elif kind == 2:
        title = f"北京市延庆区人民政府关于{project}立项的批复"
        asked = f"{project}立项，项目总投资{c.rng.uniform(500, 50000):.1f}万元"
        detail = "项目资金由区财政统筹安排。请严格执行基本建设程序，加强工程质量和安全管理。"
    else:
        title = f"北京市延庆区人民政府关于{village}村庄规划的批复"
        asked = f"批准{village}村庄规划（{c.year}年—{c.year + 15}年）"
        detail = "请严格落实永久基本农田保护和生态保护红线要求，做好规划公布和实施管理。"
    asker = c.pick(("区发展改革委", "规划自然资源延庆分局", "区住房城乡建设委", "区农业农村局"))
    blocks = [
        _p(f"{asker}："),
        _p(f"你单位《关于{asked}的请示》收悉。经区政府研究，现批复如下："),
        _p(f"一、原则同意{asked}。"),
        _p(f"二、{detail}"),
        _p(f"三、有关单位要按照职责分工做好配合，确保{c.pick(_TASK_TAILS)}。"),
        _p(f"北京市延庆区人民政府　{_cn_date(c.when)}"),
    ]
    topic = "国土资源、能源" if kind in (0, 3) else "城乡建设、环境保护"
    return title, f"延政函〔{c.year}〕{c.n}号", blocks, topic


_REPLY_PROJECTS = _w(
    "道路工程 污水处理厂改扩建工程 安置房项目 学校建设项目 养老照料中心项目 "
    "停车场建设项目 供热站项目 社区卫生服务中心项目 公园绿地项目"
)


def _no_permits(c: _Ctx) -> _Out:
    title = c.pick(
        (
            f"{c.short}行政许可事项情况说明",
            f"{c.short}{c.year}年行政许可信息公开情况",
            f"{c.short}{_quarter(c.when)}行政许可办理情况",
        )
    )
    blocks = [
        _p(
            f"根据本市行政许可事项清单和区级权力清单，{c.short}无行政许可事项，"
            "也不承担委托实施的行政许可。"
        ),
        _p(
            f"{c.short}承担的主要行政职能包括{'、'.join(c.sample(c.field.works, 3))}等，"
            "相关政策文件和办事指南在本网站相应栏目公开。"
        ),
        _p(
            f"截至{_cn_date(c.when)}，{c.short}未作出行政许可决定。如权力清单调整，"
            "将及时更新本栏目内容。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


def _penalty_summary(c: _Ctx) -> _Out:
    """The district government's roll-up of its departments' 行政处罚 and 行政强制."""
    period = _quarter(c.when)
    title = c.pick(
        (
            f"延庆区{period}行政处罚信息汇总",
            f"延庆区{period}行政执法信息公示",
            f"延庆区{period}行政处罚和行政强制信息汇总",
        )
    )
    offices = c.sample(_MAIN_FIELDS, 5)
    rows = [
        [f"区{f.name}部门", str(c.rng.randint(3, 400)), f"{c.rng.uniform(1, 300):.2f}"]
        for f in offices
    ]
    blocks = [
        _p(
            f"按照行政执法公示制度要求，现将{period}全区各行政执法部门作出的行政处罚"
            "决定情况汇总公开如下。"
        ),
        _table(["执法部门", "处罚案件数（件）", "罚没款（万元）"], rows),
        _p(
            f"从执法领域看，案件主要集中在{offices[0].name}、{offices[1].name}等领域，"
            f"主要违法行为包括{c.pick(offices[0].penalties)}、{c.pick(offices[1].penalties)}等。"
        ),
        _p("各部门作出的行政处罚决定已在作出之日起7个工作日内通过北京市执法信息公示平台公开。"),
    ]
    return title, "", blocks, "市场监管、安全生产监管"


def _no_penalties(c: _Ctx) -> _Out:
    period = _quarter(c.when)
    title = f"{c.short}{period}行政处罚和行政强制信息公开情况"
    blocks = [
        _p(f"{period}，{c.short}未作出行政处罚和行政强制决定。"),
        _p(
            f"根据区级权力清单，{c.short}不承担行政处罚和行政强制职权，"
            f"主要负责{'、'.join(c.sample(c.field.works, 2))}等工作。"
        ),
        _p("如今后依法作出行政处罚或行政强制决定，将按规定在7个工作日内予以公开。"),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, c.topic


def _col_penalties(c: _Ctx) -> _Out:
    if c.kind == "district":
        return _penalty_summary(c)
    if not c.local and not c.field.penalties:
        return _no_penalties(c)
    if c.local:
        violation = c.pick(
            ("违法建设", "露天焚烧秸秆", "占道经营", "私搭乱建", "乱堆乱放", "违规倾倒垃圾")
        )
    else:
        violation = c.pick(c.field.penalties)
    party = c.company() if c.chance(0.7) or c.local is False else c.person()
    no = (
        _doc_number(c, kind="罚字")
        if not c.local
        else f"{_prefix(c).removesuffix('发')}罚〔{c.year}〕{c.big}号"
    )
    title = c.pick(
        (
            f"行政处罚决定书（{no}）",
            f"关于{party}{violation}的行政处罚信息公示",
            f"{c.short}行政处罚案件信息公开（{no}）",
            f"{c.short}{c.year}年行政处罚信息公示（第{c.batch}期）",
        )
    )
    fine = c.rng.randint(1, 100) * 1000
    day = c.back(0, 10)
    found = c.back(15, 60)
    rows = [
        ["行政处罚决定书文号", no],
        ["当事人", party],
        ["违法行为类型", violation],
        ["处罚内容", f"罚款人民币{fine}元" + ("，责令改正" if c.chance(0.6) else "")],
        ["处罚决定日期", _cn_date(day)],
        ["处罚机关", c.name],
    ]
    place = c.place()
    law = c.pick(c.field.laws) if not c.local else _LOCAL_LAWS.get(violation, "北京市城乡规划条例")
    blocks = [
        _p(
            f"{_cn_date(found)}，{c.short}执法人员在{place}检查时发现，当事人{party}存在{violation}的行为。"
            f"经立案调查，当事人的行为违反了《{law}》的有关规定。"
        ),
        _table(["项目", "内容"], rows),
        _p(
            f"执法人员依法制作了询问笔录、现场检查笔录并调取了相关证据。{c.short}于处罚决定作出前"
            "依法告知当事人拟作出行政处罚的事实、理由、依据及其享有的陈述、申辩权利，"
            f"当事人{c.pick(_DEFENCES)}。"
        ),
        _p(
            "当事人应自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的"
            "百分之三加处罚款。如不服本决定，可依法申请行政复议或提起行政诉讼。"
        ),
    ]
    topic = "市场监管、安全生产监管" if c.kind != "department" else c.topic
    return title, no, blocks, topic


def _col_fees(c: _Ctx) -> _Out:
    fees = c.field.fees if c.kind == "department" else ()
    title = c.pick(
        (
            f"{c.short}行政事业性收费项目及标准",
            f"{c.short}{c.year}年涉企收费目录清单",
            f"{c.short}行政事业性收费情况公示",
            f"{c.short}{c.year}年收费项目公开",
        )
    )
    if fees:
        rows = [
            [
                f,
                f"按{c.pick(('国家', '本市'))}规定标准执行",
                c.pick(("财税", "京发改", "京财综"))
                + f"〔{c.rng.randint(min(2010, c.year), c.year)}〕{c.rng.randint(1, 200)}号",
            ]
            for f in fees
        ]
        blocks = [
            _p(
                f"根据国家和本市行政事业性收费管理有关规定，现将{c.short}行政事业性收费项目公示如下。"
            ),
            _table(["收费项目", "收费标准", "收费依据"], rows),
            _p(
                "以上收费项目全部纳入财政预算管理，实行“收支两条线”，使用财政部门统一印制的票据。"
                "凡未列入目录清单的项目，一律不得收费。"
            ),
            _p(f"对符合条件的小微企业、困难群众依法减免相关费用。{_fmt(c, c.pick(_CONTACT))}"),
        ]
    else:
        blocks = [
            _p(
                f"根据国家和本市关于清理规范行政事业性收费的有关要求，{c.short}对本单位收费项目进行了全面梳理。"
            ),
            _p(
                f"经核查，截至{_cn_date(c.when)}，{c.short}无行政事业性收费项目，"
                "也未委托其他单位代收任何费用。"
            ),
            _p(
                "在办理各类审批、服务事项过程中，不向申请人收取任何费用。"
                "如发现以本单位名义乱收费的行为，欢迎社会各界监督举报。"
            ),
            _p(_fmt(c, c.pick(_CONTACT))),
        ]
    return title, "", blocks, "财政、金融、审计"


def _col_procurement(c: _Ctx) -> _Out:
    item = (
        c.pick(c.any_field().buys)
        if not c.local
        else c.pick(
            (
                "村庄环境整治工程",
                "道路硬化工程",
                "垃圾分类设施",
                "办公设备",
                "物业服务",
                "安全隐患治理工程",
                "村庄绿化工程",
                "路灯改造工程",
                "社区活动设施",
            )
        )
    )
    where = c.place()
    if c.local:
        project = f"{where}{item}"
    else:
        project = c.pick(
            (
                f"{c.label}{c.year}年{item}",
                f"{where}{item}",
                f"{c.label}{where}{item}",
                f"{c.label}{item}（第{c.batch}包）",
            )
        )
    stage = c.pick(
        (
            "公开招标公告",
            "中标（成交）结果公告",
            "竞争性磋商公告",
            "采购意向公开",
            "更正公告",
            "合同公告",
            "竞争性谈判公告",
        )
    )
    code = f"BJYQ-{c.year}-{c.rng.randint(1, 999):03d}"
    title = f"{project}项目{stage}"
    budget = c.rng.uniform(10, 2000)
    blocks = [
        _p(
            f"项目编号：{code}；项目名称：{project}项目；采购人：{c.name}；预算金额：{budget:.2f}万元。"
        ),
    ]
    if "结果" in stage or "合同" in stage:
        winner = c.company()
        blocks.append(
            _p(
                f"经评标委员会评审，确定{winner}为中标（成交）供应商，"
                f"中标（成交）金额{budget * c.rng.uniform(0.82, 0.99):.2f}万元。"
                f"评审日期为{c.date(1, 15)}。"
            )
        )
        blocks.append(
            _table(
                ["序号", "供应商名称", "评审得分"],
                [
                    [str(i), n, f"{c.rng.uniform(60, 95):.2f}"]
                    for i, n in enumerate([winner, c.company(), c.company()], 1)
                ],
            )
        )
    elif "意向" in stage:
        blocks.append(
            _p(
                f"为便于供应商及时了解政府采购信息，现将{c.short}采购意向公开如下：采购需求概况为"
                f"{item}，预计采购时间为{c.year}年{c.rng.randint(c.when.month, 12)}月。"
            )
        )
    else:
        blocks.append(_p("采购需求："))
        blocks.append(
            _list(
                [
                    f"提供{item}，满足采购文件技术参数要求",
                    "服务期限一年，按季度考核付款",
                    "供应商须具备独立承担民事责任的能力",
                    "本项目不接受联合体投标",
                ]
            )
        )
        blocks.append(
            _p(
                "获取采购文件时间：自本公告发布之日起五个工作日；获取方式：北京市政府采购电子交易平台。"
            )
        )
    blocks.append(
        _p("本项目落实政府采购政策，对小微企业产品给予价格扣除优惠，支持绿色、节能产品采购。")
    )
    blocks.append(
        _p(
            f"采购人联系方式：{c.name}，"
            f"地址：北京市延庆区{c.pick(_ROADS)}{c.rng.randint(1, 120)}号，"
            f"电话：010-69{c.rng.randint(100000, 199999)}。"
        )
    )
    return title, "", blocks, "财政、金融、审计"


_PROJECT_SITES = _w(
    "延庆新城 康庄镇 张山营镇 八达岭镇 永宁镇 旧县镇 延庆镇 沈家营镇 妫水河沿线 延庆经济开发区"
)


def _col_projects(c: _Ctx) -> _Out:
    if c.local:
        project = c.pick(
            (
                f"{c.place()}"
                + ("美丽乡村建设项目" if c.kind == "township" else "楼本体节能改造工程"),
                f"{c.place()}道路改造工程",
                f"{c.short}{'农村污水治理' if c.kind == 'township' else '雨污分流改造'}工程",
                f"{c.place()}"
                + ("煤改电配套电网工程" if c.kind == "township" else "老旧小区综合整治工程"),
            )
        )
    else:
        project = c.pick(
            (
                f"延庆区{c.work()}项目",
                f"{c.pick(c.places)}改造提升工程",
                "妫水河世园段水环境治理工程",
                f"延庆新城{c.pick(_ROADS)}道路工程",
                "延庆区医院新院区建设工程",
                f"{c.pick(c.places)}基础设施配套工程",
            )
        )
    stage = c.pick(
        (
            "批准结果信息",
            "招标投标信息",
            "征收土地信息",
            "施工有关信息",
            "质量安全监督信息",
            "竣工验收信息",
            "重大设计变更信息",
        )
    )
    title = f"{project}{stage}"
    invest = c.rng.uniform(300, 90000)
    rows = [
        ["项目名称", project],
        [
            "建设单位",
            c.name
            if c.chance(0.5)
            else f"北京市延庆区{c.pick(('城市建设投资', '水务投资', '交通投资'))}有限公司",
        ],
        ["建设地点", c.place() if c.local else c.pick(_PROJECT_SITES)],
        ["总投资", f"{invest:.1f}万元"],
        ["批准文号", f"延{c.pick(('发改', '规自', '住建'))}〔{c.year}〕{c.n}号"],
        ["批准日期", c.date(5, 90)],
    ]
    blocks = [
        _p(f"{project}是{c.pick(_PROJECT_KINDS)}，主要建设内容包括{c.pick(_PROJECT_CONTENTS)}。"),
        _table(["项目", "内容"], rows),
        _p(
            f"根据重大建设项目领域信息公开有关要求，现将该项目{stage}予以公开。"
            f"{c.pick(_PROJECT_RULES)}。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, "城乡建设、环境保护"


def _col_civil_service(c: _Ctx) -> _Out:
    year = c.year
    what = c.pick(
        (
            "公开招聘事业单位工作人员公告",
            "公开招聘事业单位工作人员拟聘用人员公示",
            "考试录用公务员拟录用人员公示",
            "公开招聘工作人员资格复审通知",
            "公开招聘面试成绩公示",
            "公开选调公务员公告",
            "公开招聘工作人员体检通知",
            "招聘社区工作者公告" if c.local else "公开遴选公务员公告",
        )
    )
    title = f"延庆区{year}年{what}" if c.kind == "district" else f"{c.short}{year}年{what}"
    posts = c.rng.randint(2, 30)
    rows = [
        [
            f"{year}{c.rng.randint(10000, 99999)}",
            f"{c.pick(_SURNAMES)}某",
            c.pick(("综合管理岗", "专业技术岗", "财务会计岗", "执法岗", "信息化岗")),
            c.pick(("本科", "硕士研究生", "本科")),
        ]
        for _ in range(c.rng.randint(2, 5))
    ]
    blocks = [
        _p(
            f"根据《事业单位人事管理条例》和公务员录用有关规定，经研究，{c.short}{year}年"
            f"计划招聘（录用）工作人员{posts}名。现将有关事项公告如下。"
        ),
        _h3("一、招聘原则"),
        _p(
            "坚持德才兼备的用人标准，贯彻公开、平等、竞争、择优的原则，按照公开报名、资格审查、"
            "考试、体检、考察、公示、聘用的程序进行。"
        ),
        _h3("二、有关名单"),
        _table(["准考证号", "姓名", "岗位", "学历"], rows),
        _p(
            f"报名时间以本公告发布之日起计算，资格审查于{c.date(0, 5)}前完成。"
            "公示期为5个工作日，如有异议，可实名向区人力资源和社会保障局反映。"
        ),
        _p(_fmt(c, c.pick(_CONTACT))),
    ]
    return title, "", blocks, "劳动、人事、监察"


# News of departments, towns and streets: (title, lead) template pairs sharing their slots.
_NEWS = (
    (
        "{unit}到{place}{inspect}{work}工作",
        "{day}，{unit}主要负责同志带队到{place}{inspect}{work}工作，实地查看{detail}，听取情况汇报。",
    ),
    (
        "{unit}赴{place}{inspect}{work}情况",
        "{day}，{unit}相关负责同志赴{place}{inspect}{work}情况，与基层干部群众深入交流。",
    ),
    (
        "{unit}在{place}召开{work}{meeting}",
        "{day}，{unit}在{place}召开{work}{meeting}，{who}参加会议。",
    ),
    (
        "{unit}召开{year}年{work}{meeting}",
        "{day}，{unit}召开{year}年{work}{meeting}，总结前期工作，部署下一阶段重点任务，{who}参加。",
    ),
    (
        "{unit}{verb}{work}{aspect}",
        "今年以来，{unit}{verb}{work}，围绕重点环节细化措施、压实责任，工作取得积极进展。",
    ),
    (
        "{place}{work}{outcome}",
        "近日，在{unit}的指导推动下，{place}{work}{outcome}，得到辖区群众广泛认可。",
    ),
    (
        "{unit}开展{season}{work}{activity}",
        "{day}起，{unit}开展{season}{work}{activity}，行动为期{k}天，重点覆盖{place}等区域。",
    ),
    (
        "{unit}{num}项举措{verb}{work}",
        "为推动{work}落地见效，{unit}从{num}个方面入手，{verb}{work}，确保各项任务按期完成。",
    ),
    (
        "{unit}在{place}为{group}开展{work}{service}",
        "{day}，{unit}走进{place}，为{group}开展{work}{service}，现场解答咨询{k}人次。",
    ),
    (
        "{unit}组织{trainees}开展{work}{training}",
        "{day}，{unit}组织开展{work}{training}，{k}余名{trainees}参加。",
    ),
    (
        "{unit}推进{work}：{place}{outcome}",
        "{day}，记者从{unit}获悉，{place}{work}{outcome}，相关做法将在全区推广。",
    ),
    (
        "{season}{work}：{unit}在{place}开展{activity}",
        "{day}，{unit}在{place}开展{season}{work}{activity}，{who}参加。",
    ),
    (
        "{unit}联合{partner}开展{work}{activity}",
        "{day}，{unit}联合{partner}在{place}开展{work}{activity}，形成工作合力。",
    ),
    (
        "{unit}{work}工作简报（{year}年第{n}期）",
        "本期简报主要反映{unit}近期{work}工作情况。{day}，{unit}在{place}推进相关工作。",
    ),
)
_NEWS_SLOTS: dict[str, tuple[str, ...]] = {
    "inspect": _w("检查 调研 督导 暗访 指导 走访"),
    "meeting": _w(
        "工作推进会 工作部署会 专题会 调度会 总结会 座谈会 现场会 联席会议 培训会 约谈会"
    ),
    "detail": _w(
        "现场设施和工作台账 项目进度和安全措施 群众诉求办理情况 制度落实和档案资料 "
        "问题整改和长效机制"
    ),
    "outcome": _w("取得阶段性成效 见实效 迈出新步伐 亮点纷呈 获群众点赞 成效初显 顺利通过验收"),
    "season": _w("春季 夏季 汛期 节前 “五一”期间 国庆期间 冬季 年末 暑期"),
    "activity": _w("专项检查 集中宣传 应急演练 隐患大排查 联合执法 志愿服务 入户走访 专项整治"),
    "service": _w("政策宣讲 上门服务 咨询服务 专题讲座"),
    "training": _w("专题培训 业务培训班 知识竞赛 技能比武 案例研讨"),
    "trainees": _w("干部职工 业务骨干 基层工作人员 村（社区）干部 企业负责人"),
    "partner": _w(
        "区市场监管局 延庆公安分局 区城管执法局 区应急局 区卫生健康委 区生态环境局 属地乡镇 "
        "区消防救援支队"
    ),
    "num": _w("三 四 五 六 七 八"),
    "aspect": ("", "工作", "取得实效", "见成效", "提质增效", "再上新台阶"),
    "who": (
        "单位主要负责同志及相关科室负责人",
        "班子成员及各科室负责人",
        "各村（社区）党组织书记",
        "相关部门和属地乡镇负责人",
    ),
}
_WORK_TAILS = (
    "提升行动",
    "规范化建设",
    "专项行动",
    "“回头看”",
    "示范创建",
    "三年行动",
    "专项整治",
    "集中攻坚",
    "“百日行动”",
    "标准化建设",
)
_TOWN_NAMES = _w(
    "延庆镇 康庄镇 八达岭镇 永宁镇 旧县镇 张山营镇 四海镇 千家店镇 沈家营镇 大榆树镇 "
    "井庄镇 大庄科乡 刘斌堡乡 香营乡 珍珠泉乡 儒林街道 百泉街道 香水园街道"
)


def _col_news(c: _Ctx) -> _Out:
    if c.kind == "district":
        return _district_news(c)
    work = c.work()
    if c.chance(0.4) and work not in _era_works(c.when):
        work += c.pick(_WORK_TAILS)
    places = c.places if c.local else (*c.places, *_TOWN_NAMES)
    place = c.pick(places)
    slots = {key: c.pick(pool) for key, pool in _NEWS_SLOTS.items()}
    slots["group"] = c.pick(_AUDIENCES.get(c.field.name, _PUBLIC))
    if slots["partner"] == c.short:
        slots["partner"] = "属地乡镇"
    slots.update(
        unit=c.short,
        work=work,
        place=place,
        verb=c.pick(_VERBS),
        year=str(c.year),
        n=str(c.batch),
        day=c.date(0, 7),
        k=str(c.rng.randint(3, 60)),
    )
    title_t, lead_t = c.pick(_NEWS)
    title = title_t.format(**slots)
    blocks = [_p(lead_t.format(**slots))]
    base = work.removesuffix(next((t for t in _WORK_TAILS if work.endswith(t)), ""))
    blocks += _progress_body(c, base, f"{c.short}扎实推进{base}各项工作。")[1:]
    if c.chance(0.35):
        blocks.insert(
            1,
            _p(
                f"{c.pick(('会上', '检查中', '活动中', '调研中'))}，{c.short}负责同志指出，{base}是"
                f"{c.pick(_WORK_ROLES)}，"
                f"要{c.pick(_WORK_DEMANDS)}。"
            ),
        )
    return title, "", blocks, _topic_of_policy(c, base)


_VERBS = _w(
    "扎实推进 全力推进 持续深化 稳步推进 高标准推进 抓实抓细 统筹推进 加快推进 "
    "全面落实 多措并举做好 精心组织 着力提升"
)


_PLAN_KINDS = _w("工作方案 实施意见 三年行动计划 考核办法 实施细则 工作要点 任务清单")
_DISTRICT_AGENDA = _w(
    "世园会服务保障工作方案 冬奥会延庆赛区环境整治计划 妫水河综合治理实施方案 "
    "农村人居环境整治三年行动方案 生活垃圾分类工作方案 接诉即办工作考核办法 "
    "优化营商环境实施方案 民生实事项目安排 森林防火工作预案 防汛工作预案 "
    "低收入农户帮扶实施意见 老旧小区综合整治计划 公共文化服务体系建设方案 "
    "平原造林养护管理办法 安全生产专项整治方案 重点项目投资计划"
)


_EXPO_NOTE = (
    "2019年中国北京世界园艺博览会将在延庆妫水河畔举办，这是我区展示生态文明建设成果、"
    "推动绿色发展的重要机遇。",
    "2019年中国北京世界园艺博览会在延庆妫水河畔举办，园区是我区展示生态文明建设成果的重要窗口。",
)
_OLYMPICS_NOTE = (
    "延庆赛区位于小海坨山区域，规划建设国家高山滑雪中心、国家雪车雪橇中心和延庆冬奥村等场馆设施。",
    "2022年北京冬奥会延庆赛区位于小海坨山区域，建有国家高山滑雪中心、国家雪车雪橇中心和"
    "延庆冬奥村等场馆设施。",
)


_DISTRICT_PLACES = _w(
    "世园会园区 延庆赛区 妫水河 官厅水库 八达岭长城 京张高铁延庆站 百里山水画廊 "
    "延庆经济开发区 中关村延庆园 延庆新城 野鸭湖湿地 松山 龙庆峡 永宁古城"
)
_EXPO_ASPECTS = (
    _w("园区建设 周边环境整治 交通保障 配套设施建设 志愿者招募 宣传推介 住宿餐饮保障 安全保障"),
    _w("园区运行 交通疏导 食品安全 志愿服务 游客服务 安保维稳 医疗保障 城市运行"),
    _w("园区后续利用 场馆运营 展园保护 生态成果转化 园艺产业发展 文旅融合"),
)
_OLYMPIC_ASPECTS = (
    _w("申办宣传 场馆规划 生态保护 冰雪运动推广"),
    _w("场馆建设 赛区交通 测试赛保障 志愿者培训 赛区周边环境提升 医疗保障 气象服务 安保维稳"),
    _w("赛时城市运行 闭环管理 交通保障 志愿服务 医疗保障 赛区环境保障"),
    _w("场馆赛后利用 冰雪产业发展 冬奥遗产保护 冰雪运动普及 群众冰雪活动"),
)
_OUTCOMES = _w("取得阶段性成效 稳步推进 成效明显 迈出新步伐 跑出加速度")


def _expo_aspects(when: datetime.date) -> tuple[str, ...]:
    if when < datetime.date(2019, 4, 29):
        return _EXPO_ASPECTS[0]
    if when <= datetime.date(2019, 10, 9):
        return _EXPO_ASPECTS[1]
    return _EXPO_ASPECTS[2]


def _olympic_aspects(when: datetime.date) -> tuple[str, ...]:
    if when < datetime.date(2015, 7, 31):
        return _OLYMPIC_ASPECTS[0]
    if when < datetime.date(2022, 2, 4):
        return _OLYMPIC_ASPECTS[1]
    if when <= datetime.date(2022, 3, 13):
        return _OLYMPIC_ASPECTS[2]
    return _OLYMPIC_ASPECTS[3]


def _district_news(c: _Ctx) -> _Out:
    work = c.work()
    place = c.pick((*_DISTRICT_PLACES, *_TOWN_NAMES))
    kind = (0, 1, 1, 2, 3, 4, 5, 5, 5, 5)[c.rng.randrange(10)]
    agenda = c.sample(_DISTRICT_AGENDA, 3)
    verb = c.pick(_VERBS)
    if kind == 0:
        meeting = c.when.timetuple().tm_yday // 9 + 1
        title = f"区政府召开第{meeting}次常务会议"
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府召开第{meeting}次常务会议，"
                "传达学习市委、市政府有关会议精神，"
                f"研究{'、'.join(agenda)}等事项。"
            ),
            _p(f"会议审议了《延庆区{agenda[0]}》，指出要聚焦{work}，细化任务分工，确保措施落地。"),
            _p(f"会议研究了{agenda[1]}，要求各部门强化协同配合，{c.pick(_TASK_TAILS)}。"),
            _p(
                f"会议还研究了{agenda[2]}等事项。区政府领导班子成员出席会议，"
                "有关部门主要负责同志列席会议。"
            ),
        ]
    elif kind == 1:
        focus = c.pick(_VISIT_FOCUS)
        title = c.pick(
            (
                f"区领导到{place}调研{work}工作",
                f"区政府主要领导检查{place}{work}工作",
                f"区领导调研督导{place}{work}",
                f"区领导到{place}现场办公 协调解决{work}难题",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府主要领导带队深入{place}，实地调研{work}推进情况，"
                "现场协调解决有关问题。"
            ),
            _p(f"在{place}，调研组详细了解了{focus}，要求有关单位{c.pick(_TASK_TAILS)}。"),
            _p(
                f"区领导强调，{work}事关全区发展大局，各部门、各乡镇要坚持高标准、严要求，"
                "以钉钉子精神抓好落实。"
            ),
        ]
    elif kind in (2, 3):
        if (kind == 2 and c.when.year <= 2020) or c.when < datetime.date(2015, 1, 1):
            event, aspect = _expo(c.when), c.pick(_expo_aspects(c.when))
            note = _EXPO_NOTE[0 if c.when < datetime.date(2019, 4, 29) else 1]
        else:
            event, aspect = _olympics(c.when), c.pick(_olympic_aspects(c.when))
            note = _OLYMPICS_NOTE[0 if c.when < datetime.date(2021, 1, 1) else 1]
        title = c.pick(
            (
                f"我区召开{event}{aspect}工作调度会",
                f"区领导检查{place}{event}{aspect}工作",
                f"延庆区{verb}{event}{aspect}",
                f"{place}{event}{aspect}工作{c.pick(_OUTCOMES)}",
                f"区政府专题研究{event}{aspect}工作",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 6)}，区政府召开{event}{aspect}专题会议，通报前期工作进展，"
                "部署下阶段重点任务。"
            ),
            _p(note),
            _p(
                f"会议要求，围绕{aspect}，{c.pick(_WORK_DEMANDS)}，统筹推进{work}，"
                "展示生态涵养区良好形象。"
            ),
        ]
    elif kind == 4:
        topic = f"{work}{c.pick(_PLAN_KINDS)}" if c.chance(0.7) else agenda[0]
        title = c.pick(
            (
                f"区政府召开专题会研究{topic}",
                f"区政府专题会议研究{topic}",
                f"区政府召开会议审议{topic}",
            )
        )
        agenda = [topic, *agenda[1:]]
        blocks = [
            _p(f"{c.date(0, 6)}，区政府召开专题会，研究{agenda[0]}有关工作。"),
            _p(
                f"会议听取了牵头部门关于{agenda[0]}起草情况的汇报，"
                f"与会同志结合{work}等工作提出了意见建议。"
            ),
            _p(f"会议要求，牵头部门要进一步修改完善，{c.pick(_TASK_TAILS)}。"),
        ]
    else:
        title = c.pick(
            (
                f"延庆区{verb}{work}",
                f"延庆区{work}现场推进会在{place}召开",
                f"延庆区召开{c.year}年{work}动员部署会",
                f"{work}专项行动在全区启动",
                f"我区{work}{c.pick(_OUTCOMES)}",
                f"{place}：{work}{c.pick(_OUTCOMES)}",
            )
        )
        blocks = _progress_body(c, work, "全区上下统一思想、压实责任，推动工作取得实效。")
    if len(blocks) < 4:
        blocks.append(_p(_fmt(c, c.pick(_NEXT), unit="全区各级各部门", work=work)))
    return title, "", blocks, "综合政务"


def _quoted(title: str) -> str:
    """《title》, with 《》 inside the title turned into 〈〉."""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


_BACKGROUNDS = (
    "近年来，随着{work}工作不断深入，原有做法已难以适应新形势新要求。为贯彻落实《{law}》"
    "和本市有关部署，{unit}在深入调研、广泛征求意见的基础上，起草了{ref}。",
    "{work}事关群众切身利益。为解决实际工作中标准不统一、流程不规范等问题，{unit}在总结"
    "{place}等地试点经验的基础上起草了{ref}，经合法性审查和集体讨论后印发。",
    "根据《{law}》等规定，结合本区{work}工作实际，{unit}会同有关部门起草了{ref}，"
    "起草过程中通过政府网站公开征求意见{k}条，吸收采纳合理意见{m2}条。",
)


def _interpret_blocks(
    c: _Ctx,
    title: str,
    doc: str,
    unit_name: str,
    subject: str | None = None,
    field: _Field | None = None,
) -> list[str]:
    work = subject or c.work()
    f = field or _field_for(unit_name, work) or _key_field(work) or c.field
    quoted = _quoted(title)
    ref = f"{quoted}（{doc}）" if doc else quoted
    k = c.rng.randint(8, 40)
    points = c.sample(
        (
            f"明确了{work}的适用对象和认定条件",
            "规范了申请、受理、审核、公示和决定的办理流程",
            "细化了各部门、各乡镇（街道）的职责分工",
            "规定了资金保障和监督管理措施",
            "建立了动态调整和绩效评价机制",
            "明确了违规行为的责任追究",
            "压缩了办理时限，精简了申请材料",
            f"将{c.pick(f.works)}纳入支持范围",
            f"衔接了{c.pick(f.works)}的相关要求",
        ),
        c.rng.randint(3, 5),
    )
    background = c.pick(_BACKGROUNDS).format(
        work=work,
        law=c.pick(f.laws or _GENERIC.laws),
        unit=unit_name,
        ref=quoted,
        place=c.place(),
        k=k,
        m2=c.rng.randint(1, k),
    )
    return [
        _p(f"{unit_name}制定印发了{ref}。为便于社会公众理解和执行，现就有关内容解读如下。"),
        _h3("一、起草背景"),
        _p(background),
        _h3("二、主要内容"),
        _p(f"{quoted}共{_cn_num(c.rng.randint(8, 30))}条，主要内容包括："),
        _list(points),
        _h3("三、适用范围"),
        _p(f"{ref}适用于{c.scope}内{work}相关工作，{_implementers(c)}按照职责分工组织实施。"),
        _h3("四、施行时间"),
        _p(f"{ref}自印发之日起施行。解读机关：{unit_name}；解读日期：{_cn_date(c.when)}。"),
    ]


def _implementers(c: _Ctx) -> str:
    if c.kind == "township":
        return "各村民委员会和镇属各单位"
    if c.kind == "street":
        return "各社区居民委员会和街道各科室"
    return "各乡镇人民政府、街道办事处和区有关部门"


def _col_interpretations(c: _Ctx) -> _Out:
    policy, subject, f = _normative_title(c)
    doc = _doc_number(c)
    title = _interpretation_title(policy, c.rng)
    return (
        title,
        "",
        _interpret_blocks(c, policy, doc, c.name, subject, f),
        f.topic if c.kind == "district" else _topic_of_policy(c, subject),
    )


def _interpretation_title(policy: str, rng: random.Random) -> str:
    if rng.random() < 0.7:
        return f"{_quoted(policy)}政策解读"
    return f"关于{_quoted(policy)}的解读"


_KEY_INTROS = (
    "{subject}是政府信息公开的重点领域。{unit}按照重点领域信息公开要求，及时公开{subject}"
    "相关政策文件、办理结果和{item}等信息，主动接受社会监督。",
    "{subject}事关群众切身利益。今年以来，{unit}把{item}作为{subject}的重要抓手，"
    "坚持公开透明、规范办理。",
    "根据{year}年政务公开工作要点，{unit}细化{subject}领域公开事项清单，"
    "将{item}等{k}类信息纳入主动公开范围。",
    "围绕{subject}，{unit}在{place}等地开展调查摸底，梳理出{item}等方面的问题{k}个，"
    "逐项明确整改措施。",
    "为回应社会关切，{unit}将{subject}相关的{item}情况向社会公开，接受群众监督。",
)
_KEY_QUESTIONS = (
    (
        "{subject}的办理流程是怎样的？",
        "申请人向所在村（社区）或{unit}提出申请，经受理、审核、公示后作出决定，"
        "全流程一般不超过{k}个工作日。",
    ),
    (
        "哪些对象可以享受{subject}相关政策？",
        "符合本区{subject}有关规定条件的居民、企业和组织均可申请，具体条件以{unit}公布的办事指南为准。",
    ),
    (
        "{item}有哪些新变化？",
        "{year}年起，{item}进一步精简了申请材料，申请人可通过北京市政务服务网在线办理。",
    ),
    (
        "办理{subject}相关事项需要交费吗？",
        "不需要。{unit}办理{subject}相关事项不收取任何费用，如遇乱收费可拨打010-69{tel}举报。",
    ),
    (
        "对{subject}工作有意见建议如何反映？",
        "可通过12345市民服务热线、{unit}门户网站或书面信函反映，{unit}将在{k}个工作日内予以回复。",
    ),
)


def _col_key(c: _Ctx) -> _Out:
    subject = c.subject or "重点领域信息公开"
    f = _key_field(subject)
    sub = f.works if f is not None else (*c.works(), f"{subject}政策落实", f"{subject}信息公开")
    item = c.pick(sub)
    where = c.place()
    year = c.year
    slots = _vals(c, subject=subject, item=item, place=where, year=str(year), unit=c.short)
    intro = _p(c.pick(_KEY_INTROS).format(**slots))
    shape = c.rng.randrange(5)
    doc = ""
    if shape == 0:
        title = c.pick(
            (
                f"{c.short}{year}年{subject}工作情况",
                f"{c.short}扎实推进{subject}工作",
                f"{c.short}{subject}工作：{c.pick(_VERBS)}{item}",
                f"{where}{item}取得新进展",
                f"{where}{subject}工作取得新进展",
                f"{c.short}{subject}工作进展（第{c.batch}期）",
                f"{c.short}{year}年上半年{subject}工作总结"
                if c.when.month >= 7
                else f"{c.short}{year - 1}年{subject}工作总结",
            )
        )
        blocks = _progress_body(c, subject, f"{c.short}围绕{item}持续发力。")
        blocks.insert(1, intro)
    elif shape == 1:
        title = c.pick(
            (
                f"{c.short}关于{subject}相关信息的公示",
                f"{where}{item}情况公示",
                f"{c.short}{year}年{item}结果公示（第{c.batch}批）",
            )
        )
        rows = [
            [
                c.pick(c.places) if c.local else c.place(),
                item,
                c.pick(("已完成", "推进中", "已审核通过")),
                c.date(1, 60),
            ]
            for _ in range(c.rng.randint(3, 5))
        ]
        blocks = [
            intro,
            _p(f"现将{subject}领域{item}有关情况公示如下："),
            _table(["所在地（单位）", "事项", "办理情况", "办理日期"], rows),
            _p(
                f"公示期为5个工作日。对公示内容有异议的，请在公示期内向{c.short}反映，"
                f"联系电话010-69{slots['tel']}。"
            ),
        ]
    elif shape == 2:
        title = f"关于做好{year}年{subject}工作的通知"
        doc = _doc_number(c, office=c.chance(0.5))
        blocks = [
            _p(_recipients(c)),
            intro,
            _p(f"为做好{year}年{subject}工作，现就有关事项通知如下："),
            _list([f"抓好{x}，{c.pick(_TASK_TAILS)}" for x in c.sample(sub, 3)]),
            _p("".join(_measures(c, subject, 2))),
            _p(f"{c.name}　{_cn_date(c.when)}"),
        ]
    elif shape == 3:
        title = c.pick(
            (f"{subject}政策问答", f"{c.short}{subject}相关政策问答", f"{subject}领域常见问题解答")
        )
        qas = c.sample(_KEY_QUESTIONS, 3)
        blocks = [intro]
        for q, a in qas:
            blocks.append(_p(f"<strong>问：{q.format(**slots)}</strong>"))
            blocks.append(_p(f"答：{a.format(**slots)}"))
    else:
        title = c.pick(
            (
                f"{c.short}开展{subject}专项检查",
                f"{c.short}到{where}督导检查{subject}工作",
                f"{c.short}到{where}检查{item}情况",
                f"{subject}领域信息公开：{item}",
            )
        )
        blocks = [
            _p(
                f"{c.date(0, 7)}，{c.short}组织检查组到{where}，对{subject}工作开展专项检查，"
                f"重点检查{item}落实情况。"
            ),
            intro,
            _p("".join(_measures(c, subject, 2))),
            _p(_fmt(c, c.pick(_RESULTS), work=subject)),
        ]
    if c.chance(0.3) and shape in (0, 4):
        blocks.insert(
            2,
            _table(
                ["事项", "完成情况"],
                [[x, f"已完成{c.rng.randint(40, 100)}%"] for x in c.sample(sub, 3)],
            ),
        )
    topic = f.topic if f is not None else _topic_of_policy(c, subject)
    return title, doc, blocks, topic


_COLUMNS = {
    "system": _col_system,
    "functions": _col_functions,
    "regulations": _col_regulations,
    "normative": _col_normative,
    "other-documents": _col_other,
    "plans": _col_plans,
    "statistics": _col_statistics,
    "budget": _col_budget,
    "permits": _col_permits,
    "penalties": _col_penalties,
    "fees": _col_fees,
    "procurement": _col_procurement,
    "projects": _col_projects,
    "civil-service": _col_civil_service,
    "interpretations": _col_interpretations,
    "news": _col_news,
}


# --------------------------------------------------------------------------------------------
# Finishing: keep titles and bodies within their bounds.

_FILLERS = (
    "{unit}坚持把{work}作为服务群众的重要内容，定期研究、专题部署，推动工作常态长效。",
    "在推进过程中，{unit}注重听取基层和群众意见，及时回应社会关切，相关信息均通过政府网站公开。",
    "各相关单位要严格落实工作责任，加强协调配合，确保{work}各项措施落到实处、取得实效。",
)


def _finish_title(title: str) -> str:
    title = title.strip().rstrip(_TRAILING)
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rstrip(_TRAILING)
    return title


def _finish_body(c: _Ctx, blocks: list[str]) -> str:
    def paragraphs() -> int:
        return sum(1 for b in blocks if b.startswith("<p>"))

    # too many paragraphs: merge the surplus in the middle
    while paragraphs() > 8:
        idx = [i for i, b in enumerate(blocks) if b.startswith("<p>")]
        a, b = idx[-3], idx[-2]
        blocks[a] = blocks[a][:-4] + blocks[b][3:]
        del blocks[b]
    while paragraphs() < 3 or _cjk("".join(blocks)) < 150:
        filler = _fmt(c, c.pick(_FILLERS))
        if paragraphs() < 8:
            blocks.append(_p(filler))
        else:
            last = max(i for i, b in enumerate(blocks) if b.startswith("<p>"))
            blocks[last] = blocks[last][:-4] + filler + "</p>"
    while _cjk("".join(blocks)) > 1500 and paragraphs() > 3:
        idx = [i for i, b in enumerate(blocks) if b.startswith("<p>")]
        del blocks[idx[len(idx) // 2]]
    return "".join(blocks)


def generate(
    *,
    column: str,
    unit_name: str,
    unit_short: str,
    unit_kind: str,
    when: datetime.date,
    serial: int,
    rng: random.Random,
    subject: str | None = None,
) -> Generated:
    """One item of ``column`` published by the unit on ``when``."""
    c = _Ctx(
        column=column,
        unit_name=unit_name,
        unit_short=unit_short,
        unit_kind=unit_kind,
        when=when,
        serial=serial,
        rng=rng,
        subject=subject,
    )
    if column.startswith("key") or (subject and column not in _COLUMNS):
        if not c.subject:
            c.subject = "重点领域信息公开"
        title, doc, blocks, topic = _col_key(c)
    else:
        title, doc, blocks, topic = _COLUMNS.get(column, _col_news)(c)
    if topic not in TOPICS:
        topic = "其他"
    return Generated(
        title=_finish_title(title), doc_number=doc, body=_finish_body(c, blocks), topic=topic
    )


def interpretation(
    *,
    policy_title: str,
    policy_doc_number: str,
    unit_name: str,
    when: datetime.date,
    rng: random.Random,
) -> Generated:
    """The 政策解读 of a policy the unit drafted."""
    core = unit_name.removeprefix("北京市延庆区").removeprefix("北京市")
    short = ("区" + core if core and _kind_of(unit_name) == "department" else core) or unit_name
    c = _Ctx(
        column="interpretations",
        unit_name=unit_name,
        unit_short=short,
        unit_kind=_kind_of(unit_name),
        when=when,
        serial=1,
        rng=rng,
        subject=None,
    )
    policy = policy_title.strip()
    if policy.startswith("《") and policy.endswith("》"):
        policy = policy[1:-1]
    subject = _subject_of_policy(policy)
    title = _interpretation_title(policy, rng)
    blocks = _interpret_blocks(c, policy, policy_doc_number.strip(), unit_name, subject)
    return Generated(
        title=_finish_title(title),
        doc_number="",
        body=_finish_body(c, blocks),
        topic=_topic_of_policy(c, policy),
    )


def _kind_of(unit_name: str) -> str:
    if unit_name.endswith("区人民政府"):
        return "district"
    if unit_name.endswith(("镇人民政府", "乡人民政府")):
        return "township"
    if unit_name.endswith(("街道办事处", "街道")):
        return "street"
    return "department"


def _subject_of_policy(policy: str) -> str | None:
    """The subject inside a policy title: 北京市延庆区〈X〉管理办法 → X."""
    core = policy
    if "《" in core and "》" in core:
        core = core[core.index("《") + 1 : core.rindex("》")]
    for head in ("北京市延庆区人民政府", "北京市延庆区", "延庆区"):
        core = core.removeprefix(head)
    if "关于" in core:
        core = core.split("关于", 1)[1]
    tails = ("若干措施", "实施方案", "工作方案", "行动计划", "的通知", "的实施意见", "的意见")
    for tail in (*tails, *_NORMATIVE_SUFFIXES, "办法", "规定", "细则"):
        core = core.removesuffix(tail)
    core = core.removeprefix("印发")
    return core or None
