import { registerDescription } from "@tietoni/domain";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/*
 * Two-factor sign-in with RFC 6238 time-based codes. The parameters are the ones every authenticator app
 * supports (SHA-1, 6 digits, 30 s); a window of ±1 step forgives a phone clock that is up to 30 s off.
 */
const PARAMS = { algorithm: "SHA1", digits: 6, period: 30 } as const;
const WINDOW = 1;

function totpFor(secret: string, username = "") {
  return new TOTP({
    ...PARAMS,
    issuer: registerDescription.controller.name,
    label: username,
    secret: Secret.fromBase32(secret),
  });
}

/** A new shared secret: 160 random bits (RFC 4226's recommended length), as base32 for manual entry. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** Whether `code` is the current code of `secret` at `now`, or the one just before or after it. */
export function checkTotpCode(secret: string, code: string, now: number): boolean {
  return totpFor(secret).validate({ token: code, timestamp: now, window: WINDOW }) !== null;
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/** The URI as an SVG QR code, for the enrolment page. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
