import { describeDateOverridesContract } from "./date-overrides.contract.js";
import { forEachBackend } from "./harness.js";

forEachBackend("date-overrides", describeDateOverridesContract);
