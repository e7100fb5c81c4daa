import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Starts enrolment: a new secret for the signed-in person, as a QR code and a key to type in. */
export const enrolTotp = () => callApi(api.auth.totp.enrol.$post());

export const useEnrolTotp = () => useMutation({ mutationFn: enrolTotp });
