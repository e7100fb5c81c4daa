import { type ComponentType, createElement, lazy, useState } from "react";

/**
 * React.lazy that can start loading early and, once loaded, renders without suspending. React.lazy suspends on a
 * component's first render even when its code is already here, and React then holds the revealed content back
 * for its fallback throttle (about 300 ms); a page or part fetched ahead of time should paint at once (P7).
 *
 * @example
 * const Page = preloadable(() => import("./routes/my-data.tsx").then((m) => m.Component));
 * void Page.preload(); // e.g. at startup, beside the session check
 */
export function preloadable<Props extends object>(load: () => Promise<ComponentType<Props>>) {
  let loaded: ComponentType<Props> | undefined;
  let loading: Promise<ComponentType<Props>> | undefined;
  const preload = () => {
    loading ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return loading;
  };
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  function Preloadable(props: Props) {
    // Chosen once per mount: switching from Lazy to the loaded component later would remount it and lose state.
    const [Component] = useState(() => (loaded ?? Lazy) as ComponentType<Props>);
    return createElement(Component, props);
  }
  return Object.assign(Preloadable, { preload });
}
