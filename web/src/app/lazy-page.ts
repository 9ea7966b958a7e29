import { createElement, lazy, type ComponentType } from 'react';

/** A component whose code is loaded when first rendered, or ahead of that by `preload()`. */
export type LazyPage = ComponentType & { preload?: () => Promise<unknown> };

/**
 * Like React's `lazy`, but rendered at once when `preload()` fetched its code before the
 * first render: a plain lazy component suspends on its first render even then, and React
 * holds back the content of a Suspense boundary until its fallback has shown for 300 ms.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | null = null;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  // Chosen at the first render and kept: switching component types would remount the page.
  let chosen: ComponentType | null = null;
  function Page() {
    chosen ??= loaded ?? Lazy;
    return createElement(chosen);
  }
  return Object.assign(Page, { preload });
}
