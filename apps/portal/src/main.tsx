import "@tietoni/ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { AppProvider } from "./app/provider.tsx";
import { AppRouter } from "./app/router.tsx";
import { queryClient } from "./lib/query-client.ts";
import { sessionQueryOptions } from "./lib/session.ts";

// Ask who is signed in before the first render, so the page's code and data can follow sooner (issue 6, P7).
void queryClient.prefetchQuery(sessionQueryOptions());

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
