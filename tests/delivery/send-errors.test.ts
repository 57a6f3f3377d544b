import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { classifySendError, isNotModified } from "../../src/delivery/send-errors.js";
import { errors, type ApiError } from "../../tools/fake-bot-api/index.js";

const grammy = (e: ApiError): GrammyError => new GrammyError(`Call to 'sendMessage' failed! (${e.error_code}: ${e.description})`, e, "sendMessage", {});

describe("classifySendError", () => {
  it("sorts Telegram's answers", () => {
    expect(classifySendError(grammy(errors.tooManyRequests(7)))).toEqual({ kind: "retry-after", seconds: 7 });
    expect(classifySendError(grammy(errors.blocked()))).toEqual({ kind: "blocked", reason: "Forbidden: bot was blocked by the user" });
    expect(classifySendError(grammy(errors.kicked(true)))).toMatchObject({ kind: "blocked" });
    expect(classifySendError(grammy(errors.migrated(-1001234)))).toEqual({ kind: "migrated", toChatId: -1001234 });
    expect(classifySendError(grammy(errors.chatNotFound()))).toEqual({ kind: "rejected", reason: "Bad Request: chat not found" });
    expect(classifySendError(grammy(errors.badGateway()))).toEqual({ kind: "transient", reason: "502 Bad Gateway" });
    expect(classifySendError(grammy(errors.unauthorized()))).toMatchObject({ kind: "transient" });
  });

  it("treats network errors as transient", () => {
    const err = new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up"));
    expect(classifySendError(err)).toEqual({ kind: "transient", reason: "socket hang up" });
  });

  it("recognises 'message is not modified'", () => {
    const e: ApiError = { ok: false, error_code: 400, description: "Bad Request: message is not modified: specified new message content" };
    expect(isNotModified(grammy(e))).toBe(true);
    expect(isNotModified(grammy(errors.chatNotFound()))).toBe(false);
  });
});
