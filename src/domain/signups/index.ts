export * from "./events.js";
export { promote } from "./roster-model.js";
export * from "./roster.js";
export * from "./summary.js";
export * from "./text-intent.js";
export * from "./window.js";
export { settlementOf } from "./settle.js";
