/** A live region that is always in the page, so the confirmation is announced when it appears. */
export function SavedStatus({ message }: { message: string | null }) {
  return <div role="status">{message && <p className="success-message">{message}</p>}</div>;
}
