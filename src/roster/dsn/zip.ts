/**
 * DSN files out of a zip (a year of them), through the zip reader of workbooks (../zip.ts): read
 * where they lie, nothing written to disk, sizes counted while inflating, never trusted. Each
 * file is held whole (a DSN is read to its end before any row is audited), within its own bound
 * and a budget for the whole archive; refusals are worded for an archive, not a workbook.
 */
import { InputError } from '../../model/input-error.js';
import { ZipArchive } from '../zip.js';

export interface ZipLimits {
  maxEntries: number;
  /** Bytes one file may inflate to. */
  maxEntryBytes: number;
  /** Bytes all files together may inflate to. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxEntryBytes: 256 << 20, maxTotalBytes: 1 << 30 };

/** DSN text compresses well, far below this; the byte bounds are what hold memory. */
const RATIO = 1000;

const refused = (name: string, what: string) => new InputError(`L'archive « ${name} » est refusée : ${what}. Déposez les DSN une à une, ou en plusieurs archives.`, 'invalid');
const broken = (name: string, why: string) => new InputError(`L'archive « ${name} » ne peut pas être lue : ${why}.`, 'invalid');

export function openZip(path: string, name: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipArchive> {
  return ZipArchive.open(path, name, { entries: limits.maxEntries, totalBytes: limits.maxTotalBytes, ratio: RATIO, tooLarge: refused, unreadable: broken });
}

/** One file of the archive, whole, with at most `budget` bytes (what the archive's budget has left). */
export async function readWhole(zip: ZipArchive, file: string, budget: number, limits: ZipLimits = ZIP_LIMITS): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const bytes = Math.min(limits.maxEntryBytes, budget);
  for await (const chunk of zip.read(file, { bytes, label: `les octets du fichier « ${file} »` })) chunks.push(chunk);
  return Buffer.concat(chunks);
}
