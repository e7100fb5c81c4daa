import { sourceIds } from "@tietoni/domain";
import { describe, expect, it } from "vitest";
import { demoNotice as registerDescription } from "../../../domain/src/register/notice-fixture.ts";
import { noticePartyOf, noticePartyOptions, noticePartyValue } from "./notice-party.ts";

describe("a notice party in a select", () => {
  it("offers every source and recipient of the register description, named in the language picked", () => {
    const options = noticePartyOptions(registerDescription, (text) => text.en);
    expect(options).toHaveLength(sourceIds.length + Object.keys(registerDescription.recipients).length);
    expect(options).toContainEqual({
      value: "recipient:controllerStaff",
      label: `Recipient: ${registerDescription.recipients.controllerStaff?.name.en}`,
    });
    expect(noticePartyOptions(registerDescription, (text) => text.fi)[0]?.label).toMatch(/^Tietolähde: /);
  });

  it("reads a value back as the API's party, and nothing else", () => {
    expect(noticePartyOf(noticePartyValue({ kind: "source", id: "registration" }))).toEqual({
      kind: "source",
      id: "registration",
    });
    expect(noticePartyOf("")).toBeNull();
    expect(noticePartyOf("owner:x")).toBeNull();
    expect(noticePartyOf("source:")).toBeNull();
  });
});
