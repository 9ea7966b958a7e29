import { useSyncExternalStore, type MouseEvent } from 'react';

const CHANGED = 'redress:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener('hashchange', listener);
  window.addEventListener(CHANGED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener('hashchange', listener);
    window.removeEventListener(CHANGED, listener);
  };
}

const snapshot = () => `${window.location.pathname}${window.location.hash}`;

/** The page's address (path and fragment), re-rendering when it changes. */
export function useAddress(): { pathname: string; hash: string } {
  useSyncExternalStore(subscribe, snapshot);
  return { pathname: window.location.pathname, hash: window.location.hash };
}

/** Moves to another public page without reloading: a few pages need no router library. */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGED));
  window.scrollTo(0, 0);
}

/** Props of a plain link that navigates in place (a modified click still opens a new tab). */
export function linkTo(path: string) {
  return {
    href: path,
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(path);
    },
  };
}
