import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const nowIso = (): string => new Date().toISOString();
export const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** JSON text column → value; a broken value (never written by this code) reads as null. */
export function parseJson<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}
