import { Test } from 'supertest';
import { CLIENT_HEADER } from '../kernel/http/csrf.js';

/**
 * The tests call the API as the web app does (apps/web/src/providers/http.ts): every request carries
 * `X-Lantern-Client`, which the CSRF check (kernel/http/csrf.ts) accepts as proof that a request came
 * from Lantern's own pages. A request that already says where it comes from (an `Origin` or
 * `Sec-Fetch-Site` of its own) is left as it is, and `bare()` sends one with none of them.
 */
const BARE = Symbol('bare request');

type Marked = Test & { [BARE]?: true };

/** Sends this request without the web app's header, to see what the CSRF check makes of it. */
export function bare<T extends Test>(test: T): T {
  (test as Marked)[BARE] = true;
  return test;
}

const patched = Symbol.for('lantern.supertest.web-client');
const proto = Test.prototype as Test & { [patched]?: true };
if (!proto[patched]) {
  proto[patched] = true;
  const end = proto.end;
  proto.end = function (this: Marked, callback) {
    if (!this[BARE] && !this.get(CLIENT_HEADER) && !this.get('origin') && !this.get('sec-fetch-site')) this.set(CLIENT_HEADER, 'web');
    return end.call(this, callback);
  };
}
