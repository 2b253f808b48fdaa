import { createRequire } from 'node:module';

/**
 * Noto Sans for the subject access PDF (docs/subject-access.md, "Scripts in the PDF"). PDF's built-in
 * Helvetica covers WinAnsi only, so a Cyrillic, Greek or Vietnamese name would come out garbled. The
 * @fontsource/noto-sans package ships Noto Sans as one WOFF file per Unicode subset; a text is split
 * into runs by which subset has a glyph for each character and each run is written in that subset.
 */
export const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'devanagari'] as const;
export type Subset = (typeof SUBSETS)[number];
export type Weight = 'regular' | 'bold';

/** What is printed for characters no subset covers (Latin has it); the JSON copy keeps the exact text. */
export const MISSING_MARK = '\uFFFD';

/** A stretch of text drawn in one subset; `subset: null` is a stretch no subset can draw. */
export interface TextRun {
  subset: Subset | null;
  text: string;
}

/** The part of a fontkit font used here (fontkit is pdfkit's own font engine, which also lays out the runs). */
interface FontkitFont {
  characterSet: number[];
  layout(text: string): unknown;
}

const require = createRequire(import.meta.url);
// fontkit resolved from pdfkit, so the fonts are opened by the very engine that embeds them.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { openSync(path: string): FontkitFont };

interface LoadedSubset {
  subset: Subset;
  font: Record<Weight, FontkitFont>;
  covers: Set<number>;
}

let loaded: LoadedSubset[] | undefined;

/** Line breaks and tabs are layout, not glyphs: pdfkit acts on them, so any subset "has" them. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);

function covers(loadedSubset: LoadedSubset, cp: number): boolean {
  return loadedSubset.covers.has(cp) || LAYOUT.has(cp);
}

/** The sixteen fonts, opened once per process (the files are read from node_modules, also in the image). */
function fonts(): LoadedSubset[] {
  loaded ??= SUBSETS.map((subset) => {
    const open = (weight: 400 | 700) => fontkit.openSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`));
    const font = { regular: open(400), bold: open(700) };
    // Both weights of a subset cover the same characters; a character counts only if both have it.
    const bold = new Set(font.bold.characterSet);
    return { subset, font, covers: new Set(font.regular.characterSet.filter((cp) => bold.has(cp))) };
  });
  return loaded;
}

/** The name a subset's font is registered under in a document. */
export function fontName(subset: Subset, weight: Weight): string {
  return `noto-${subset}-${weight}`;
}

/** Registers every subset in both weights with a document; pdfkit embeds only the ones a text uses. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const { subset, font } of fonts()) {
    for (const weight of ['regular', 'bold'] as const) {
      // pdfkit (0.20) takes an opened fontkit font as a source; its typings list only paths and bytes.
      doc.registerFont(fontName(subset, weight), font[weight] as unknown as Buffer);
    }
  }
}

/**
 * Splits a text into runs by subset: a character stays in the current run's subset when that subset has it
 * (so spaces and accents do not break a Cyrillic word into pieces), otherwise it goes to the first subset
 * in SUBSETS order that has it, or into a `null` run when none does.
 */
export function splitRuns(text: string): TextRun[] {
  const all = fonts();
  const runs: TextRun[] = [];
  let current: LoadedSubset | null | undefined;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const next = current && covers(current, cp) ? current : (all.find((s) => covers(s, cp)) ?? null);
    const last = runs.at(-1);
    if (last && next === current) last.text += char;
    else runs.push({ subset: next?.subset ?? null, text: char });
    current = next;
  }
  return runs;
}

/** Whether some character of the text cannot be drawn by any subset. */
export function hasMissing(text: string): boolean {
  const all = fonts();
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (!all.some((s) => covers(s, cp))) return true;
  }
  return false;
}

/** Text of one paragraph with the weight it is written in: a bold label, then its value. */
export type Segment = readonly [text: string, weight: Weight];

/** A run ready to write: the registered font's name and the text to draw. */
interface Piece {
  font: string;
  text: string;
}

/**
 * Writes a paragraph in the subset fonts: each line of the text (at its line breaks) cut into runs and,
 * when it is wider than the page, into lines here. pdfkit wraps each run on its own, so a word whose
 * letters come from two subsets ("Nguyễn": Latin, Vietnamese, Latin) could be broken between its runs;
 * breaking at spaces before handing pdfkit lines that fit keeps words whole.
 */
export function writeParagraph(doc: PDFKit.PDFDocument, segments: readonly Segment[]): void {
  const lines: Piece[][] = [[]];
  for (const [text, weight] of segments) {
    text.split(/\r\n|\r|\n/).forEach((part, i) => {
      if (i > 0) lines.push([]);
      for (const run of splitRuns(part)) lines.at(-1)!.push({ font: fontName(run.subset ?? 'latin', weight), text: run.subset ? run.text : MISSING_MARK });
    });
  }
  for (const line of lines) writeLine(doc, line);
}

function writeLine(doc: PDFKit.PDFDocument, pieces: Piece[]): void {
  if (pieces.length === 0) {
    doc.moveDown(); // an empty line of the text
    return;
  }
  // Words end after their spaces, as pdfkit measures them; a word may span several pieces.
  const words: Piece[][] = [[]];
  for (const piece of pieces) {
    for (const part of piece.text.match(/[^ ]+ *| +/g) ?? []) {
      words.at(-1)!.push({ font: piece.font, text: part });
      if (part.endsWith(' ')) words.push([]);
    }
  }
  // Half a point to spare for pdfkit measuring each run on its own.
  const room = doc.page.width - doc.x - doc.page.margins.right - 0.5;
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  for (const word of words) {
    const width = word.reduce((sum, p) => sum + doc.font(p.font).widthOfString(p.text), 0);
    if (width > room) {
      emit(doc, pieces); // a word longer than a line (an id, a link): pdfkit breaks it where it must
      return;
    }
    if (used + width > room && line.length > 0) {
      lines.push(line);
      line = [];
      used = 0;
    }
    for (const p of word) {
      const last = line.at(-1);
      if (last?.font === p.font) last.text += p.text; // one run per font change, not per word
      else line.push({ ...p });
    }
    used += width;
  }
  lines.push(line);
  for (const l of lines) emit(doc, l);
}

/** One line (or paragraph) as runs chained with `continued`. */
function emit(doc: PDFKit.PDFDocument, pieces: Piece[]): void {
  pieces.forEach((p, i) => doc.font(p.font).text(p.text, { continued: i < pieces.length - 1 }));
}
