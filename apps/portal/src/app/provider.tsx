import { QueryClientProvider } from "@tanstack/react-query";
import { NoticeProvider } from "@tietoni/ui";
import type { ReactNode } from "react";
import { I18nProvider } from "../lib/i18n.ts";
import { noticeQueryOptions } from "../lib/notice.ts";
import { queryClient } from "../lib/query-client.ts";

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        {/* Every page names the controller and shows the notice's texts: the app waits for the served notice. */}
        <NoticeProvider query={noticeQueryOptions()}>{children}</NoticeProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
