export * from "./document.js";
export * from "./model.js";
export * from "./official-number.js";
export * from "./period.js";
