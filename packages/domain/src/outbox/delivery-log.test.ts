import { describe, expect, it } from "vitest";
import { deliveryAction, deliveryLogQuerySchema, deliveryTopicLabel, liftNoticeState } from "./delivery-log.ts";

describe("what an admin may do with a delivery", () => {
  it("retries a failing or dead row, replays a delivered one, leaves a pending one alone", () => {
    const webhook = { kind: "webhook" as const, topic: "customer.erased", hasBody: false };
    expect(deliveryAction({ ...webhook, status: "dead" })).toBe("retry");
    expect(deliveryAction({ ...webhook, status: "failing", hasBody: true })).toBe("retry");
    expect(deliveryAction({ ...webhook, status: "delivered" })).toBe("replay");
    expect(deliveryAction({ ...webhook, status: "pending", hasBody: true })).toBeNull();
  });
  it("replays only the required notices among mails, which can be rendered again", () => {
    const mail = (topic: string) => ({ kind: "mail" as const, topic, status: "delivered" as const, hasBody: false });
    expect(deliveryAction(mail("request_refused"))).toBe("replay");
    expect(deliveryAction(mail("request_extended"))).toBe("replay");
    expect(deliveryAction(mail("restriction_lift_notice"))).toBe("replay");
    expect(deliveryAction(mail("request_received"))).toBeNull();
    expect(deliveryAction(mail("sign_in_code"))).toBeNull();
  });
  it("retries a failing mail that still holds its body, but never a code mail by hand", () => {
    const failing = { kind: "mail" as const, status: "failing" as const, hasBody: true };
    expect(deliveryAction({ ...failing, topic: "request_received" })).toBe("retry");
    expect(deliveryAction({ ...failing, topic: "sign_in_code" })).toBeNull();
    // Dead: the body is gone, and an ordinary mail cannot be rebuilt.
    expect(deliveryAction({ ...failing, topic: "request_received", status: "dead", hasBody: false })).toBeNull();
    expect(deliveryAction({ ...failing, topic: "request_refused", status: "dead", hasBody: false })).toBe("retry");
  });
  it("labels topics in both languages, an unknown one by itself", () => {
    expect(deliveryTopicLabel("mail", "request_refused").en).toBe("Refusal with reasons");
    expect(deliveryTopicLabel("webhook", "customer.erased").fi).toBe("Tiedot poistettiin");
    expect(deliveryTopicLabel("webhook", "x.y")).toEqual({ fi: "x.y", en: "x.y" });
  });
  it("reads the filters and refuses an unknown status or page 0", () => {
    expect(deliveryLogQuerySchema.parse({ status: "dead", kind: "mail", page: "2" })).toEqual({
      status: "dead",
      kind: "mail",
      page: 2,
    });
    expect(deliveryLogQuerySchema.safeParse({ status: "lost" }).success).toBe(false);
    expect(deliveryLogQuerySchema.safeParse({ page: "0" }).success).toBe(false);
  });
});

describe("lifting a restriction waits for the notice (Art. 18(3))", () => {
  const base = {
    liftNoticeAt: 1,
    noticeStatus: null,
    noticeDelivered: false,
    toldOtherwiseAt: null,
    customerHasEmail: true,
  };
  it("counts a delivered notice, and a notice from before the outbox, as telling the customer", () => {
    expect(liftNoticeState({ ...base, noticeStatus: "delivered", noticeDelivered: true })).toMatchObject({
      delivery: "delivered",
      told: true,
      mayRecordToldOtherwise: false,
    });
    expect(liftNoticeState(base)).toMatchObject({ delivery: "legacy", told: true });
  });
  it("waits while the notice is pending; a replayed notice still counts as delivered once", () => {
    expect(liftNoticeState({ ...base, noticeStatus: "pending" })).toMatchObject({
      told: false,
      mayRecordToldOtherwise: false,
    });
    expect(liftNoticeState({ ...base, noticeStatus: "pending", noticeDelivered: true }).told).toBe(true);
  });
  it("lets staff record another way only when the notice failed or cannot be mailed", () => {
    expect(liftNoticeState({ ...base, noticeStatus: "failing" }).mayRecordToldOtherwise).toBe(true);
    expect(liftNoticeState({ ...base, noticeStatus: "dead" }).mayRecordToldOtherwise).toBe(true);
    const noEmail = { ...base, liftNoticeAt: null, customerHasEmail: false };
    expect(liftNoticeState(noEmail)).toMatchObject({ delivery: "none", told: false, mayRecordToldOtherwise: true });
    expect(liftNoticeState({ ...base, liftNoticeAt: null })).toMatchObject({
      told: false,
      mayRecordToldOtherwise: false,
    });
  });
  it("counts what staff recorded as telling the customer, once", () => {
    const told = liftNoticeState({ ...base, noticeStatus: "dead", toldOtherwiseAt: 5 });
    expect(told).toMatchObject({ told: true, mayRecordToldOtherwise: false });
  });
});
