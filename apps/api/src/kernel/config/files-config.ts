/**
 * Where case documents' sealed chunks are kept (docs/documents.md, Storage): in PostgreSQL unless
 * `LANTERN_FILES_S3_URL` names an S3-compatible bucket. Either way Lantern encrypts each chunk before it
 * is stored; the bucket only ever holds ciphertext.
 */
export interface FilesConfig {
  /** The bucket for new uploads; null: chunks are rows of `document_chunk`. */
  s3: S3Location | null;
}

/** An S3-compatible bucket, parsed from `LANTERN_FILES_S3_URL`. */
export interface S3Location {
  /** `https://host[:port]` (or `http://` with `tls=false`). */
  endpoint: string;
  region: string;
  bucket: string;
  /** Object keys start with `<prefix>/` (no leading or trailing slash); '' for none. */
  prefix: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (most S3-compatible servers want it). */
  forcePathStyle: boolean;
  /** From the URL's user and password; null: the AWS SDK's default chain (AWS_ACCESS_KEY_ID, an instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

/** Builds the error that refuses to start (config.ts passes its ConfigError; a file cycle otherwise). */
type Fail = (message: string) => Error;

const VARIABLE = 'LANTERN_FILES_S3_URL';
const SHAPE = `${VARIABLE} must look like s3://ACCESS_KEY:SECRET@host:port/bucket/prefix?region=us-east-1 (docs/documents.md, S3 storage)`;
const OPTIONS = new Set(['region', 'tls', 'forcePathStyle']);
/** S3's bucket rule, a little wider (upper case and `_`) for S3-compatible servers that allow them. */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9._-]+$/;
const REGION = /^[A-Za-z0-9_-]{1,64}$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?=[/?#]|\s*$)/i;

function decoded(part: string, fail: Fail): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw fail(`${VARIABLE} has a malformed %-escape in its user or password (write / as %2F, @ as %40, : as %3A)`);
  }
}

function flag(value: string | null, name: string, fallback: boolean, fail: Fail): boolean {
  if (value === null) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw fail(`${VARIABLE}: the option ${name} must be true or false`);
}

/**
 * `LANTERN_FILES_S3_URL`, checked at start. Every message names the variable and what is wrong, and
 * never repeats the value or any part of it: it carries the secret key.
 */
function parseS3Url(raw: string, fail: Fail): S3Location {
  // The URL parser would resolve `/a/../b` to `/b` silently: another bucket or prefix than the one written.
  if (DOT_SEGMENT.test(raw)) throw fail(`${VARIABLE}: the bucket and prefix may not contain '.' or '..' segments`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw fail(SHAPE);
  }
  if (url.protocol !== 's3:' || !url.hostname || url.hash) throw fail(SHAPE);
  if (url.port && !(Number(url.port) > 0 && Number(url.port) < 65536)) throw fail(SHAPE);
  if (Boolean(url.username) !== Boolean(url.password)) {
    throw fail(`${VARIABLE} needs both an access key and a secret (s3://ACCESS_KEY:SECRET@host/...), or neither to use the AWS SDK's default credentials`);
  }

  const [bucket = '', ...rest] = url.pathname.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  if (!BUCKET.test(bucket)) throw fail(`${VARIABLE} needs a bucket name after the host (3 to 63 letters, digits, '.', '-' or '_'): s3://.../bucket/prefix`);
  if (rest.some((segment) => !PREFIX_SEGMENT.test(segment)) || rest.join('/').length > 200) {
    throw fail(`${VARIABLE}: the prefix after the bucket must be path segments of letters, digits, '.', '-' and '_' (at most 200 characters)`);
  }

  for (const name of url.searchParams.keys()) {
    if (!OPTIONS.has(name)) throw fail(`${VARIABLE} has an option Lantern does not know: the options are region, tls and forcePathStyle`);
  }
  const region = url.searchParams.get('region') ?? 'us-east-1';
  if (!REGION.test(region)) throw fail(`${VARIABLE}: the option region must be a region name such as us-east-1`);
  const tls = flag(url.searchParams.get('tls'), 'tls', true, fail);
  const forcePathStyle = flag(url.searchParams.get('forcePathStyle'), 'forcePathStyle', false, fail);

  // A special scheme would lower-case the host; s3: is not one.
  const host = url.hostname.toLowerCase();
  return {
    endpoint: `${tls ? 'https' : 'http'}://${host}${url.port ? `:${url.port}` : ''}`,
    region,
    bucket,
    prefix: rest.join('/'),
    forcePathStyle,
    credentials: url.username ? { accessKeyId: decoded(url.username, fail), secretAccessKey: decoded(url.password, fail) } : null,
  };
}

export function loadFilesConfig(env: NodeJS.ProcessEnv, fail: Fail): FilesConfig {
  const raw = env.LANTERN_FILES_S3_URL;
  return { s3: raw?.trim() ? parseS3Url(raw, fail) : null };
}
