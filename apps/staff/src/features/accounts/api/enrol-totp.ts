import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/**
 * Starts enrolment: a new secret for the signed-in person, as a QR code and a key to type in. Asks for the
 * password again, so a session left open is not enough to bind the account to another phone.
 */
export const enrolTotp = (password: string) => callApi(api.auth.totp.enrol.$post({ json: { password } }));

export const useEnrolTotp = () => useMutation({ mutationFn: enrolTotp });
