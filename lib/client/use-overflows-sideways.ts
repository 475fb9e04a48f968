'use client';
// Whether an element's content is wider than the element (it scrolls sideways), kept up to date as the
// element is resized.
import { useEffect, useState, type RefObject } from 'react';

export function useOverflowsSideways(element: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const measure = () => setOverflows(node.scrollWidth > node.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return overflows;
}
