import { describeDraftsContract } from "./drafts.contract.js";
import { forEachBackend } from "./harness.js";

forEachBackend("drafts", describeDraftsContract);
