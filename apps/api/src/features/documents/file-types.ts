import { StringDecoder } from 'node:string_decoder';
import type { DocumentTypeName } from '@lantern/contracts';

/**
 * Tells a file's type from its bytes, as they stream past (never the whole file in memory): PDF, JPEG,
 * PNG and HEIC by their signatures; DOCX and XLSX as ZIP archives whose central directory names the
 * Office Open XML main part (`word/document.xml`, `xl/workbook.xml`, with `[Content_Types].xml`), read
 * from the last MiB of the stream; TXT as valid UTF-8 without control characters other than tab, line
 * feed, form feed and carriage return. Anything else is not accepted. Kept in one file, free of the
 * rest of Lantern, so a library (e.g. `file-type`) can replace it.
 */
export class TypeSniffer {
  private static readonly HEAD = 4096;
  /** Enough for the central directory of any ordinary Office file (a few hundred entries). */
  private static readonly TAIL = 1024 * 1024;

  private head = Buffer.alloc(0);
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;
  private text = true;
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): void {
    if (this.head.length < TypeSniffer.HEAD) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, TypeSniffer.HEAD - this.head.length)]);
    }
    this.total += chunk.length;
    if (this.text) this.text = isPlainText(this.decoder.write(chunk), chunk);
    if (this.head.length >= 4 && !isZip(this.head)) return;
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - this.tail[0]!.length >= TypeSniffer.TAIL) this.tailBytes -= this.tail.shift()!.length;
  }

  /** The type, or null when the bytes are none of the accepted types. */
  finish(): DocumentTypeName | null {
    const h = this.head;
    if (this.total === 0) return null;
    if (h.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
    if (h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff) return 'jpeg';
    if (h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
    if (isHeic(h)) return 'heic';
    if (isZip(h)) return officeTypeOf(zipEntryNames(Buffer.concat(this.tail), this.total));
    if (this.text && !this.decoder.end().includes('\ufffd')) return 'txt';
    return null;
  }
}

function isZip(h: Buffer): boolean {
  return h.length >= 4 && h.readUInt32LE(0) === 0x04034b50;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

/** An ISO-BMFF `ftyp` box whose major brand, or (for the generic `mif1`/`msf1`) a compatible brand, is HEIC. */
function isHeic(h: Buffer): boolean {
  if (h.length < 16 || h.subarray(4, 8).toString('latin1') !== 'ftyp') return false;
  const size = Math.min(h.readUInt32BE(0), h.length);
  const major = h.subarray(8, 12).toString('latin1');
  if (HEIC_BRANDS.has(major)) return true;
  if (major !== 'mif1' && major !== 'msf1') return false;
  for (let at = 16; at + 4 <= size; at += 4) if (HEIC_BRANDS.has(h.subarray(at, at + 4).toString('latin1'))) return true;
  return false;
}

/** Valid so far: the decoder's replacement character means an invalid sequence; NUL and most C0 controls are binary. */
function isPlainText(decoded: string, raw: Buffer): boolean {
  if (decoded.includes('\ufffd') && !raw.includes(Buffer.from('\ufffd', 'utf8'))) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(decoded);
}

/**
 * The names in a ZIP's central directory, found through the end-of-central-directory record in `tail`
 * (the last bytes of a stream of `total` bytes). Null when the archive is malformed, ZIP64, or its
 * directory does not lie within `tail`.
 */
export function zipEntryNames(tail: Buffer, total: number): string[] | null {
  const start = total - tail.length;
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (tail.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = tail.readUInt16LE(at + 10);
    const size = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    if (offset === 0xffffffff || entries === 0xffff) return null;
    let p = offset - start;
    if (p < 0 || p + size > at) return null;
    const names: string[] = [];
    for (let i = 0; i < entries; i++) {
      if (p + 46 > at || tail.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = tail.readUInt16LE(p + 28);
      const skip = tail.readUInt16LE(p + 30) + tail.readUInt16LE(p + 32);
      names.push(tail.subarray(p + 46, p + 46 + nameLength).toString('utf8'));
      p += 46 + nameLength + skip;
    }
    return names;
  }
  return null;
}

function officeTypeOf(names: string[] | null): DocumentTypeName | null {
  if (!names || !names.includes('[Content_Types].xml')) return null;
  const word = names.includes('word/document.xml');
  const excel = names.includes('xl/workbook.xml');
  if (word === excel) return null; // neither, or an archive that claims to be both
  return word ? 'docx' : 'xlsx';
}

/** The types each file name extension stands for; a name whose extension says another type is refused. */
export const EXTENSIONS: Record<string, DocumentTypeName> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  heic: 'heic',
  heif: 'heic',
  docx: 'docx',
  xlsx: 'xlsx',
  txt: 'txt',
};
