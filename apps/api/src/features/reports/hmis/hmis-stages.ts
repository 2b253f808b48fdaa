/**
 * When the HMIS records of income and benefits, disabilities and domestic violence of one enrollment are
 * dated, and which of them carry the case's funder data (docs/reports.md, "Records at entry, update,
 * annual assessment and exit"). Lantern keeps one funder data record per case, with the day its answers
 * were collected (`informationDate`); it does not keep earlier answers once they are changed. So the
 * export can only say what it knows: the answers are given at the one stage their date places them, and
 * every other record it must write says "not collected" (99).
 */

/** 5.03 DataCollectionStage: 1 project start, 2 update, 3 project exit, 5 annual assessment. */
export type HmisStage = 1 | 2 | 3 | 5;

export interface HmisCollection {
  stage: HmisStage;
  /** The record's InformationDate, `YYYY-MM-DD`. */
  at: string;
  /** The record carries the funder data's answers; otherwise each element says 99. */
  answered: boolean;
}

/** HUD's window for an annual assessment: 30 days either side of an anniversary of the entry. */
export const ANNUAL_WINDOW_DAYS = 30;
/** Lantern's rule: answers collected in the 30 days before the exit are the exit's answers. */
export const EXIT_WINDOW_DAYS = 30;

const DAY = 86_400_000;
const time = (day: string) => Date.parse(`${day}T00:00:00Z`);
const daysBetween = (from: string, to: string) => Math.round((time(to) - time(from)) / DAY);

/** The anniversary of `entry` in the year `entry`'s year + `years` (29 February becomes 28 February). */
function anniversary(entry: string, years: number): string {
  const [y, m, d] = entry.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** `day` falls within the annual-assessment window of an anniversary of `entry` (the first one or later). */
export function isAnnualAssessmentDay(entry: string, day: string): boolean {
  const years = Math.floor(daysBetween(entry, day) / 365.25);
  return [years, years + 1].some((k) => k >= 1 && Math.abs(daysBetween(anniversary(entry, k), day)) <= ANNUAL_WINDOW_DAYS);
}

/**
 * The records of one enrollment (entry, exit when it is closed) given its funder data (`informationDate`
 * null when the answers carry no date; `hasData` false when there is no funder data at all):
 * - **project start** (1), dated the entry, always; answered when the answers were collected on or before
 *   the entry, or carry no date;
 * - collected later, the answers are the **exit** record's when collected in the 30 days before the exit;
 *   otherwise an **annual assessment** (5) on their date when it falls within 30 days of an anniversary
 *   of the entry; otherwise an **update** (2) on their date;
 * - **project exit** (3), dated the exit, for every closed enrollment; answered when the answers were
 *   collected in the 30 days before the exit (whichever record above also has them).
 * At most one record per stage.
 */
export function hmisCollections(entry: string, exit: string | null, informationDate: string | null, hasData: boolean): HmisCollection[] {
  const collected = hasData ? informationDate : null;
  const atExit = exit !== null && collected !== null && daysBetween(collected, exit) <= EXIT_WINDOW_DAYS;
  const records: HmisCollection[] = [{ stage: 1, at: entry, answered: hasData && (collected === null || collected <= entry) }];
  if (collected !== null && collected > entry && !atExit) {
    records.push({ stage: isAnnualAssessmentDay(entry, collected) ? 5 : 2, at: collected, answered: true });
  }
  if (exit !== null) records.push({ stage: 3, at: exit, answered: atExit });
  return records;
}
