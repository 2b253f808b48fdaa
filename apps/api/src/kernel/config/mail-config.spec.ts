import { refusal, SERVER_ENV as server } from '../../testing/config-env.js';
import { loadConfig } from './config.js';

const PASSWORD = 'hunter2-s3cret-pw';

describe('mail configuration (issue 14)', () => {
  it('reads the SMTP URL, the From address and the public URL', () => {
    const config = loadConfig({
      ...server,
      LANTERN_SMTP_URL: `smtps://lantern:${PASSWORD}@mail.example.org:465`,
      LANTERN_MAIL_FROM: 'Lantern <lantern@example.org>',
      LANTERN_PUBLIC_URL: 'https://lantern.example.org/',
    });
    expect(config.mail).toEqual({ smtpUrl: `smtps://lantern:${PASSWORD}@mail.example.org:465`, from: 'Lantern <lantern@example.org>', publicUrl: 'https://lantern.example.org' });
  });

  it('without an SMTP URL mail waits in the outbox; links default to this host', () => {
    expect(loadConfig(server).mail).toEqual({ smtpUrl: null, from: 'Lantern <lantern@localhost>', publicUrl: 'http://localhost:3000' });
  });

  it.each([
    ['not a URL', `smtps//lantern:${PASSWORD}@mail.example.org`],
    ['another scheme', `https://lantern:${PASSWORD}@mail.example.org`],
    ['a path', `smtp://lantern:${PASSWORD}@mail.example.org:587/inbox`],
    ['no host', `smtp://lantern:${PASSWORD}@:587`],
  ])('refuses to start on a malformed SMTP URL (%s), naming the variable and never the password', (_label, url) => {
    const error = refusal({ ...server, LANTERN_SMTP_URL: url, LANTERN_MAIL_FROM: 'lantern@example.org' });
    expect(error.message).toContain('LANTERN_SMTP_URL');
    expect(error.message).not.toContain(PASSWORD);
  });

  it.each(['not an address', 'Lantern <lantern@example.org', 'a@b.org\r\nBcc: c@d.org', 'two@a.org, three@b.org'])('refuses a From address like %j', (from) => {
    expect(refusal({ ...server, LANTERN_SMTP_URL: 'smtp://mail.example.org:587', LANTERN_MAIL_FROM: from }).message).toContain('LANTERN_MAIL_FROM');
  });

  it('needs a From address with an SMTP URL, and in production a public URL', () => {
    expect(refusal({ ...server, LANTERN_SMTP_URL: 'smtp://mail.example.org:587' }).message).toContain('LANTERN_MAIL_FROM');
    const production = { ...server, NODE_ENV: 'production', LANTERN_SMTP_URL: 'smtp://mail.example.org:587', LANTERN_MAIL_FROM: 'lantern@example.org' };
    expect(refusal(production).message).toContain('LANTERN_PUBLIC_URL');
    expect(refusal({ ...production, LANTERN_PUBLIC_URL: 'https://lantern.example.org/?next=x' }).message).toContain('LANTERN_PUBLIC_URL');
    expect(loadConfig({ ...production, LANTERN_PUBLIC_URL: 'https://lantern.example.org' }).mail?.publicUrl).toBe('https://lantern.example.org');
  });

  it('demo mode sends nothing out: only a mail catcher on this machine is accepted', () => {
    const demo = { ...server, LANTERN_DEMO: '1', LANTERN_MAIL_FROM: 'lantern@example.org' };
    expect(refusal({ ...demo, LANTERN_SMTP_URL: `smtps://u:${PASSWORD}@mail.example.org:465` }).message).toMatch(/LANTERN_SMTP_URL in demo mode/);
    expect(loadConfig({ ...demo, LANTERN_SMTP_URL: 'smtp://127.0.0.1:2525' }).mail?.smtpUrl).toBe('smtp://127.0.0.1:2525');
  });
});
