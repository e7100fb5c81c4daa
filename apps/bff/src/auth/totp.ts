import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { registerDescription } from "../notice/notice.ts";

/*
 * Two-factor sign-in with RFC 6238 time-based codes. The parameters are the ones every authenticator app
 * supports (SHA-1, 6 digits, 30 s); a window of ±1 step forgives a phone clock that is up to 30 s off.
 */
const PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const WINDOW = 1;

/** The issuer only names the account in an authenticator app (the enrolment URI); codes do not depend on it. */
function totpFor(secret: string, username = "", issuer = "") {
  return new TOTP({ ...PARAMS, issuer, label: username, secret: Secret.fromBase32(secret) });
}

/** A new shared secret: 160 random bits (RFC 4226's recommended length), as base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The RFC 6238 time step of `now`: the counter a code is made from. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / PARAMS.period);
}

/**
 * The time step whose code `code` is (now's, or the one just before or after it), or null when it is none of
 * them. The caller refuses a step at or below the last one it accepted, so a code works once (ASVS 6.5.1).
 */
export function matchTotpStep(secret: string, code: string, now: number): number | null {
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}

/** The code an authenticator app shows in time step `step`: for tooling that stands in for the app (the bench). */
export function totpCodeForStep(secret: string, step: number): string {
  return totpFor(secret).generate({ timestamp: step * PARAMS.period * 1000 });
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username, registerDescription.controller.name).toString();
}

/** The URI as an SVG QR code, for the enrolment page. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
