import { isPending } from "@tietoni/domain";
import { ApiError, ErrorMessage, Loading } from "@tietoni/ui";
import { useOperationRequest } from "../api/get-operation-request.ts";
import { ErasurePanel } from "./erasure-panel.tsx";
import { RestrictionPanel } from "./restriction-panel.tsx";

/**
 * The erasure or restriction decision for a request, on the request page. Other request types have no
 * operation here and render nothing.
 */
export function OperationsPanel({ requestId }: { requestId: string }) {
  const operation = useOperationRequest(requestId);
  if (operation.isPending) return <Loading />;
  if (operation.error) {
    // The request page itself says when a request does not exist.
    if (operation.error instanceof ApiError && operation.error.status === 404) return null;
    return <ErrorMessage code={operation.error instanceof ApiError ? operation.error.code : "server_error"} />;
  }
  const { request, restriction, customerAnonymised } = operation.data;
  const pending = isPending(request.state);
  if (request.type === "erasure") {
    return (
      <ErasurePanel
        requestId={request.id}
        pending={pending}
        anonymised={customerAnonymised}
        decidedAt={request.decidedAt}
      />
    );
  }
  if (request.type === "restriction") {
    return (
      <RestrictionPanel
        requestId={request.id}
        pending={pending}
        anonymised={customerAnonymised}
        ground={request.restrictionGround}
        restriction={restriction}
      />
    );
  }
  return null;
}
