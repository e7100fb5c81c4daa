import { describe, expect, it } from "vitest";
import demoNoticeFile from "../../../../notices/mastermark.json" with { type: "json" };
import { accentColorProblem, accentPalette, contrastRatio, darken, relativeLuminance } from "./branding.ts";
import { parseRegisterDescription } from "./register-description.ts";

describe("WCAG contrast", () => {
  it("gives white and black their luminances and the maximum ratio", () => {
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 6);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 6);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 6);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });

  it("matches the ratios published by WebAIM's contrast checker", () => {
    expect(contrastRatio("#005a9c", "#ffffff")).toBeCloseTo(7.1, 1);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  it("darkens towards black, keeping the hue", () => {
    expect(darken("#005a9c", 0)).toBe("#005a9c");
    expect(darken("#005a9c", 0.4)).toBe("#00365e");
    expect(darken("#ff8000", 1)).toBe("#000000");
  });
});

describe("the notice's accent colour", () => {
  const withAccent = (accentColor: string) => ({ ...demoNoticeFile, branding: { accentColor } });

  it("accepts the demo's colour and a colour just at 4.5:1", () => {
    expect(accentColorProblem("#005a9c")).toBeNull();
    expect(accentColorProblem("#767676")).toBeNull();
    expect(parseRegisterDescription(withAccent("#767676")).ok).toBe(true);
  });

  it("refuses a colour text in it would be unreadable on white, naming the field and the ratio", () => {
    const result = parseRegisterDescription(withAccent("#ffcc00"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: "branding.accentColor",
        message: expect.stringMatching(/contrast against white \(#ffffff\) is 1\.\d\d:1, at least 4\.5:1 is needed/),
      },
    ]);
    // Just under the limit is refused too, and the ratio is rounded down so it does not read as 4.5.
    expect(accentColorProblem("#777777")).toContain("4.47:1");
  });

  it("leaves a malformed colour to the format's own message", () => {
    const result = parseRegisterDescription(withAccent("blue"));
    expect(result.ok ? [] : result.problems).toEqual([
      { path: "branding.accentColor", message: 'must be a colour as "#rrggbb"' },
    ]);
  });
});

describe("the apps' palette from the accent", () => {
  it("keeps the demo's colours", () => {
    expect(accentPalette("#005A9C")).toEqual({ primary: "#005a9c", primaryDark: "#00365e" });
  });

  it("keeps every accepted colour readable on each background the apps draw it on", () => {
    const backgrounds = ["#f3f6f9", "#e5e7eb"];
    for (const accent of ["#767676", "#d1343a", "#2e7d32", "#6a1b9a", "#005a9c", "#0b7285"]) {
      expect(accentColorProblem(accent), accent).toBeNull();
      const { primary, primaryDark } = accentPalette(accent, backgrounds);
      for (const bg of ["#ffffff", ...backgrounds]) {
        expect(contrastRatio(primary, bg), `${accent} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(primaryDark, bg), `${accent} dark on ${bg}`).toBeGreaterThanOrEqual(7);
      }
    }
    // A colour already readable on the panels is not darkened.
    expect(accentPalette("#005a9c", backgrounds).primary).toBe("#005a9c");
    // One that passes on white but not on a grey panel is darkened only as far as needed.
    const grey = accentPalette("#767676", backgrounds).primary;
    expect(grey).not.toBe("#767676");
    expect(contrastRatio(darken("#767676", 0.05), "#e5e7eb")).toBeLessThan(4.5);
  });
});
