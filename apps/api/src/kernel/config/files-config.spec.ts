import { refusal, SERVER_ENV as server } from '../../testing/config-env.js';
import { loadConfig } from './config.js';

/** Shaped like an AWS secret key: it holds '/' and '+', so the URL carries it as %2F. */
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYs3cr3tKey';
const inUrl = encodeURIComponent(SECRET);

describe('document storage configuration (LANTERN_FILES_S3_URL, issue 15)', () => {
  it('without it, documents stay in PostgreSQL', () => {
    expect(loadConfig(server).files).toEqual({ s3: null });
    expect(loadConfig({ ...server, LANTERN_FILES_S3_URL: '  ' }).files).toEqual({ s3: null });
  });

  it('reads the keys, host, port, bucket, prefix and options', () => {
    const url = `s3://AKIAEXAMPLE:${inUrl}@minio.internal:9000/lantern-files/prod/documents?region=eu-west-1&tls=false&forcePathStyle=true`;
    expect(loadConfig({ ...server, LANTERN_FILES_S3_URL: url }).files?.s3).toEqual({
      endpoint: 'http://minio.internal:9000',
      region: 'eu-west-1',
      bucket: 'lantern-files',
      prefix: 'prod/documents',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET },
    });
  });

  it('defaults: TLS, us-east-1, virtual-hosted style, no prefix; no keys means the SDK default credentials', () => {
    expect(loadConfig({ ...server, LANTERN_FILES_S3_URL: 's3://S3.EU-WEST-1.amazonaws.com/lantern-files/' }).files?.s3).toEqual({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'us-east-1',
      bucket: 'lantern-files',
      prefix: '',
      forcePathStyle: false,
      credentials: null,
    });
  });

  it.each([
    ['not a URL', `s3//AK:${inUrl}@host/bucket`],
    ['another scheme', `https://AK:${inUrl}@host/bucket`],
    ['no host', `s3://AK:${inUrl}@/bucket`],
    ['a port out of range', `s3://AK:${inUrl}@host:70000/bucket`],
    ['no bucket', `s3://AK:${inUrl}@host:9000`],
    ['a bucket name S3 refuses', `s3://AK:${inUrl}@host/b`],
    ['a prefix climbing out', `s3://AK:${inUrl}@host/bucket/../other`],
    ['a prefix with spaces', `s3://AK:${inUrl}@host/bucket/my%20files`],
    ['a key without its secret', 's3://AK@host/bucket'],
    ['an unknown option', `s3://AK:${inUrl}@host/bucket?regoin=us-east-1`],
    ['an option that is not true or false', `s3://AK:${inUrl}@host/bucket?tls=no`],
    ['a bad region', `s3://AK:${inUrl}@host/bucket?region=us%20east`],
    ['a malformed escape in the secret', 's3://AK:wJalr%ZZsecretKey@host/bucket'],
    ['a fragment', `s3://AK:${inUrl}@host/bucket#x`],
  ])('refuses to start on %s, naming the variable and never the secret', (_label, url) => {
    const error = refusal({ ...server, LANTERN_FILES_S3_URL: url });
    expect(error.message).toContain('LANTERN_FILES_S3_URL');
    for (const secret of [SECRET, inUrl, 'wJalr', 'AK:']) expect(error.message).not.toContain(secret);
  });
});
