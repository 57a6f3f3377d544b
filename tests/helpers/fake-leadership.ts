import { createListeners, type Leadership } from "../../src/store/leadership.js";

/** A Leadership whose changes the test makes: `set` tells the listeners when the state changes. */
export function fakeLeadership(initially = false): Leadership & { set(leader: boolean): void } {
  const listeners = createListeners();
  let leader = initially;
  return {
    isLeader: () => leader,
    onChange: (cb) => listeners.add(cb),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    set(next) {
      if (next === leader) return;
      leader = next;
      listeners.emit(next);
    },
  };
}
