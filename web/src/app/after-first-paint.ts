import { startTransition, useEffect, useState } from 'react';

/**
 * False on a component's first render, true once that render has been painted: controls
 * that can wait (filters, the frame's menus) are drawn after the page's content, as a
 * transition that a data update (the queue's rows) may interrupt.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
