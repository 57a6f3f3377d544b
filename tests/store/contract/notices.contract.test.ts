import { forEachBackend } from "./harness.js";
import { describeNoticesContract } from "./notices.contract.js";

forEachBackend("notices", describeNoticesContract);
