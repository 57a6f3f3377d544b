export * from "./questionnaire.js";
export * from "./results.js";
