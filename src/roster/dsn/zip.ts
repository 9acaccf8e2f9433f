/**
 * A bounded reader of zip archives, in memory: the central directory is read from the end of
 * the file, then each entry is inflated on demand with a cap on its output, so that an archive
 * that lies about its sizes (a "zip bomb") stops at the cap. No temporary file is written.
 * Only what payroll tools write is read: stored or deflated entries, no encryption, no ZIP64.
 */
import { inflateRawSync } from 'node:zlib';
import { open } from 'node:fs/promises';
import { InputError } from '../../api/lookup.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
  flags: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Bytes all entries together may inflate to. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { maxEntries: 500, maxEntryBytes: 256 << 20, maxTotalBytes: 1 << 30 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function broken(name: string, why: string): InputError {
  return new InputError(`L'archive « ${name} » ne peut pas être lue : ${why}.`, 'invalid');
}

/** The entries of an archive (directories left out); undefined when the file has no readable central directory. */
export async function zipEntries(path: string, name: string, limits: ZipLimits = ZIP_LIMITS): Promise<ZipEntry[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailSize = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailSize);
    await handle.read(tail, 0, tailSize, size - tailSize);
    let at = -1;
    for (let i = tailSize - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) return undefined;
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirOffset === 0xffffffff) throw broken(name, 'format ZIP64 non pris en charge (archive de plus de 4 Go ou de plus de 65 535 fichiers)');
    if (count > limits.maxEntries) throw broken(name, `elle contient ${count} fichiers, ${limits.maxEntries} au plus sont admis`);
    if (dirOffset + dirSize > size) return undefined;
    const dir = Buffer.alloc(dirSize);
    await handle.read(dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) return undefined;
      const nameLength = dir.readUInt16LE(p + 28);
      const entry: ZipEntry = {
        flags: dir.readUInt16LE(p + 8),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        size: dir.readUInt32LE(p + 24),
        name: dir.toString('utf8', p + 46, p + 46 + nameLength),
        offset: dir.readUInt32LE(p + 42),
      };
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
      if (!entry.name.endsWith('/')) entries.push(entry);
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * The bytes of one entry, inflated with `budget` bytes at most (the rest of the total allowed).
 * Throws a French message naming the archive and the entry when a limit is reached.
 */
export async function readZipEntry(path: string, name: string, entry: ZipEntry, budget: number, limits: ZipLimits = ZIP_LIMITS): Promise<Buffer> {
  const cap = Math.min(limits.maxEntryBytes, budget);
  const tooLarge = () =>
    broken(name, `le fichier « ${entry.name} » dépasse, une fois décompressé, la taille admise (${Math.round(limits.maxEntryBytes / 2 ** 20)} Mo par fichier, ${Math.round(limits.maxTotalBytes / 2 ** 20)} Mo en tout)`);
  if (entry.flags & 1) throw broken(name, `le fichier « ${entry.name} » est chiffré`);
  if (entry.method !== 0 && entry.method !== 8) throw broken(name, `le fichier « ${entry.name} » utilise une méthode de compression non prise en charge (${entry.method})`);
  if (entry.size > cap) throw tooLarge();
  const handle = await open(path, 'r');
  try {
    const local = Buffer.alloc(30);
    await handle.read(local, 0, 30, entry.offset);
    if (local.readUInt32LE(0) !== LOCAL) throw broken(name, `l'en-tête du fichier « ${entry.name} » est introuvable`);
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const packed = Buffer.alloc(entry.compressedSize);
    const { bytesRead } = await handle.read(packed, 0, packed.length, start);
    if (bytesRead < packed.length) throw broken(name, `le fichier « ${entry.name} » est tronqué`);
    if (entry.method === 0) return packed;
    try {
      return inflateRawSync(packed, { maxOutputLength: Math.max(1, cap) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw broken(name, `le fichier « ${entry.name} » est endommagé`);
    }
  } finally {
    await handle.close();
  }
}
