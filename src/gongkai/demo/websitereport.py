"""The demo district's 2019 政府网站工作年度报表 and the responses it counts. The seed's report
names its responses to the 龙庆峡景区落石事件 (two 通报 on the official 微博 “北京延庆”, one
reposted on its 微信, then the investigation's result on both) and its 38 key-area sub-columns;
the visits, services, security and new-media figures are not in the seed and are the demo's own
(docs/demo.md, docs/website-return.md). The return is generated from the demo's records and
published, as it was due by 31 January 2020."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.websitereport import services

YEAR = 2019
CONCERN = "龙庆峡景区落石事件"
RESPONSES = (
    (dt.date(2019, 8, 11), "weibo", "官方微博“北京延庆”发布龙庆峡景区落石事件情况通报"),
    (dt.date(2019, 8, 11), "wechat", "官方微信“北京延庆”转载龙庆峡景区落石事件情况通报"),
    (dt.date(2019, 8, 12), "weibo", "官方微博“北京延庆”发布龙庆峡景区落石事件处置进展通报"),
    (dt.date(2019, 9, 20), "weibo", "官方微博“北京延庆”发布龙庆峡景区落石事件调查结果通报"),
    (dt.date(2019, 9, 20), "wechat", "官方微信“北京延庆”发布龙庆峡景区落石事件调查结果通报"),
)
ENTERED = {
    "site_name": "北京延庆",
    "site_url": "http://www.bjyq.gov.cn",
    "sponsor": "北京市延庆区人民政府办公室",
    "site_kind": "政府门户网站",
    "site_code": "1101190001",
    "icp": "京ICP备05012345号",
    "police": "京公网安备11011902000001号",
    "visitors": "1286540",
    "visits": "5893217",
    "topics_kept": "38",
    "topics_new": "38",
    "interp_media": "6",
    "service_catalog": "是",
    "service_users": "12",
    "service_items": "1563",
    "service_online": "1102",
    "service_cases": "48213",
    "service_cases_people": "39870",
    "service_cases_bodies": "8343",
    "unified_platform": "是",
    "interviews": "4",
    "interview_messages": "186",
    "interview_answers": "172",
    "smart_qa": "否",
    "security_checks": "12",
    "security_found": "9",
    "security_fixed": "9",
    "security_monitoring": "是",
    "security_drills": "是",
    "security_owner": "是",
    "media": "是",
    "weibo_name": "北京延庆",
    "weibo_posts": "3650",
    "weibo_followers": "412000",
    "wechat_name": "北京延庆",
    "wechat_posts": "1820",
    "wechat_followers": "156000",
    "innovation": "设立世园、交通、旅游、食宿等便民信息库，24小时在线互动；提供无障碍浏览。",
    "head": "区政府办公室主任",
    "reviewer": "区政府办公室副主任",
    "filler": "区政务公开办工作人员",
    "phone": "010-69101234",
    "filled_on": "2020-01-20",
}


@transaction.atomic
def build_website_return(progress: Callable[[str], None]) -> list[str]:
    office = get_user_model().objects.get(username="office")
    for day, channel, text in RESPONSES:
        services.response_record(
            actor=office,
            data={
                "responded_on": day,
                "concern": CONCERN,
                "response": text,
                "channel": channel,
                "link": "",
            },
        )
    ret = services.return_create(actor=office, year=YEAR)
    services.return_update(actor=office, ret=ret, entered=ENTERED)
    services.return_publish(actor=office, ret=ret)
    figures = services.values(services.build(ret))
    progress(f"{YEAR}年度政府网站工作年度报表已发布")
    return [
        f"{YEAR}年度政府网站工作年度报表：信息发布{figures['info_total']}条，"
        f"解读信息{figures['interp_total']}条（解读产品{figures['interp_products']}个），"
        f"回应关注{figures['responses']}次，收到留言{figures['messages_received']}条"
    ]
