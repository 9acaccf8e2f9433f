/**
 * Loading data for pages: a tiny async hook, and caches of what does not change while the page
 * is open (the conventions and their grids).
 */
import { useEffect, useState } from 'react';
import { api, ApiError } from './api.js';
import type { ConventionView, GridView } from './types.js';
import { inForceAt } from '../../src/grids/in-force.js';

export type Async<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'done'; data: T };

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError((e as Error)?.message ?? 'Erreur inattendue.', 0);
}

/** Runs `load` when `key` changes; the latest call wins. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, key: string | null): Async<T> & { reload: () => void } {
  const [state, setState] = useState<Async<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setState((s) => (s.state === 'loading' ? s : { state: 'loading' }));
    load(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState({ state: 'done', data });
      },
      (e: unknown) => {
        if (!ctl.signal.aborted) setState({ state: 'error', error: asApiError(e) });
      },
    );
    return () => ctl.abort();
  }, [key, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export const loadConventions = () => cached('conventions', () => api<ConventionView[]>('/api/conventions'));

export const loadGrid = (idcc: string, at?: string) =>
  cached(`grid:${idcc}:${at ?? ''}`, () => api<GridView>(`/api/conventions/${encodeURIComponent(idcc)}/grid${at ? `?at=${encodeURIComponent(at)}` : ''}`));

export function useConventions() {
  return useAsync(() => loadConventions(), 'conventions');
}

/** Today in the French time zone, as AAAA-MM-JJ. */
export function todayIso(): string {
  const parts = new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return parts;
}

/** The grid of a convention in force on a date (summary only). */
export function gridInForce(conv: ConventionView, at: string): ConventionView['grids'][number] | undefined {
  return inForceAt(conv.grids, at, (g) => g.effectiveFrom, (g) => g.effectiveTo);
}
