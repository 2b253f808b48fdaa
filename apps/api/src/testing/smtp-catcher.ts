import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { DataSource } from 'typeorm';

/**
 * Sets aside the mails earlier suites left waiting in this jest worker's database (they share it, one
 * suite after another; most run with no mail relay, so their mails stay pending). Without this, a suite
 * that delivers through its own SMTP server sends all of them first: 150 such mails made the reminders'
 * digest test take 17 s instead of 0.2 s, and a longer backlog ran past the 30 s limit. Call it right
 * after createTestApp, before the suite queues anything of its own. Marked `expired`, as the outbox does
 * with a mail past its time.
 */
export async function setAsideEarlierMail(dataSource: DataSource): Promise<void> {
  await dataSource.query(`UPDATE notification_outbox SET status = 'expired', body = NULL, lease_until = NULL WHERE status IN ('pending', 'sending')`);
}

/** A mail as it arrived at the test's SMTP server, with its text decoded. */
export interface CaughtMail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

/** What the server answers to each message in turn: accept, or an SMTP reply code with a message. */
export type Answer = 'accept' | { code: number; message: string };

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

function decodePart(headers: string, body: string): string {
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Enough MIME for what nodemailer writes: a subject, and a text and an HTML part (multipart/alternative). */
export function parseMail(raw: string): Pick<CaughtMail, 'subject' | 'text' | 'html'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const subject = decodeWords(/^subject:\s*(.*)$/im.exec(head)?.[1] ?? '');
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  let text = '';
  let html = '';
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`${head}\r\n\r\n${body}`];
  for (const part of parts) {
    const at = part.indexOf('\r\n\r\n');
    const headers = part.slice(0, at);
    const content = decodePart(headers, part.slice(at + 4).replace(/\r\n$/, ''));
    if (/content-type:\s*text\/html/i.test(headers)) html = content;
    else if (/content-type:\s*text\/plain/i.test(headers)) text = content;
  }
  return { subject, text, html };
}

/**
 * A real SMTP server on an ephemeral port, in the test's process (smtp-server), that keeps what arrives.
 * `answers` scripts its replies to successive messages (then it accepts): a 4xx to see a retry, a 5xx
 * to see a permanent failure.
 */
export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  /** Messages answered with an error (not kept in `mails`). */
  refused = 0;
  private server: SMTPServer;
  private readonly waiters: (() => void)[] = [];
  port = 0;

  constructor(readonly answers: Answer[] = []) {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const answer = this.answers.shift() ?? 'accept';
          if (answer !== 'accept') {
            this.refused++;
            const error = new Error(answer.message) as Error & { responseCode: number };
            error.responseCode = answer.code;
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMail(raw),
          });
          callback();
          this.waiters.splice(0).forEach((wake) => wake());
        });
      },
    };
    this.server = new SMTPServer(options);
  }

  /** Listens on `port` (0: any free port). */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` mails have arrived (or fails after `timeoutMillis`). */
  async waitFor(count: number, timeoutMillis = 10_000): Promise<CaughtMail[]> {
    const deadline = Date.now() + timeoutMillis;
    while (this.mails.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} mails at the test SMTP server, got ${this.mails.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
    return this.mails;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
