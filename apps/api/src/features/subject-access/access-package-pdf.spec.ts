import { SUBJECT_ACCESS_SECTIONS, type SubjectAccessPackage } from '@lantern/contracts';
import { pdfText } from '../../testing/pdf-text.js';
import { accessPackagePdf } from './access-package-pdf.js';

/** Line breaking of the subject access PDF across subset fonts (docs/subject-access.md, "Scripts in the PDF"). */
describe('accessPackagePdf', () => {
  const pkgWith = (survivor: Record<string, unknown>) =>
    ({ generatedAt: '2026-01-02T03:04:05Z', survivor: { id: 'survivor-1', ...survivor }, ...Object.fromEntries(SUBJECT_ACCESS_SECTIONS.map((s) => [s, []])) }) as unknown as SubjectAccessPackage;

  it('wraps long text at spaces only, never inside a word drawn from two subsets', async () => {
    // Words of every length before "Nguyễn" put its Latin/Vietnamese boundaries at every place on a line.
    const note = Array.from({ length: 200 }, (_, i) => `${'x'.repeat(i % 7)}Nguyễn`).join(' ');
    const { text, notdef } = pdfText(await accessPackagePdf(pkgWith({ note }), 'en', { compress: false }));
    expect(text).toContain(`Note: ${note} Cases`);
    expect(notdef).toBe(0);
  });

  it('keeps the text\'s own line breaks and still breaks a word longer than a line', async () => {
    const long = 'a'.repeat(200);
    const { text } = pdfText(await accessPackagePdf(pkgWith({ note: 'Иван\nПетров', id: long }), 'en', { compress: false }));
    expect(text).toContain('Note: Иван Петров');
    expect(text.replace(/ /g, '')).toContain(`Id:${long}`);
    expect(text).not.toContain(`Id: ${long}`); // pdfkit broke it across lines
  });
});
