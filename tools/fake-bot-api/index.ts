/** A fake Telegram Bot API for tests, the chat simulator and benchmarks. */
export { createFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "./server.js";
export { createRecordingApi, type RecordingApi, type RecordingApiOptions } from "./recording-transformer.js";
export { createRecordingFetch } from "./recording-fetch.js";
export { validateCall, createValidator, type ValidationResult, type Validator, type CheckedCall } from "./validate.js";
export { createBotApiCore, defaultBotInfo, type BotApiCore, type CoreOptions, type RecordedCall } from "./core.js";
export { DROP, errors, type ApiError, type ApiReply, type Behaviour, type Fault } from "./faults.js";
export { parseHtml, type ParsedText } from "./html-text.js";
export { parseMultipart, type UploadedFile } from "./multipart.js";
export type { UpdateInput } from "./update-queue.js";
export * from "./updates.js";
