import { describe, expect, it } from "vitest";
import { deviceOf } from "./device-name.ts";

const ua = {
  edgeWindows:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0",
  chromeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  firefoxLinux: "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  headless:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
};

describe("deviceOf", () => {
  it("names Edge, not the Chrome and Safari it also claims to be", () => {
    expect(deviceOf(ua.edgeWindows)).toEqual({ browser: "Edge", system: "Windows" });
  });

  it("names Chrome on macOS, not Safari", () => {
    expect(deviceOf(ua.chromeMac)).toEqual({ browser: "Chrome", system: "macOS" });
  });

  it("names Safari on an iPhone as iOS, not macOS", () => {
    expect(deviceOf(ua.safariIphone)).toEqual({ browser: "Safari", system: "iOS" });
  });

  it("names Android before the Linux it runs on", () => {
    expect(deviceOf(ua.chromeAndroid)).toEqual({ browser: "Chrome", system: "Android" });
    expect(deviceOf(ua.firefoxLinux)).toEqual({ browser: "Firefox", system: "Linux" });
  });

  it("tells a headless browser apart", () => {
    expect(deviceOf(ua.headless).browser).toBe("Chrome (headless)");
  });

  it("knows nothing of a missing or unknown user agent", () => {
    expect(deviceOf(null)).toEqual({ browser: null, system: null });
    expect(deviceOf("SomeBot/1.0")).toEqual({ browser: null, system: null });
  });
});
