/**
 * Fails a query asked of a node-postgres client while that client still runs another. One client
 * runs one statement at a time: in a transaction, `Promise.all` over its manager queues the others
 * behind it, which node-postgres 8 warns of once a process ("Calling client.query() when the client is
 * already executing a query") and pg@9 refuses. The warning names no caller, so the tests make it an
 * error where it happens. A test of how a client answers callers who do queue (the statement cache's)
 * runs inside `allowingQueuedQueries` (src/testing/queued-queries.ts).
 */
const { Client } = require('pg');

const query = Client.prototype.query;
Client.prototype.query = function oneAtATime(...args) {
  if ((this._activeQuery || this._queryQueue.length > 0) && !this.pipeline && !globalThis.queuedQueriesAllowed) {
    throw new Error('A query was asked of a database client still running another: await one before asking the next');
  }
  return query.apply(this, args);
};
