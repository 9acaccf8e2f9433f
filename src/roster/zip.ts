/**
 * The parts of a zip (a .xlsx, or a year of DSN files), read from the file where they lie and
 * inflated as they stream: nothing is written to disk, any part can be read in any order (shared
 * strings stored after the sheet), and the sizes the archive declares are never trusted — bytes
 * are counted as they are inflated, against a limit per part, a budget for the whole archive and
 * a compression ratio.
 */
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { fr, tooLarge, unreadable, XLSX_LIMITS } from './limits.js';

/** Past this many inflated bytes, a part must inflate at most `ratio` times its size. */
const RATIO_GRACE = 1 << 20;

export interface PartLimit {
  /** Most inflated bytes of this part. */
  bytes: number;
  /** What the part is, in a message (« les textes partagés »). */
  label: string;
}

/** The bounds of an archive, and how its refusals are worded (a workbook's, by default). */
export interface ArchiveRules {
  entries: number;
  totalBytes: number;
  ratio: number;
  tooLarge(file: string, what: string): Error;
  unreadable(file: string, why: string): Error;
}

const WORKBOOK: ArchiveRules = { entries: XLSX_LIMITS.entries, totalBytes: XLSX_LIMITS.totalBytes, ratio: XLSX_LIMITS.ratio, tooLarge, unreadable };

export class ZipArchive {
  /** Inflated bytes read from every part so far. */
  private inflated = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: ReadonlyMap<string, yauzl.Entry>,
    private readonly file: string,
    private readonly rules: ArchiveRules,
  ) {}

  static async open(path: string, file: string, rules: ArchiveRules = WORKBOOK): Promise<ZipArchive> {
    const { tooLarge, unreadable } = rules;
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false, strictFileNames: false }, (err, z) => (err ? reject(unreadable(file, `ce n'est pas une archive zip valide (${err.message})`)) : resolve(z))),
    );
    if (zip.entryCount > rules.entries) {
      zip.close();
      throw tooLarge(file, `l'archive compte ${fr(zip.entryCount)} éléments, au-delà de la limite de ${fr(rules.entries)}`);
    }
    const entries = new Map<string, yauzl.Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (e: yauzl.Entry) => {
          // Part names are case-insensitive (Open Packaging Conventions).
          entries.set(e.fileName.toLowerCase(), e);
          zip.readEntry();
        });
        zip.on('end', resolve);
        zip.on('error', (err: Error) => reject(unreadable(file, `archive zip endommagée (${err.message})`)));
        zip.readEntry();
      });
    } catch (e) {
      zip.close();
      throw e;
    }
    return new ZipArchive(zip, entries, file, rules);
  }

  /** The files of the archive, as it names them (folders left out). */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.fileName).filter((n) => !n.endsWith('/'));
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** Compressed size of a part, for progress. */
  compressedSize(name: string): number {
    return this.entries.get(name.toLowerCase())?.compressedSize ?? 0;
  }

  /**
   * The inflated bytes of part `name`, in chunks; `read(n)` is told of the compressed bytes
   * consumed. Throws a French InputError past a limit; the streams are closed however the
   * caller stops.
   */
  async *read(name: string, limit: PartLimit, read?: (compressed: number) => void): AsyncGenerator<Buffer> {
    const { tooLarge, unreadable, ratio, totalBytes } = this.rules;
    const entry = this.entries.get(name.toLowerCase());
    if (!entry) throw unreadable(this.file, `la partie « ${name} » manque`);
    if (entry.isEncrypted()) throw unreadable(this.file, `« ${entry.fileName} » est protégé par un mot de passe`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw unreadable(this.file, `méthode de compression ${entry.compressionMethod} inconnue`);
    const raw = await new Promise<NodeJS.ReadableStream & { destroy(): void }>((resolve, reject) =>
      this.zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (err, s) => (err ? reject(unreadable(this.file, `archive zip endommagée (${err.message})`)) : resolve(s as NodeJS.ReadableStream & { destroy(): void }))),
    );
    let compressed = 0;
    raw.on('data', (b: Buffer) => {
      compressed += b.length;
      read?.(compressed);
    });
    const inflater = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: 64 << 10 }) : undefined;
    const stream = inflater ? raw.pipe(inflater) : raw;
    // Errors of the raw stream do not cross pipe().
    if (inflater) raw.on('error', (e: Error) => inflater.destroy(e));
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.inflated += chunk.length;
        if (bytes > limit.bytes) throw tooLarge(this.file, `${limit.label} dépassent ${fr(limit.bytes / 1024 ** 2)} Mio une fois décompressés`);
        if (this.inflated > totalBytes) throw tooLarge(this.file, `son contenu dépasse ${fr(totalBytes / 1024 ** 2)} Mio une fois décompressé`);
        if (bytes > RATIO_GRACE && bytes > ratio * Math.max(compressed, 1)) {
          throw tooLarge(this.file, `${limit.label} se décompressent plus de ${ratio} fois (bombe de décompression ?)`);
        }
        yield chunk;
      }
    } catch (e) {
      if ((e as Error).name === 'InputError') throw e;
      throw unreadable(this.file, `archive zip endommagée (${(e as Error).message})`);
    } finally {
      raw.destroy();
      inflater?.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** XML parts are UTF-8, or UTF-16 with a byte-order mark. */
export function xmlDecoder(first: Buffer): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le');
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}
