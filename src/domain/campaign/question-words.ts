/**
 * Vocabulary for understanding questions (matching only; replies come from locales/). Lower case,
 * NFKC-normalized. Notice ids are those of PRODUCT.md.
 */
export const NOTICE_WORDS: Record<string, string[]> = {
  "cleanup-day": ["卫生日", "大扫除", "清洁日", "卫生活动", "扫除日", "cleanup day", "cleaning day", "clean-up day", "cleanup", "clean-up", "clean up", "sanitation day"],
  "pest-control": ["除四害", "灭四害", "四害", "灭鼠", "消杀", "灭蚊", "灭蟑", "杀虫", "pest control", "pest-control", "pests", "pest", "extermination", "fumigation", "spraying"],
  "health-bulletin": ["卫生健康专刊", "健康专刊", "专刊", "健康简报", "health bulletin", "bulletin", "newsletter"],
  "civility-lecture": ["市民学校", "讲座", "授课", "上课", "文明课", "civility lecture", "citizen school", "lecture", "class", "talk"],
};

/** Words asking "when". */
export const WHEN = /下次|下一次|下一个|下个|什么时候|何时|哪天|哪一天|几号|几点|日期|啥时候|\bwhen\b|\bnext\b|what day|what date|what time|\bdate\b/;

/** Words asking "how much / how far". */
export const QUANTITY =
  /多少|几[个场次车处间家人份包棵株]|数量|人数|次数|总数|累计|情况|进度|进展|完成|达到|达标|是多少|怎么样|如何|how many|how much|number of|\btotal\b|\bcount\b|figure|\brate\b|progress|so far|\bstatus\b|\bamount\b|\bwhat'?s\b|\bwhat is\b|\bshow\b|\btell me\b/;

/** A sign-up or subscription request, not a question. */
export const SIGNUP = /报名|取消|退出|订阅|退订|sign me up|sign up|signup|\bjoin\b|\bcancel\b|\bregister\b|\bsubscribe\b/;

/** "How do I sign up / volunteer?": a question about signing up, not a sign-up. */
export const HOW_TO_SIGN_UP =
  /(怎么|怎样|如何|咋|在哪|哪里|哪儿|能不能|可以|可不可以).{0,6}(报名|参加|当志愿者|做志愿者|加入志愿者)|(报名|参加活动|当志愿者|做志愿者|志愿者).{0,4}(怎么|怎样|如何|咋|流程|方法|方式)|想(当|做)志愿者|\b(how|where|can i|could i)\b.{0,20}\b(sign up|join|volunteers?|register|take part)\b/;

/** A question about the whole campaign. */
export const OVERVIEW = /进度|进展|创文|文明城市|创城|指标|目标|完成情况|总体|\bprogress\b|\bcampaign\b|\btargets?\b|overview|how are we doing|civili[sz]ed[- ]city/;

/** Time words → the period asked about; checked in this order. */
export const PERIODS: [RegExp, "last-month" | "this-month" | "this-week" | "this-year"][] = [
  [/上个月|上月|last month|previous month/, "last-month"],
  [/本月|这个月|这月|当月|this month/, "this-month"],
  [/本周|这周|这个星期|这星期|本星期|这个礼拜|this week/, "this-week"],
  [/今年|本年|年内|this year|year to date|\bytd\b/, "this-year"],
];

/** A yes/no question about reaching a target: "知晓率达标了吗", "did we reach the awareness target?". */
export const YES_NO =
  /(达标|达到目标|完成目标|到目标|完成任务|够数|够)了?(吗|么|没有|没)|有没有(达标|达到|完成)|是否(达标|达到|完成)|达标没|达没达标|\b(did|have|has|is|are|was|were|do|does)\b.*\b(reach|reached|meet|met|hit|achieve|achieved|make|made|on target|on track)\b/;

/** A greeting and nothing else (the text without spaces and punctuation). */
export const GREETING =
  /^(你好|您好|你们好|大家好|嗨|哈喽|哈啰|早|早上好|上午好|中午好|下午好|晚上好|早安|在吗|在不在|hello|hi|hey|hiya|howdy|yo|greetings|goodmorning|goodafternoon|goodevening|hithere|hellothere|heythere|hibot|hellobot)(啊|呀|哦|哇|你好|您好)?$/;

/** Thanks and nothing else. */
export const THANKS = /^(谢谢|谢谢你|谢谢您|多谢|感谢|辛苦了|thanks|thankyou|thx|ty|cheers|thanksalot|thankyousomuch|manythanks)(啦|了|哈)?$/;

/** English words of questions worth correcting when mistyped (metric and notice words are added). */
export const QUESTION_WORDS = ["awareness", "garbage", "cleared", "target", "reached", "progress", "truckloads", "volunteers", "participants", "removed", "repaired", "distributed"];
