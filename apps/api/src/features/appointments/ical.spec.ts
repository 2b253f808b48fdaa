import { escapeText, foldLine, icalDateTime, renderCalendar } from './ical.js';

describe('iCalendar writer (RFC 5545)', () => {
  it('writes UTC date-times in the basic form', () => {
    expect(icalDateTime(new Date('2026-12-07T09:30:00.000Z'))).toBe('20261207T093000Z');
  });

  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(escapeText('tab\u0001less')).toBe('tabless');
  });

  it('folds at 75 octets, continuation lines starting with a space, never splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ñ'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    parts.slice(1).forEach((p) => expect(p.startsWith(' ')).toBe(true));
    // Unfolding (3.1: remove CRLF followed by one space) gives the line back, characters intact.
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('renders a calendar with CRLF line ends, DTSTAMP and a stable UID on each event', () => {
    const text = renderCalendar({
      name: 'Lantern, appointments',
      stamp: new Date('2026-12-05T04:00:00Z'),
      events: [
        {
          uid: '5d1f4c0e-1111-4222-8333-444455556666',
          start: new Date('2026-12-07T09:30:00Z'),
          end: new Date('2026-12-07T10:15:00Z'),
          summary: 'LN-2026-00042 – Court',
          sequence: 2,
          lastModified: new Date('2026-12-05T03:00:00Z'),
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('X-WR-CALNAME:Lantern\\, appointments');
    expect(lines).toEqual(
      expect.arrayContaining([
        'UID:5d1f4c0e-1111-4222-8333-444455556666@lantern',
        'DTSTAMP:20261205T040000Z',
        'DTSTART:20261207T093000Z',
        'DTEND:20261207T101500Z',
        'SUMMARY:LN-2026-00042 – Court',
        'SEQUENCE:2',
      ]),
    );
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});
