import { describe, expect, it } from "vitest";
import { dataCategoryIds } from "../register/ids.ts";
import { demoNotice } from "../register/notice-fixture.ts";
import { type Art19Facts, art19Parties, concernedCategories, isConfirmable, noticePartyName } from "./art19.ts";

const base: Art19Facts = {
  trigger: "correction",
  categories: ["phone"],
  disclosures: [],
  sources: [],
  webhookDeliveries: [],
  causedBySystemId: null,
  preLog: false,
};
const facts = (over: Partial<Art19Facts>): Art19Facts => ({ ...base, ...over });

describe("Art. 19 parties from what actually happened", () => {
  it("names nobody when the changed category was never disclosed and came from the customer", () => {
    expect(
      art19Parties(
        demoNotice,
        facts({
          disclosures: [{ systemId: "sys-shop", noticeRecipientId: null, categories: ["email"] }],
          sources: [{ category: "phone", source: "customerNotice", systemId: null }],
        }),
      ),
    ).toEqual([]);
  });

  it("tells a system that received the category by webhook when it gets this event, with the delivery", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        disclosures: [
          { systemId: "sys-crm", noticeRecipientId: "financialAdministrationPartner", categories: ["phone"] },
        ],
        webhookDeliveries: [{ systemId: "sys-crm", outboxId: "msg_1" }],
      }),
    );
    expect(parties).toEqual([
      { kind: "system", id: "sys-crm", categories: ["phone"], method: "webhook", outboxId: "msg_1" },
    ]);
  });

  it("makes a task of a system that received the category but gets no webhook for this event", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        disclosures: [{ systemId: "sys-billing", noticeRecipientId: null, categories: ["phone", "name"] }],
        webhookDeliveries: [{ systemId: "sys-other", outboxId: "msg_2" }],
      }),
    );
    expect(parties).toEqual([
      { kind: "system", id: "sys-billing", categories: ["phone"], method: "task", outboxId: null },
    ]);
  });

  it("makes a task of a notice recipient staff disclosed to by hand, never of the controller's own staff", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        disclosures: [
          { systemId: null, noticeRecipientId: "financialAdministrationPartner", categories: ["phone"] },
          { systemId: null, noticeRecipientId: "controllerStaff", categories: ["phone"] },
        ],
      }),
    );
    expect(parties).toEqual([
      {
        kind: "notice_recipient",
        id: "financialAdministrationPartner",
        categories: ["phone"],
        method: "task",
        outboxId: null,
      },
    ]);
  });

  it("tells the source of the category — a system or a notice source — but not the customer themselves", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        categories: ["name", "phone"],
        sources: [
          { category: "name", source: "registration", systemId: null },
          { category: "phone", source: "customerNotice", systemId: null },
          { category: "phone", source: "updateService", systemId: "sys-vtj" },
          { category: "name", source: "subcontractor", systemId: null },
          { category: "email", source: "partnerDigital", systemId: null },
        ],
      }),
    );
    expect(parties).toEqual([
      { kind: "system", id: "sys-vtj", categories: ["phone"], method: "task", outboxId: null },
      { kind: "notice_source", id: "subcontractor", categories: ["name"], method: "task", outboxId: null },
    ]);
  });

  it("never tells the system whose change caused the event", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        sources: [{ category: "phone", source: "updateService", systemId: "sys-vtj" }],
        disclosures: [{ systemId: "sys-vtj", noticeRecipientId: null, categories: ["phone"] }],
        causedBySystemId: "sys-vtj",
      }),
    );
    expect(parties).toEqual([]);
  });

  it("for a customer from before the log, adds one task per recipient the notice names, merged with the log's", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        categories: ["name", "phone"],
        preLog: true,
        disclosures: [{ systemId: null, noticeRecipientId: "financialAdministrationPartner", categories: ["phone"] }],
      }),
    );
    // The notice names the partner for the name (invoices carry it); the phone reached it by hand.
    expect(parties).toEqual([
      {
        kind: "notice_recipient",
        id: "financialAdministrationPartner",
        categories: ["name", "phone"],
        method: "task",
        outboxId: null,
      },
    ]);
  });

  it("adds no notice recipient before the log for a category the notice gives to staff only", () => {
    expect(art19Parties(demoNotice, facts({ categories: ["phone"], preLog: true }))).toEqual([]);
  });

  it("an erasure and a restriction concern every category", () => {
    for (const trigger of ["erasure", "restriction"] as const) {
      const parties = art19Parties(
        demoNotice,
        facts({
          trigger,
          categories: [],
          disclosures: [{ systemId: "sys-shop", noticeRecipientId: null, categories: ["orders", "email"] }],
          webhookDeliveries: [{ systemId: "sys-shop", outboxId: "msg_3" }],
        }),
      );
      expect(parties).toEqual([
        { kind: "system", id: "sys-shop", categories: ["email", "orders"], method: "webhook", outboxId: "msg_3" },
      ]);
    }
    expect(concernedCategories("erasure", [])).toEqual([...dataCategoryIds]);
    expect(concernedCategories("correction", ["www", "name"])).toEqual(["name", "www"]);
  });

  it("lists a party once however many rows name it, with the union of its categories", () => {
    const parties = art19Parties(
      demoNotice,
      facts({
        categories: ["name", "phone"],
        disclosures: [
          { systemId: "sys-crm", noticeRecipientId: null, categories: ["name"] },
          { systemId: "sys-crm", noticeRecipientId: null, categories: ["phone"] },
        ],
        sources: [{ category: "name", source: "subcontractor", systemId: "sys-crm" }],
      }),
    );
    expect(parties).toEqual([
      { kind: "system", id: "sys-crm", categories: ["name", "phone"], method: "task", outboxId: null },
    ]);
  });
});

describe("names and confirmation", () => {
  it("names notice recipients and sources from the notice, systems not at all", () => {
    expect(noticePartyName(demoNotice, "notice_recipient", "financialAdministrationPartner")?.en).toContain(
      "financial",
    );
    expect(noticePartyName(demoNotice, "notice_source", "updateService")).not.toBeNull();
    expect(noticePartyName(demoNotice, "system", "sys-crm")).toBeNull();
    expect(noticePartyName(demoNotice, "notice_source", "nonsense")).toBeNull();
  });

  it("lets staff confirm an open task or a dead webhook, nothing else", () => {
    expect(isConfirmable({ method: "task", status: "pending", delivery: null })).toBe(true);
    expect(isConfirmable({ method: "task", status: "done", delivery: null })).toBe(false);
    expect(isConfirmable({ method: "webhook", status: "pending", delivery: "dead" })).toBe(true);
    expect(isConfirmable({ method: "webhook", status: "pending", delivery: "failing" })).toBe(false);
    expect(isConfirmable({ method: "webhook", status: "done", delivery: "delivered" })).toBe(false);
  });
});
