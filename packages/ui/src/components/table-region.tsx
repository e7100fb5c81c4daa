import type { ReactNode } from "react";

/**
 * Lets a wide table scroll sideways on small screens. The wrapper is focusable so keyboard users can scroll it,
 * and labelled (use the table's caption) because a focusable region needs a name.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-region" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
