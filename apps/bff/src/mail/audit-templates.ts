import { type AuditCheckpoint, checkpointLine, checkpointSignedText } from "@tietoni/domain";
import type { MailMessage } from "./mailer.ts";

/*
 * Issue 14 E: a signed checkpoint of the audit chain to the data-protection officer. Finnish and English in one
 * message, like the staff digest: it goes to the DPO's mailbox, not to a customer. It holds only the checkpoint —
 * sequence, head hash, time, key id, signature — and the public key that checks it: no personal data, nothing
 * secret. The DPO keeps these mails (or the lines) outside the server; pasted back into verification, they prove
 * the trail was neither rewritten nor cut after they arrived.
 */
export function auditCheckpointMail(to: string, checkpoint: AuditCheckpoint, publicKeyPem: string): MailMessage {
  const line = checkpointLine(checkpoint);
  return {
    to,
    subject: `Audit-lokin tarkistuspiste ${checkpoint.seq} / Audit trail checkpoint ${checkpoint.seq}`,
    text: [
      `Audit-lokin tarkistuspiste: merkintä ${checkpoint.seq}, ketjun pää ${checkpoint.head}, ${checkpoint.at}.`,
      "Säilytä tämä viesti tai alla oleva rivi palvelimen ulkopuolella. Tarkistus (henkilökunnan sovelluksen audit-loki tai `pnpm audit:verify --checkpoints tiedosto`) vertaa ketjua säilyttämiisi riveihin: jos ketjua on muutettu tai sen loppu katkaistu, rivi ei enää täsmää.",
      "",
      `Audit trail checkpoint: entry ${checkpoint.seq}, chain head ${checkpoint.head}, ${checkpoint.at}.`,
      "Keep this message or the line below outside the server. Verification (the staff app's audit trail, or `pnpm audit:verify --checkpoints file`) compares the chain with the lines you keep: if the chain was rewritten or its tail cut, a line no longer matches.",
      "",
      line,
      "",
      "Allekirjoitettu teksti / Signed text (Ed25519):",
      checkpointSignedText(checkpoint),
      "",
      `Julkinen avain / Public key (${checkpoint.keyId}):`,
      publicKeyPem.trim(),
    ].join("\n"),
  };
}
