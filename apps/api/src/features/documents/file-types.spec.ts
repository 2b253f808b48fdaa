import { TypeSniffer } from './file-types.js';
import { docx, eicar, minimalPdf, minimalPng, xlsx, zipOf } from './documents.testing.js';

function sniff(bytes: Buffer, piece = 7): string | null {
  const sniffer = new TypeSniffer();
  for (let at = 0; at < bytes.length; at += piece) sniffer.push(bytes.subarray(at, at + piece));
  return sniffer.finish();
}

describe('TypeSniffer', () => {
  it('tells each accepted type from its bytes, whatever the pieces they arrive in', () => {
    expect(sniff(minimalPdf())).toBe('pdf');
    expect(sniff(minimalPng())).toBe('png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]))).toBe('jpeg');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(4), Buffer.from('mif1heic', 'latin1'), Buffer.alloc(16)]);
    expect(sniff(heic)).toBe('heic');
    const generic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmif1', 'latin1'), Buffer.alloc(4), Buffer.from('mif1heic', 'latin1'), Buffer.alloc(16)]);
    expect(sniff(generic)).toBe('heic');
    expect(sniff(docx(), 3)).toBe('docx');
    expect(sniff(xlsx(), 1000)).toBe('xlsx');
    expect(sniff(Buffer.from('Lease ends in June.\nRent: 600 €\r\n', 'utf8'), 3)).toBe('txt');
    expect(sniff(eicar())).toBe('txt'); // printable ASCII: a text file, which the scanner then judges
  });

  it('refuses what is none of them', () => {
    expect(sniff(Buffer.alloc(0))).toBeNull();
    expect(sniff(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]))).toBeNull(); // a Windows executable
    expect(sniff(Buffer.from('text with a NUL\0 inside'))).toBeNull();
    expect(sniff(Buffer.from([0x68, 0x69, 0xc3, 0x28]))).toBeNull(); // invalid UTF-8
    expect(sniff(zipOf({ 'a.txt': 'plain zip' }))).toBeNull();
    expect(sniff(zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': 'x', 'xl/workbook.xml': 'y' }))).toBeNull();
    expect(sniff(zipOf({ 'word/document.xml': 'no content types' }))).toBeNull();
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypavif', 'latin1'), Buffer.alloc(4), Buffer.from('mif1avif', 'latin1'), Buffer.alloc(16)]);
    expect(sniff(avif)).toBeNull();
  });

  it('finds the directory of a DOCX behind more than a MiB of content', () => {
    const big = zipOf({ '[Content_Types].xml': '<Types/>', 'word/media/image1.bin': 'x'.repeat(3 * 1024 * 1024), 'word/document.xml': '<w:document/>' });
    expect(sniff(big, 256 * 1024)).toBe('docx');
  });
});
