/**
 * A minimal iCalendar (RFC 5545) writer for the private calendar feed. Written here rather than taken
 * from a library: `ical-generator` 11 needs Node 22 and Lantern runs on Node 20, and a feed of timed
 * events in UTC needs only a few properties. What RFC 5545 asks of them is all here: CRLF line ends
 * (3.1), lines folded at 75 octets without splitting a UTF-8 character (3.1), TEXT values escaped
 * (3.3.11), UTC date-times in the form 19980119T070000Z (3.3.5), and DTSTAMP and UID on every event
 * (3.6.1).
 */

export interface FeedEvent {
  /** Stable across fetches and changes: the appointment's id. */
  uid: string;
  start: Date;
  end: Date;
  /** Plain text; escaped here. */
  summary: string;
  /** Bumped with every change of the appointment, so clients replace their copy. */
  sequence: number;
  lastModified: Date;
}

export interface FeedCalendar {
  name: string;
  /** When this feed was produced: the DTSTAMP of every event (METHOD:PUBLISH). */
  stamp: Date;
  events: FeedEvent[];
}

const CRLF = '\r\n';

/** 19980119T070000Z. */
export function icalDateTime(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // No other control character may appear in a TEXT value.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 3.1): each continuation starts with
 * one space, which counts toward its 75. Never splits a multi-octet UTF-8 character.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

export function renderCalendar(calendar: FeedCalendar): string {
  const stamp = icalDateTime(calendar.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lantern//Appointments//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}@lantern`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icalDateTime(event.start)}`,
      `DTEND:${icalDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `SEQUENCE:${event.sequence}`,
      `LAST-MODIFIED:${icalDateTime(event.lastModified)}`,
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'CLASS:PRIVATE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
