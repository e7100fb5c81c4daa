/*
 * Issue 15 A: the controller's accent colour (notice `branding.accentColor`) becomes the apps' primary colour, so its
 * contrast is a rule of the notice, not a matter of taste: WCAG 2.1 success criterion 1.4.3 asks 4.5:1 for text,
 * and the apps draw links, button faces under white text and focus rings in it. The formulas are WCAG's own
 * (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance, #dfn-contrast-ratio).
 */

/** The least contrast against white an accent colour must have (WCAG 2.1 AA, normal text). */
export const MIN_ACCENT_CONTRAST = 4.5;

/** The contrast the dark variant keeps against white (AAA): it is the text of visited links, headings, borders. */
export const DARK_ACCENT_CONTRAST = 7;

const WHITE = "#ffffff";

const channels = (hex: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour as "#rrggbb": ${hex}`);
  return [Number.parseInt(m[1] ?? "", 16), Number.parseInt(m[2] ?? "", 16), Number.parseInt(m[3] ?? "", 16)];
};

const toHex = (rgb: readonly number[]) =>
  `#${rgb
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;

/** WCAG relative luminance of a "#rrggbb" colour, 0 (black) … 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 … 21, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The ratio as the notice's message shows it, rounded down so "4.49" never reads as "4.5". */
export const formatContrast = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/** The colour mixed with black: `amount` 0 leaves it, 1 gives black. Keeps the hue, so the brand stays recognisable. */
export function darken(hex: string, amount: number): string {
  return toHex(channels(hex).map((v) => v * (1 - amount)));
}

/** The least darkening (in 5 % steps) that gives `hex` at least `ratio` against each of `backgrounds`. */
function darkenUntil(hex: string, ratio: number, backgrounds: readonly string[]): string {
  for (let step = 0; step <= 20; step++) {
    const candidate = darken(hex, step / 20);
    if (backgrounds.every((bg) => contrastRatio(candidate, bg) >= ratio)) return candidate;
  }
  return "#000000";
}

/** Why an accent colour cannot be the apps' primary colour, or null when it can. */
export function accentColorProblem(hex: string): string | null {
  // Not a colour at all is the format's message, not this one.
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return null;
  const ratio = contrastRatio(hex, WHITE);
  if (ratio >= MIN_ACCENT_CONTRAST) return null;
  return `contrast against white (#ffffff) is ${formatContrast(ratio)}, at least ${MIN_ACCENT_CONTRAST}:1 is needed (WCAG 2.1, 1.4.3): choose a darker colour`;
}

/**
 * The apps' two primary colours from the accent: `primary` is the accent itself, darkened only as far as text in it
 * needs on each of the apps' light `backgrounds` (white passes by the schema; a tinted panel may need a shade
 * more), and `primaryDark` is the accent darkened by 40 % (the demo's #005a9c gives #00365e, its hand-picked
 * #00355f) and further if needed to keep 7:1 against white.
 */
export function accentPalette(
  accentColor: string,
  backgrounds: readonly string[] = [WHITE],
): { primary: string; primaryDark: string } {
  const accent = accentColor.toLowerCase();
  return {
    primary: darkenUntil(accent, MIN_ACCENT_CONTRAST, [WHITE, ...backgrounds]),
    primaryDark: darkenUntil(darken(accent, 0.4), DARK_ACCENT_CONTRAST, [WHITE, ...backgrounds]),
  };
}
