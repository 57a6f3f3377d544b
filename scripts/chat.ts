/**
 * `npm run chat`: try the bot without Telegram. Starts the fake Bot API on a free port, runs the
 * real bot (`node --import tsx src/main.ts`, as `npm start` runs it, unchanged) against it, and lets the terminal play a resident, a
 * volunteer or a staff member. Type text or commands; the bot's messages and buttons are printed.
 *
 *   npm run chat                 # a fresh store in a temporary folder, deleted on /quit
 *   npm run chat -- --db data/chat-db.json   # keep the store between sessions
 *   npm run chat -- --verbose    # show the bot's info logs too
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Chat, Message, MessageEntity, User } from "grammy/types";
import {
  callbackQuery,
  command,
  createFakeBotApi,
  groupMessage,
  makeGroup,
  makeUser,
  myChatMember,
  pollAnswer,
  privateMessage,
  type RecordedCall,
  type UpdateInput,
} from "../tools/fake-bot-api/index.js";
import { saveUpload } from "./chat-files.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TOKEN = "7000000001:CHAT-simulator-token";

type Role = "resident" | "volunteer" | "staff";
const PERSONAS: Record<Role, { user: User; label: string }> = {
  resident: { user: makeUser(10001, { first_name: "王芳", language_code: "zh-hans" }), label: "resident · 居民" },
  volunteer: { user: makeUser(10002, { first_name: "Li Lei", language_code: "en" }), label: "volunteer · 志愿者" },
  staff: { user: makeUser(10003, { first_name: "张主任", language_code: "zh-hans" }), label: "staff admin · 工作人员" },
};
const GROUP = makeGroup(-100200, "柳河社区3号楼") as Chat.GroupChat;

// ── terminal rendering ───────────────────────────────────────────────────────────────────────
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const sgr = (on: string, off: string) => (s: string) => (color ? `\x1b[${on}m${s}\x1b[${off}m` : s);
const bold = sgr("1", "22");
const dim = sgr("2", "22");
const cyan = sgr("36", "39");
const yellow = sgr("33", "39");
const red = sgr("31", "39");
const green = sgr("32", "39");

const STYLE: Partial<Record<MessageEntity["type"], [string, string]>> = {
  bold: ["1", "22"], italic: ["3", "23"], underline: ["4", "24"], strikethrough: ["9", "29"],
  code: ["36", "39"], pre: ["36", "39"], text_link: ["4", "24"], spoiler: ["2", "22"], blockquote: ["2", "22"],
};

/** Plain text plus entities → text with ANSI styles (links show their address after them). */
function render(text: string, entities: MessageEntity[] = []): string {
  if (entities.length === 0) return text;
  const marks = new Map<number, string[]>();
  const add = (at: number, s: string) => marks.set(at, [...(marks.get(at) ?? []), s]);
  for (const e of entities) {
    const style = STYLE[e.type];
    if (style && color) {
      add(e.offset, `\x1b[${style[0]}m`);
      add(e.offset + e.length, `\x1b[${style[1]}m`);
    }
    if (e.type === "text_link") add(e.offset + e.length, dim(` (${e.url})`));
  }
  let out = "";
  for (let i = 0; i <= text.length; i++) {
    out += (marks.get(i) ?? []).join("");
    if (i < text.length) out += text[i];
  }
  return out;
}

// ── the session ──────────────────────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const dbArg = args.indexOf("--db");
const tempDir = dbArg === -1 ? mkdtempSync(join(tmpdir(), "community-bot-chat-")) : undefined;
// files the bot sends (exports, charts) are kept after /quit, so they can still be opened
const filesDir = tempDir ? join(tmpdir(), "community-bot-chat-files", `${basename(tempDir)}`) : join(dirname(resolve(args[dbArg + 1] ?? "data/chat-db.json")), "chat-files");
const savedFiles = { n: 0 };
const dbFile = tempDir ? join(tempDir, "db.json") : resolve(args[dbArg + 1] ?? "data/chat-db.json");

let role: Role = "resident";
let inGroup = false;
let botInGroup = false;
/** per chat: the last message with buttons, whose buttons `/press N` presses */
const keyboards = new Map<number, number>();
/** per chat: the last poll the bot sent there (for /vote) */
const lastPoll = new Map<number, number>();
/** per chat: the last message the bot sent there (for /reply) */
const lastBotMessage = new Map<number, number>();
let rl: Interface | undefined;
let bot: ChildProcess | undefined;
let quitting = false;

const api = createFakeBotApi({ token: TOKEN });
const me = () => PERSONAS[role].user;
const currentChatId = () => (inGroup ? GROUP.id : me().id);

function chatLabel(chatId: number): string {
  if (chatId === GROUP.id) return `👥 ${GROUP.title}`;
  const persona = Object.values(PERSONAS).find((p) => p.user.id === chatId);
  return persona ? `👤 ${persona.user.first_name}` : `chat ${chatId}`;
}

function promptText(): string {
  const who = `${me().first_name} (${role})`;
  return `${bold(who)}${inGroup ? ` @ ${GROUP.title}` : ""} › `;
}

/** Prints above the prompt without mangling what is being typed. */
function print(text: string): void {
  if (rl && process.stdout.isTTY) {
    process.stdout.write("\r\x1b[K");
    console.log(text);
    rl.prompt(true);
  } else {
    console.log(text);
  }
}

function buttonsOf(m: Message): { text: string; data?: string; url?: string }[] {
  const rows = m.reply_markup?.inline_keyboard ?? [];
  return rows.flat().map((b) => ({ text: b.text, ...("callback_data" in b ? { data: b.callback_data } : {}), ...("url" in b ? { url: b.url } : {}) }));
}

function showMessage(m: Message, how: "new" | "edited"): void {
  const chatId = m.chat.id;
  lastBotMessage.set(chatId, m.message_id);
  const header = `${cyan("🤖 bot")} → ${chatLabel(chatId)}${how === "edited" ? yellow(" (edited)") : ""} ${dim(`#${m.message_id}`)}`;
  const lines = [header];
  if (m.document) lines.push(`📎 ${m.document.file_name ?? "document"}${m.document.file_size ? dim(` (${m.document.file_size} bytes)`) : ""}`);
  if (m.photo) lines.push("🖼  photo");
  const body = m.text ?? m.caption;
  if (body) lines.push(render(body, m.entities ?? m.caption_entities));
  if (m.poll) {
    lastPoll.set(chatId, m.message_id);
    lines.push(`📊 ${m.poll.question}${m.poll.allows_multiple_answers ? dim(" (several answers)") : ""}`);
    lines.push(m.poll.options.map((o, i) => green(`(${i + 1}) ${o.text}`)).join("  ") + dim("   /vote N to answer"));
  }
  const buttons = buttonsOf(m);
  if (buttons.length > 0) {
    keyboards.set(chatId, m.message_id);
    lines.push(buttons.map((b, i) => green(`[${i + 1}] ${b.text}`) + (b.url ? dim(` ${b.url}`) : "")).join("  "));
  } else if (keyboards.get(chatId) === m.message_id) {
    keyboards.delete(chatId);
  }
  print(lines.map((l, i) => (i === 0 ? l : `   ${l.split("\n").join("\n   ")}`)).join("\n") + "\n");
}

const SHOWN = new Set(["sendMessage", "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "sendDocument", "sendPhoto", "sendPoll"]);

function onCall(call: RecordedCall): void {
  const { method, params, response } = call;
  if ("drop" in response) return;
  if (!response.ok) {
    if (method !== "getUpdates") print(red(`⚠ the bot's ${method} was refused: ${response.error_code} ${response.description}`));
    return;
  }
  if (SHOWN.has(method) && typeof response.result === "object" && response.result !== null) {
    showMessage(response.result as Message, method.startsWith("edit") ? "edited" : "new");
    const saved = saveUpload(filesDir, method, params, savedFiles);
    if (saved) print(dim(`   💾 saved to ${saved}\n`));
  } else if (method === "answerCallbackQuery" && params.text) {
    print(`${params.show_alert ? yellow("⚠ alert:") : dim("💬 toast:")} ${String(params.text)}\n`);
  } else if (method === "deleteMessage") {
    print(dim(`🗑 the bot deleted message #${String(params.message_id)} in ${chatLabel(Number(params.chat_id))}\n`));
  }
}

function push(update: UpdateInput): void {
  api.pushUpdate(update);
}

function send(text: string, replyTo?: Message): void {
  const user = me();
  if (text.startsWith("/")) {
    const name = text.split(/\s/, 1)[0] as string;
    const rest = text.slice(name.length).trim();
    push(command(user, name, rest || undefined, inGroup ? GROUP : undefined));
  } else if (inGroup) {
    push(groupMessage(GROUP, user, text, replyTo));
  } else if (replyTo) {
    push(groupMessage({ id: user.id, type: "private", first_name: user.first_name }, user, text, replyTo));
  } else {
    push(privateMessage(user, text));
  }
}

const HELP = [
  `${bold("Simulator commands")} — anything else you type goes to the bot, as the current person:`,
  "  /as resident|volunteer|staff  switch person:",
  ...Object.entries(PERSONAS).map(([r, p]) => `      ${r.padEnd(9)} ${p.user.first_name}, id ${p.user.id}, ${p.label}, Telegram language ${p.user.language_code}`),
  `  /group                        talk in the building group “${GROUP.title}” (the bot joins it the first time)`,
  "  /private                      back to your private chat with the bot",
  "  /press N                      press button [N] of the last message with buttons in this chat",
  "  /reply TEXT                   reply to the bot's last message here (e.g. /reply 报名)",
  "  /vote N[,M]                   answer the last poll in this chat with option N (several: 1,3)",
  "  /block, /unblock              block or unblock the bot as the current person",
  "  /help                         this list, then the bot's own /help",
  "  /quit                         stop the bot and leave (Ctrl+C and Ctrl+D too)",
  dim(`Store: ${dbFile} and its journal beside it${tempDir ? " (temporary, deleted on /quit; npm run chat -- --db FILE keeps it)" : ""}`),
  dim(`Files the bot sends (/export, charts) are saved in ${filesDir}`),
].join("\n");

function press(arg: string): void {
  const chatId = currentChatId();
  const mid = keyboards.get(chatId);
  const stored = mid === undefined ? undefined : api.store.get(chatId, mid);
  if (!stored) return print(yellow("No buttons here yet. /press works on the last message with buttons in this chat."));
  const buttons = buttonsOf(stored.message);
  const n = Number(arg);
  const button = Number.isInteger(n) ? buttons[n - 1] : undefined;
  if (!button) return print(yellow(`Choose a button from 1 to ${buttons.length}.`));
  if (!button.data) return print(dim(`(that button opens ${button.url ?? "a link"})`));
  print(dim(`▶ ${me().first_name} pressed “${button.text}”`));
  push(callbackQuery(me(), button.data, stored.message));
}

function vote(arg: string): void {
  const mid = lastPoll.get(currentChatId());
  const poll = mid === undefined ? undefined : api.store.get(currentChatId(), mid)?.message;
  if (!poll?.poll) return print(yellow("No poll here yet. /vote answers the last poll the bot sent in this chat."));
  const options = arg.split(/[,，\s]+/).filter(Boolean).map((n) => Number(n) - 1);
  try {
    push(pollAnswer(me(), poll, options));
    print(dim(`▶ ${me().first_name} answered “${poll.poll.question}”: ${options.map((i) => poll.poll?.options[i]?.text ?? "?").join(", ")}`));
  } catch (err) {
    print(yellow(`${err instanceof Error ? err.message : String(err)} (options are 1 to ${poll.poll.options.length})`));
  }
}

function handleLine(line: string): void {
  const text = line.trim();
  if (text === "") return;
  const [word, ...rest] = text.split(/\s+/);
  const arg = rest.join(" ");
  switch (word) {
    case "/quit":
    case "/exit":
      return void quit(0);
    case "/help":
      print(HELP);
      send("/help");
      return;
    case "/as": {
      if (arg !== "resident" && arg !== "volunteer" && arg !== "staff") return print(yellow("Usage: /as resident|volunteer|staff"));
      role = arg;
      return print(dim(`You are now ${me().first_name} (${PERSONAS[role].label}, id ${me().id}, Telegram language ${me().language_code}).`));
    }
    case "/group":
      inGroup = true;
      if (!botInGroup) {
        botInGroup = true;
        print(dim(`${me().first_name} adds the bot to “${GROUP.title}”…`));
        push(myChatMember(GROUP, me(), "left", "member", { id: api.botInfo.id, is_bot: true, first_name: api.botInfo.first_name, username: api.botInfo.username }));
      }
      return print(dim(`Now talking in the group “${GROUP.title}”. /private to go back.`));
    case "/private":
      inGroup = false;
      return print(dim("Now in your private chat with the bot."));
    case "/press":
      return press(arg);
    case "/reply": {
      const mid = lastBotMessage.get(currentChatId());
      const original = mid === undefined ? undefined : api.store.get(currentChatId(), mid)?.message;
      if (!original || !arg) return print(yellow("Usage: /reply TEXT, after the bot has said something in this chat."));
      send(arg, original);
      return;
    }
    case "/vote":
      return vote(arg);
    case "/block":
    case "/unblock": {
      if (inGroup) return print(yellow("Use /block in your private chat."));
      const chat: Chat.PrivateChat = { id: me().id, type: "private", first_name: me().first_name };
      const [from, to] = word === "/block" ? (["member", "kicked"] as const) : (["kicked", "member"] as const);
      print(dim(`${me().first_name} ${word === "/block" ? "blocks" : "unblocks"} the bot.`));
      return push(myChatMember(chat, me(), from, to, { id: api.botInfo.id, is_bot: true, first_name: api.botInfo.first_name }));
    }
    default:
      send(text);
  }
}

function showBotOutput(chunk: string, stream: "out" | "err"): void {
  for (const line of chunk.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      const level = entry.level ?? 30;
      const tag = level >= 50 ? red("error") : level >= 40 ? yellow("warn") : dim("info");
      print(dim("[bot] ") + `${tag} ${entry.msg ?? ""}${entry.err?.message ? `: ${entry.err.message}` : ""}`);
    } catch {
      print(dim("[bot] ") + (stream === "err" ? red(line) : line));
    }
  }
}

async function quit(code: number): Promise<void> {
  if (quitting) return;
  quitting = true;
  rl?.close();
  if (bot && bot.exitCode === null && bot.signalCode === null) {
    const exited = new Promise((r) => bot?.once("exit", r));
    bot.kill("SIGTERM");
    const timer = setTimeout(() => bot?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await api.stop();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  console.log(dim("Bye."));
  process.exit(code);
}

async function main(): Promise<void> {
  const { url } = await api.start();
  let seen = 0;
  const watch = setInterval(() => {
    // the fake records every call; show the new ones
    for (; seen < api.calls.length; seen++) onCall(api.calls[seen] as RecordedCall);
  }, 25);
  watch.unref();

  // the bot runs as `npm start` runs it
  bot = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: url,
      DB_FILE: dbFile,
      ADMIN_IDS: String(PERSONAS.staff.user.id),
      LOG_LEVEL: verbose ? "info" : "warn",
      WEBHOOK_URL: "", // always long polling against the local server
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  bot.stdout?.on("data", (d: Buffer) => showBotOutput(d.toString(), "out"));
  bot.stderr?.on("data", (d: Buffer) => showBotOutput(d.toString(), "err"));
  bot.once("exit", (code, signal) => {
    if (quitting) return;
    print(red(`The bot stopped (${code ?? signal}). See its last lines above.`));
    void quit(1);
  });

  console.log(`${bold("Community notice bot — terminal chat")}  ${dim(`(fake Bot API at ${url})`)}`);
  console.log(dim("Starting the bot…"));
  // getMe answered: the bot is up (what is typed meanwhile waits in the update queue)
  const started = await api
    .waitForCall((c) => c.method === "getMe" && !("drop" in c.response) && c.response.ok, 30_000)
    .then(() => true, () => false);
  if (!started) {
    console.error("The bot did not start within 30 s.");
    return quit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
  for (; seen < api.calls.length; seen++) onCall(api.calls[seen] as RecordedCall);
  console.log(HELP);
  console.log(dim("\nTry /start, then press a language button with /press 1 or /press 2.\n"));

  rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt(promptText());
  rl.prompt();
  rl.on("line", (line) => {
    handleLine(line);
    if (!quitting) {
      rl?.setPrompt(promptText());
      rl?.prompt();
    }
  });
  rl.on("SIGINT", () => void quit(0));
  // piped input: wait for the bot's answers to what was typed before leaving
  rl.on("close", () => void setTimeout(() => void quit(0), process.stdin.isTTY ? 0 : 1500));
}

process.once("SIGTERM", () => void quit(0));
process.once("SIGHUP", () => void quit(0)); // the terminal closed
main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  void quit(1);
});
