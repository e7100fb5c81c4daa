import { useMutation } from "@tanstack/react-query";
import { callApi } from "@tietoni/ui";
import { api } from "../../../lib/api-client.ts";

/** Uploads a file as the raw body (streamed to disk by the BFF) and answers its dry run's report. */
export const uploadImport = ({ file, system }: { file: File; system: string }) =>
  callApi(
    api.imports.$post(
      { query: { system, fileName: file.name } },
      { headers: { "content-type": "application/octet-stream" }, init: { body: file } },
    ),
  );

export type ImportReport = Awaited<ReturnType<typeof uploadImport>>;

export const useUploadImport = () => useMutation({ mutationFn: uploadImport });
