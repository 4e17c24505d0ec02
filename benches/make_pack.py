#!/usr/bin/env python3
"""Writes a rule pack of N extra rules (half literal phrases, half regexes)
for the pack-scaling benchmark: python3 benches/make_pack.py 500 > DIR/extra.toml"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
r = random.Random(7)
zh = "网站声明转载注明出处本站编辑推荐阅读相关新闻热点专题图片视频直播评论广告合作联系我们关于隐私政策"
en = ["subscribe", "newsletter", "advertisement", "sponsored", "cookie", "privacy", "related", "trending",
      "recommended", "comments", "login", "register", "download", "app", "follow", "us", "click", "here"]
print("# generated: %d extra rules for the pack-scaling benchmark" % n)
for i in range(n):
    code = "B%03d" % (100 + i) if i < 800 else None
    if i % 2 == 0:
        words = " ".join(r.choice(en) for _ in range(3))
        pattern = "^%s$" % words if i % 4 == 0 else "".join(r.choice(zh) for _ in range(4))
    else:
        pattern = r"^(?:%s)[:：]\s*\S{1,20}$" % "|".join("".join(r.choice(zh) for _ in range(3)) for _ in range(3))
    print('[[rule]]\ncode = "%s"\nname = "extra-%d"\nscope = "line"\npattern = \'%s\'\nmessage = "extra rule %d"\n'
          % (code, i, pattern, i))
