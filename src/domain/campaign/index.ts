export * from "./metric.js";
export * from "./aggregates.js";
export * from "./attendance.js";
export * from "./format.js";
export * from "./progress-view.js";
export * from "./record-args.js";
export * from "./questions.js";
export { normalizeText, editDistance } from "./resolve-metric.js";
export { parseAmount, parseChineseNumber, MAX_AMOUNT } from "./amount.js";
