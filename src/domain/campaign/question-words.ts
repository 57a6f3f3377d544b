/**
 * Vocabulary for understanding questions (matching only; replies come from locales/). Lower case,
 * NFKC-normalized. Notice ids are those of PRODUCT.md.
 */
export const NOTICE_WORDS: Record<string, string[]> = {
  "cleanup-day": ["卫生日", "大扫除", "清洁日", "卫生活动", "cleanup day", "clean-up day", "cleanup", "clean-up", "clean up", "sanitation day"],
  "pest-control": ["除四害", "灭鼠", "消杀", "灭蚊", "灭蟑", "杀虫", "pest control", "pest-control", "pests", "pest"],
  "health-bulletin": ["卫生健康专刊", "健康专刊", "专刊", "健康简报", "health bulletin", "bulletin", "newsletter"],
  "civility-lecture": ["市民学校", "讲座", "授课", "上课", "文明课", "civility lecture", "citizen school", "lecture", "class"],
};

/** Words asking "when". */
export const WHEN = /下次|下一次|下一个|下个|什么时候|何时|哪天|哪一天|几号|几点|日期|啥时候|\bwhen\b|\bnext\b|what day|what date|what time|\bdate\b/;

/** Words asking "how much / how far". */
export const QUANTITY =
  /多少|几[个场次车处间家人份包棵株]|数量|人数|次数|总数|累计|情况|进度|进展|完成|达到|达标|是多少|怎么样|如何|how many|how much|number of|\btotal\b|\bcount\b|figure|\brate\b|progress|so far|\bstatus\b|\bamount\b|\bwhat'?s\b|\bwhat is\b|\bshow\b|\btell me\b/;

/** A sign-up or subscription request, not a question. */
export const SIGNUP = /报名|取消|退出|订阅|退订|sign me up|sign up|signup|\bjoin\b|\bcancel\b|\bregister\b|\bsubscribe\b/;

/** A question about the whole campaign. */
export const OVERVIEW = /进度|进展|创文|文明城市|创城|指标|目标|完成情况|总体|\bprogress\b|\bcampaign\b|\btargets?\b|overview|how are we doing|civili[sz]ed[- ]city/;

/** Time words → the period asked about; checked in this order. */
export const PERIODS: [RegExp, "last-month" | "this-month" | "this-week" | "this-year"][] = [
  [/上个月|上月|last month|previous month/, "last-month"],
  [/本月|这个月|这月|当月|this month/, "this-month"],
  [/本周|这周|这个星期|这星期|本星期|这个礼拜|this week/, "this-week"],
  [/今年|本年|年内|this year|year to date|\bytd\b/, "this-year"],
];
