import PDFDocument from 'pdfkit';
import { SUBJECT_ACCESS_SECTIONS, type SubjectAccessCustomValue, type SubjectAccessPackage, type SubjectAccessRecord, type SubjectAccessSection } from '@lantern/contracts';
import { hasMissing, MISSING_MARK, registerFonts, writeParagraph, type Weight } from './pdf-fonts.js';

export type PackageLocale = 'en' | 'es';

/** The PDF's words, in the requester's language (the web app's en/es). */
const WORDS: Record<PackageLocale, Record<SubjectAccessSection | 'title' | 'intro' | 'survivor' | 'none' | 'agreedVersions' | 'generatedAt' | 'missing' | 'custom' | 'retired', string>> = {
  en: {
    title: 'Subject access package',
    intro: 'Everything this program holds about you, as of the date below. Notes marked restricted and the content of documents are not included; documents are listed.',
    generatedAt: 'Produced on',
    survivor: 'Your record',
    cases: 'Cases',
    intakes: 'Intakes',
    consents: 'Consents',
    caseNotes: 'Case notes',
    servicePlans: 'Service plans',
    goals: 'Goals',
    tasks: 'Tasks',
    outcomeAssessments: 'Outcome assessments',
    referrals: 'Referrals',
    serviceDeliveries: 'Services given',
    immigrationRelief: 'Immigration relief',
    funderData: 'Funder data (HMIS)',
    appointments: 'Appointments',
    contacts: 'Contacts',
    documents: 'Documents (list)',
    agreedVersions: 'Agreed versions',
    custom: "The program's own questions",
    retired: 'no longer asked',
    none: 'None.',
    missing: `Some characters could not be drawn in this PDF and are shown as ${MISSING_MARK}. The JSON copy of this package holds the exact text.`,
  },
  es: {
    title: 'Paquete de acceso a los datos personales',
    intro: 'Todo lo que este programa tiene sobre usted, a la fecha indicada. No se incluyen las notas marcadas como restringidas ni el contenido de los documentos; los documentos se enumeran.',
    generatedAt: 'Elaborado el',
    survivor: 'Su registro',
    cases: 'Casos',
    intakes: 'Admisiones',
    consents: 'Consentimientos',
    caseNotes: 'Notas del caso',
    servicePlans: 'Planes de servicio',
    goals: 'Metas',
    tasks: 'Tareas',
    outcomeAssessments: 'Evaluaciones de resultados',
    referrals: 'Derivaciones',
    serviceDeliveries: 'Servicios prestados',
    immigrationRelief: 'Alivio migratorio',
    funderData: 'Datos para financiadores (HMIS)',
    appointments: 'Citas',
    contacts: 'Contactos',
    documents: 'Documentos (lista)',
    agreedVersions: 'Versiones acordadas',
    custom: 'Preguntas propias del programa',
    retired: 'ya no se pregunta',
    none: 'Ninguno.',
    missing: `Algunos caracteres no se pudieron mostrar en este PDF y aparecen como ${MISSING_MARK}. La copia JSON de este paquete contiene el texto exacto.`,
  },
};

/** Bookkeeping fields a reader has no use for. */
const HIDDEN = new Set(['organizationId', 'version']);

/**
 * The package as a readable PDF (features/subject-access, docs/subject-access.md): a heading per
 * section in the requester's language, each record as "Field: value" lines, dates written out (UTC).
 * Text is set in Noto Sans, one font per Unicode subset (pdf-fonts.ts); characters none of them covers are
 * marked, and a sentence near the top says so. `compress: false` keeps the text searchable in tests.
 */
export function accessPackagePdf(pkg: SubjectAccessPackage, locale: PackageLocale, options: { compress?: boolean } = {}): Promise<Buffer> {
  const words = WORDS[locale];
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: options.compress ?? true, info: { Title: words.title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  put(doc.fontSize(18), words.title, 'bold');
  put(doc.moveDown(0.5).fontSize(10), words.intro, 'regular');
  put(doc.moveDown(0.3), `${words.generatedAt}: ${readable(pkg.generatedAt, locale)}`, 'regular');
  if (hasMissing(JSON.stringify(pkg))) put(doc.moveDown(0.3), words.missing, 'bold');
  section(doc, words.survivor, [pkg.survivor], locale, words);
  for (const name of SUBJECT_ACCESS_SECTIONS) {
    section(doc, words[name], pkg[name], locale, words, name === 'servicePlans' ? words.agreedVersions : undefined);
  }
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, heading: string, records: SubjectAccessRecord[], locale: PackageLocale, words: Record<'none' | 'custom' | 'retired', string>, versionsHeading?: string): void {
  put(doc.moveDown(1).fontSize(14), heading, 'bold');
  doc.fontSize(10);
  if (records.length === 0) {
    put(doc, words.none, 'regular');
    return;
  }
  records.forEach((record, i) => {
    if (i > 0) doc.moveDown(0.6);
    for (const [field, value] of Object.entries(record)) {
      if (HIDDEN.has(field) || value === null || value === undefined || field === 'agreedVersions' || field === 'custom') continue;
      writeParagraph(doc, [[`${label(field)}: `, 'bold'], [readable(value, locale), 'regular']]);
    }
    // The program's own fields (issue 18), under their labels in her language, retired ones marked.
    const custom = record.custom as SubjectAccessCustomValue[] | undefined;
    if (Array.isArray(custom) && custom.length > 0) {
      put(doc.moveDown(0.3), words.custom, 'bold');
      for (const v of custom) {
        writeParagraph(doc, [[`${v.label}${v.retired ? ` (${words.retired})` : ''}: `, 'bold'], [v.text, 'regular']]);
      }
    }
    const versions = record.agreedVersions;
    if (versionsHeading && Array.isArray(versions) && versions.length > 0) {
      put(doc.moveDown(0.3), versionsHeading, 'bold');
      for (const v of versions as { revision: number; agreedOn: string; method: string; content: unknown }[]) {
        put(doc, `#${v.revision}, ${readable(v.agreedOn, locale)}, ${v.method.replaceAll('_', ' ')}`, 'regular');
        put(doc.fontSize(8), typeof v.content === 'string' ? v.content : JSON.stringify(v.content, null, 2), 'regular');
        doc.fontSize(10);
      }
    }
  });
}

/** One text in one weight, in the subset fonts (pdf-fonts.ts). */
function put(doc: PDFKit.PDFDocument, text: string, weight: Weight): void {
  writeParagraph(doc, [[text, weight]]);
}

/** `caseNumber` → "Case number". */
function label(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Dates written out in the requester's language; codes with spaces; lists joined. */
function readable(value: unknown, locale: PackageLocale): string {
  if (typeof value === 'string') {
    if (DAY.test(value)) return new Date(`${value}T00:00:00Z`).toLocaleDateString(locale, { dateStyle: 'long', timeZone: 'UTC' });
    if (INSTANT.test(value)) return `${new Date(value).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })} UTC`;
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => readable(v, locale)).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
