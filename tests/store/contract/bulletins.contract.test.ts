import { describeBulletinsContract } from "./bulletins.contract.js";
import { forEachBackend } from "./harness.js";

forEachBackend("bulletins", describeBulletinsContract);
