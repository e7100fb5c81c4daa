import { Component, type ReactNode, Suspense } from "react";
import { ErrorMessage } from "./error-message.tsx";

type Props = { children: ReactNode /** Moving to another page (a new key) tries again. */; resetKey: string };
type State = { failed: boolean; resetKey: string };

/**
 * Catches a page that fails to load its code or to render, and shows the generic error in its place instead of
 * an empty window (the apps' lazy routes have no router-level error element).
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <ErrorMessage code="server_error" /> : this.props.children;
  }
}

/**
 * Where a layout shows its page: a page's code loads on its first visit (the apps' lazy routes), and until then the
 * shell stands alone; a page that fails shows the generic error, and moving to another page tries again.
 *
 * @example
 * <PageSlot resetKey={location.pathname}><Outlet /></PageSlot>
 */
export function PageSlot({ resetKey, children }: Props) {
  return (
    <PageErrorBoundary resetKey={resetKey}>
      <Suspense fallback={null}>{children}</Suspense>
    </PageErrorBoundary>
  );
}
