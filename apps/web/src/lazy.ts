import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page loaded on first use, from a module with named exports (one chunk per resource page). */
export function lazyPage<K extends string, M extends Record<K, ComponentType>>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
