import { forEachBackend } from "./harness.js";
import { describeScheduledContract } from "./scheduled.contract.js";

forEachBackend("scheduled", describeScheduledContract);
