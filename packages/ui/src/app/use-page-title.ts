import { useEffect } from "react";

/** Each page names itself in the window title, so screen-reader users hear where they landed. */
export function usePageTitle(title: string, appTitle: string) {
  useEffect(() => {
    document.title = `${title} – ${appTitle}`;
  }, [title, appTitle]);
}
