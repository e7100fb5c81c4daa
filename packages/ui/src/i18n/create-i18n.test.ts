import { afterEach, describe, expect, it, vi } from "vitest";
import { detectLocale, interpolate, LOCALE_STORAGE_KEY, translator } from "./create-i18n.tsx";

describe("interpolate", () => {
  it("fills every placeholder it has a value for", () => {
    expect(interpolate("{n} of {total}, {n} again", { n: 2, total: 5 })).toBe("2 of 5, 2 again");
  });

  it("leaves a placeholder without a value visible so it is noticed", () => {
    expect(interpolate("Hello {name}", {})).toBe("Hello {name}");
  });

  it("returns the template as it is without values", () => {
    expect(interpolate("Hello {name}")).toBe("Hello {name}");
  });
});

describe("translator", () => {
  const messages = { greeting: { fi: "Hei {name}!", en: "Hello {name}!" } };

  it("picks the language and fills the values", () => {
    expect(translator(messages, "fi")("greeting", { name: "Heli" })).toBe("Hei Heli!");
    expect(translator(messages, "en")("greeting", { name: "Heli" })).toBe("Hello Heli!");
  });

  it("shows an unknown key rather than failing", () => {
    const t = translator(messages, "en") as (key: string) => string;
    expect(t("missing")).toBe("missing");
  });
});

describe("detectLocale", () => {
  afterEach(() => vi.unstubAllGlobals());

  const storage = (value: string | null) => ({ getItem: (key: string) => (key === LOCALE_STORAGE_KEY ? value : null) });

  it("keeps the stored choice over the browser language", () => {
    vi.stubGlobal("localStorage", storage("fi"));
    vi.stubGlobal("navigator", { language: "en-GB" });
    expect(detectLocale()).toBe("fi");
  });

  it("ignores a stored value that is no locale of ours", () => {
    vi.stubGlobal("localStorage", storage("sv"));
    vi.stubGlobal("navigator", { language: "en-US" });
    expect(detectLocale()).toBe("en");
  });

  it("falls back to Finnish for other browser languages", () => {
    vi.stubGlobal("localStorage", storage(null));
    vi.stubGlobal("navigator", { language: "sv-FI" });
    expect(detectLocale()).toBe("fi");
  });

  it("survives blocked storage", () => {
    vi.stubGlobal("localStorage", {
      getItem: () => {
        throw new Error("blocked");
      },
    });
    vi.stubGlobal("navigator", { language: "en" });
    expect(detectLocale()).toBe("en");
  });
});
