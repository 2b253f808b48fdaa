/**
 * Reads back the text of an uncompressed pdfkit PDF (`compress: false`), the way a PDF reader copies it:
 * glyphs of an embedded font are mapped to characters through the font's ToUnicode CMap, glyphs of a
 * standard font are Latin-1 bytes. Fragments on one baseline are joined directly, lines with one space.
 * `notdef` counts glyphs drawn as .notdef (glyph 0, the empty box): text a font could not draw.
 */
export function pdfText(pdf: Buffer): { text: string; notdef: number; fonts: string[] } {
  const source = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);

  // Resource name (/F3) → that font's glyph → characters map, or null for a standard font.
  const maps = new Map<string, Map<number, string> | null>();
  const fonts = new Set<string>();
  for (const dict of source.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const [, name, id] of dict[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(id!) ?? '';
      const baseFont = /\/BaseFont\s*\/([^\s/]+)/.exec(font)?.[1];
      if (baseFont) fonts.add(baseFont.replace(/^[A-Z]{6}\+/, ''));
      const cmapId = /\/ToUnicode\s+(\d+) 0 R/.exec(font)?.[1];
      maps.set(name!, cmapId ? toUnicode(objects.get(cmapId) ?? '') : null);
    }
  }

  let text = '';
  let notdef = 0;
  let map: Map<number, string> | null = null;
  let lineY: string | undefined;
  // Only the pages' content streams (a font file could hold anything).
  const content = [...source.matchAll(/\/Contents (\d+) 0 R/g)].map((m) => objects.get(m[1]!) ?? '').join('\n');
  for (const op of content.matchAll(/1 0 0 1 \S+ (\S+) Tm|\/(\w+) \S+ Tf|\[([^\]]*)\]\s*TJ/g)) {
    if (op[1] !== undefined) {
      if (lineY !== undefined && op[1] !== lineY) text += ' ';
      lineY = op[1];
    } else if (op[2] !== undefined) {
      map = maps.get(op[2]) ?? null;
    } else {
      for (const [, hex] of op[3]!.matchAll(/<([0-9a-f]*)>/gi)) {
        if (!map) {
          text += Buffer.from(hex!, 'hex').toString('latin1');
          continue;
        }
        for (const gid of hex!.match(/.{4}/g) ?? []) {
          const glyph = parseInt(gid, 16);
          if (glyph === 0) notdef += 1;
          text += map.get(glyph) ?? '';
        }
      }
    }
  }
  return { text: text.replace(/ {2,}/g, ' '), notdef, fonts: [...fonts] };
}

/** pdfkit's ToUnicode CMap: `<first> <last> [<codes> <codes> …]` ranges of UTF-16 code units. */
function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, first, list] of cmap.matchAll(/<([0-9a-f]{4})>\s*<[0-9a-f]{4}>\s*\[([^\]]*)\]/gi)) {
    [...list!.matchAll(/<([0-9a-f ]*)>/gi)].forEach(([, units], i) => {
      // A glyph a character was split into (a mark placed by the font) maps to no characters: `<>`.
      map.set(parseInt(first!, 16) + i, String.fromCharCode(...(units!.match(/[0-9a-f]{4}/gi) ?? []).map((u) => parseInt(u, 16))));
    });
  }
  return map;
}
