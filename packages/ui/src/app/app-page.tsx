import type { ReactNode } from "react";
import { usePageTitle as useWindowTitle } from "./use-page-title.ts";

/**
 * An app's page helpers, bound to how it reads its own name: `usePageTitle` for a page that draws its own heading,
 * and `Page` for the common one, an `<h1>` (also the window title), an optional introduction and the content.
 */
export function createAppPage(useAppTitle: () => string) {
  function usePageTitle(title: string) {
    useWindowTitle(title, useAppTitle());
  }
  function Page({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
    usePageTitle(title);
    return (
      <>
        <h1>{title}</h1>
        {intro !== undefined && <p>{intro}</p>}
        {children}
      </>
    );
  }
  return { usePageTitle, Page };
}
