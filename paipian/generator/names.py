"""Chinese personal names for generated students and staff."""

from __future__ import annotations

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
    "尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_ONE = "伟芳娜敏静丽强磊军洋勇艳杰涛明超霞平刚桂婷浩宇轩然阳晨雪琪瑶萱怡欣悦彤"
GIVEN_TWO = (
    "子豪",
    "梓涵",
    "欣怡",
    "浩然",
    "宇轩",
    "雨桐",
    "思远",
    "若曦",
    "一诺",
    "沐阳",
    "嘉怡",
    "俊杰",
    "诗涵",
    "梦琪",
    "子睿",
    "乐瑶",
    "奕辰",
    "博文",
    "家豪",
    "芷若",
    "天佑",
    "思彤",
    "晓东",
    "海峰",
    "卫东",
    "志强",
    "春梅",
    "红梅",
    "秀英",
    "建华",
    "静怡",
    "梓萱",
    "皓宇",
    "辰逸",
    "可馨",
    "语嫣",
    "明轩",
    "佳琪",
    "晨曦",
    "雅雯",
)


def person_name(rng: random.Random) -> str:
    """A plausible Chinese name: one-character surname, one or two given."""
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.3:
        return surname + rng.choice(GIVEN_ONE)
    return surname + rng.choice(GIVEN_TWO)
