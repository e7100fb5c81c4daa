// Placeholder: the erasure and restriction decisions for a request, filled in this issue.
export function OperationsPanel(_props: { requestId: string }) {
  return null;
}
