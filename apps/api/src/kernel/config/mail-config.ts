/** How Lantern sends e-mail (docs/operations.md, E-mail). */
export interface MailConfig {
  /** `smtp://` or `smtps://` URL of the relay, with its credentials; null: no relay (see `transport`). */
  smtpUrl: string | null;
  /** The From address, `Name <address>` or a bare address. */
  from: string;
  /** Where people reach Lantern: the base of every link a mail carries. */
  publicUrl: string;
}

/** Builds the error that refuses to start (config.ts passes its ConfigError; a file cycle otherwise). */
type Fail = (message: string) => Error;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A bare address or `Display Name <address>`: one line, one address. */
const ADDRESS = /^[^\s@<>"(),;:]+@[A-Za-z0-9.-]+\.?[A-Za-z0-9-]*$/;

function parseFrom(raw: string, fail: Fail): string {
  const value = raw.trim();
  if (/[\r\n]/.test(raw) || value.length > 254) throw fail('LANTERN_MAIL_FROM must be one address, such as Lantern <lantern@example.org>');
  const named = /^([^<>"\r\n]{0,100})<([^<>\s]+)>$/.exec(value);
  const address = named ? named[2]! : value;
  if (!ADDRESS.test(address)) throw fail('LANTERN_MAIL_FROM must be one address, such as Lantern <lantern@example.org>');
  return value;
}

/** The SMTP URL is checked without ever repeating it: it may carry a password. */
function parseSmtpUrl(raw: string, demo: boolean, fail: Fail): string {
  const problem = 'LANTERN_SMTP_URL must look like smtps://user:password@mail.example.org:465 (or smtp:// for STARTTLS on 587)';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail(problem);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname || url.pathname.replace(/\/$/, '') !== '' || url.hash) {
    throw fail(problem);
  }
  if (url.port && !(Number(url.port) > 0 && Number(url.port) < 65536)) throw fail(problem);
  // Demo data must never leave the machine: only a mail catcher on this host (a test's SMTP server).
  if (demo && !LOOPBACK.has(url.hostname)) {
    throw fail('LANTERN_SMTP_URL in demo mode may only point at a mail catcher on this machine (localhost): a demo sends no mail out');
  }
  return url.toString();
}

function parsePublicUrl(raw: string, fail: Fail): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail('LANTERN_PUBLIC_URL must be an http(s) URL, such as https://lantern.example.org');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username || url.password) {
    throw fail('LANTERN_PUBLIC_URL must be an http(s) URL without query, fragment or credentials');
  }
  return url.toString().replace(/\/+$/, '');
}

export function loadMailConfig(
  env: NodeJS.ProcessEnv,
  context: { env: 'production' | 'development' | 'test'; demo: boolean; port: number },
  fail: Fail,
): MailConfig {
  const smtpUrl = env.LANTERN_SMTP_URL?.trim() ? parseSmtpUrl(env.LANTERN_SMTP_URL, context.demo, fail) : null;
  if (smtpUrl && !env.LANTERN_MAIL_FROM?.trim()) throw fail('LANTERN_MAIL_FROM is required with LANTERN_SMTP_URL');
  const from = env.LANTERN_MAIL_FROM?.trim() ? parseFrom(env.LANTERN_MAIL_FROM, fail) : 'Lantern <lantern@localhost>';
  if (context.env === 'production' && smtpUrl && !env.LANTERN_PUBLIC_URL?.trim()) {
    throw fail('LANTERN_PUBLIC_URL is required with LANTERN_SMTP_URL in production: it is the base of the links mails carry');
  }
  const publicUrl = env.LANTERN_PUBLIC_URL?.trim() ? parsePublicUrl(env.LANTERN_PUBLIC_URL, fail) : `http://localhost:${context.port || 3000}`;
  return { smtpUrl, from, publicUrl };
}
