import { describeCompoundsContract } from "./compounds.contract.js";
import { forEachBackend } from "./harness.js";

forEachBackend("compounds", describeCompoundsContract);
