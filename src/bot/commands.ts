import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Db } from "../store/schema.js";

type Described = [command: string, zh: string, en: string];

const RESIDENT: Described[] = [
  ["start", "订阅社区通知", "Subscribe to community notices"],
  ["next", "各项活动的下次时间", "Next date of every notice"],
  ["progress", "创建文明城市进度", "Civilized-city campaign progress"],
  ["my", "我的报名和参与记录", "My sign-ups and participation"],
  ["bulletins", "卫生健康专刊（往期和下一期）", "Health bulletins, past and upcoming"],
  ["home", "选择我的小区", "Choose my compound"],
  ["help", "我能做什么", "What this bot can do"],
  ["lang", "切换语言 中文/English", "Switch language 中文/English"],
  ["stop", "退订通知", "Unsubscribe"],
  ["forgetme", "删除我的全部数据", "Delete everything stored about me"],
];

const STAFF: Described[] = [
  ["record", "记录进度：指标 数量 [备注]", "Add progress: metric amount [note]"],
  ["undo", "撤销我上一条进度记录", "Take back my last progress record"],
  ["target", "修改目标：指标 目标值", "Change a target: metric value"],
  ["signups", "报名名单：活动ID", "Who signed up: notice-id"],
  ["attended", "标记到场：活动ID 用户ID…", "Mark attendance: notice-id user-id…"],
  ["party", "党员标记：用户ID on|off", "Party-member flag: user-id on|off"],
  ["broadcast", "发通知：[to=小区] [at=时间] 内容", "Notice: [to=compound] [at=time] text"],
  ["correct", "更正已发通知（回复发送总结）", "Correct a sent notice (reply to its summary)"],
  ["events", "定时通知（可取消）", "Notices waiting for their time"],
  ["move", "活动改期：ID 原日期 新日期 [时:分]", "Move a date: id from to [HH:MM]"],
  ["skip", "取消某一次活动：ID 日期 [原因]", "Cancel one date: id date [reason]"],
  ["sendnow", "立即发送活动提醒：活动ID", "Send a notice's reminder now"],
  ["bulletin", "发布卫生健康专刊：[年-月] 标题 + 正文", "Publish the health bulletin: [YYYY-MM] title + text"],
  ["stats", "订阅与发送统计", "Subscribers and deliveries"],
  ["export", "导出 CSV", "CSV export"],
  ["survey", "知晓率问卷：发送 | results | close", "Awareness survey: send | results | close"],
  ["report", "工作总结 Word 文档：[年-月 | 年]", "Work report (.docx): [YYYY-MM | YYYY]"],
];

const ADMIN: Described[] = [["staff", "管理工作人员：add|remove 用户ID", "Manage staff: add|remove user-id"]];

function list(items: Described[], lang: "zh" | "en"): BotCommand[] {
  return items.map(([command, zh, en]) => ({ command, description: lang === "zh" ? zh : en }));
}

/** The commands a user with this role sees in the menu, in one language. */
export function commandsFor(role: "admin" | "staff" | undefined, lang: "zh" | "en"): BotCommand[] {
  const items = [...RESIDENT, ...(role ? STAFF : []), ...(role === "admin" ? ADMIN : [])];
  return list(items, lang);
}

/**
 * Registers the resident commands for everyone (zh, en, and zh as the default for other languages)
 * and the staff commands in each staff member's private chat.
 */
export async function registerCommands(api: Api, db: Db): Promise<void> {
  await api.setMyCommands(commandsFor(undefined, "zh"));
  await api.setMyCommands(commandsFor(undefined, "zh"), { language_code: "zh" });
  await api.setMyCommands(commandsFor(undefined, "en"), { language_code: "en" });
  for (const id of Object.keys(db.roles)) await registerCommandsForUser(api, db, Number(id));
}

/** Refreshes one user's private-chat menu after a role change. */
export async function registerCommandsForUser(api: Api, db: Db, userId: number): Promise<void> {
  const role = db.roles[String(userId)];
  const scope = { type: "chat" as const, chat_id: userId };
  if (!role) {
    await api.deleteMyCommands({ scope });
    await api.deleteMyCommands({ scope, language_code: "zh" });
    await api.deleteMyCommands({ scope, language_code: "en" });
    return;
  }
  const preferred = db.users[String(userId)]?.lang ?? "zh";
  await api.setMyCommands(commandsFor(role, preferred), { scope });
  await api.setMyCommands(commandsFor(role, "zh"), { scope, language_code: "zh" });
  await api.setMyCommands(commandsFor(role, "en"), { scope, language_code: "en" });
}
