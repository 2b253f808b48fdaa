import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** How many statements one connection keeps prepared; the least recently used goes first past it. */
export const STATEMENT_CACHE_SIZE = 250;

/** What node-postgres's connection remembers of the statements it has prepared (pg/lib/connection.js). */
interface PreparedOnConnection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
}

type QueryCallback = (error: Error | null, result?: unknown) => void;

/**
 * The embedded database's client: every statement with parameters is prepared once per connection and
 * then sent as Bind and Execute only, the way JDBC, pgx and Npgsql prepare statements they see again
 * (docs/architecture.md, "Prepared statements on the embedded database").
 *
 * PGlite is PostgreSQL compiled to WebAssembly: parsing and planning a statement costs there several
 * times what it costs a server, and a page sends the same texts request after request (the session,
 * the entity reads of TypeORM, the audit append). Measured on the office's data (10,000 cases): the
 * session's statement 0.65–1.8 ms unnamed against 0.2–0.4 ms prepared, a case by id 0.3–0.7 ms against
 * 0.18–0.35 ms.
 *
 * The embedded database is one session whatever the connection (docs/architecture.md, trap 1): a name
 * outlives the connection that prepared it. So each client names its statements with a prefix of its own
 * (random, so no two clients of any pool, module instance or test in the process share one), drops the
 * least recently used past `STATEMENT_CACHE_SIZE` (DEALLOCATE), and drops all of its own when it ends
 * (the pool ends a client idle for 30 s). Only statements sent with parameters are named: a text without
 * them goes by the simple protocol, which allows several statements in one text (migrations).
 *
 * A statement named by its caller (the server's named statements, named-statements.ts) is left as it is.
 */
export class StatementCachingClient extends pg.Client {
  private readonly prefix = `lantern_${randomBytes(4).toString('hex')}_`;
  /** Text → name, least recently used first. */
  private readonly names = new Map<string, string>();
  private made = 0;
  /** The pool's `statementCacheSize` (tests), else STATEMENT_CACHE_SIZE. */
  private readonly size: number;

  constructor(config?: pg.ClientConfig & { statementCacheSize?: number }) {
    super(config);
    this.size = config?.statementCacheSize ?? STATEMENT_CACHE_SIZE;
  }

  private get prepared(): PreparedOnConnection {
    return (this as unknown as { connection: PreparedOnConnection }).connection;
  }

  /** The name of `text`'s statement on this connection, making room for it if it is new. */
  private nameOf(text: string): string {
    const known = this.names.get(text);
    if (known !== undefined) {
      this.names.delete(text);
      this.names.set(text, known);
      return known;
    }
    if (this.names.size >= this.size) this.drop(this.names.keys().next().value as string);
    const name = `${this.prefix}${++this.made}`;
    this.names.set(text, name);
    return name;
  }

  /**
   * A `DEALLOCATE` this client sent of its own accord and not yet answered. Every query asked for
   * meanwhile is sent after it, in the order asked, rather than queued behind it in node-postgres (a
   * query sent while another is under way: version 8 warns of it, version 9 will refuse it).
   */
  private deallocating: Promise<void> | null = null;

  /**
   * Forgets a statement, and deallocates it if the database has prepared it (what is asked next waits
   * for that: `deallocating`). One still being prepared is only forgotten: its name is never given again.
   */
  private drop(text: string): void {
    const name = this.names.get(text)!;
    this.names.delete(text);
    const connection = this.prepared;
    if (connection.parsedStatements[name] === undefined) return;
    delete connection.parsedStatements[name];
    const sent: Promise<void> = (super.query(`DEALLOCATE ${name}`) as Promise<unknown>)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (this.deallocating === sent) this.deallocating = null;
      });
    this.deallocating = sent;
  }

  // node-postgres's overloads: (text, values?, callback?), (config, values?, callback?), (submittable).
  override query(...args: unknown[]): never {
    if (this.deallocating) return this.queryAfterDeallocating(args);
    const [first, second, third] = args;
    let config: unknown = first;
    let values: unknown = second;
    let callback: unknown = third;
    if (typeof values === 'function') {
      callback = values;
      values = undefined;
    }
    if (typeof first === 'string') {
      config = { text: first };
    } else if (first && typeof first === 'object' && typeof (first as { submit?: unknown }).submit !== 'function') {
      config = { ...(first as object) };
    } else {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const query = config as { text?: unknown; name?: unknown; values?: unknown };
    const params = values ?? query.values;
    const run = super.query as (config: unknown, values?: unknown, callback?: unknown) => unknown;
    if (!(query.name === undefined && typeof query.text === 'string' && Array.isArray(params) && params.length > 0)) {
      return (callback === undefined ? run.call(this, config, values) : run.call(this, config, values, callback)) as never;
    }
    const text = query.text;
    query.name = this.nameOf(text);
    // Naming this one made room by dropping another: it is asked for again once that one is deallocated,
    // as any query asked for meanwhile is. (`nameOf` may have set it since the check above.)
    if (this.deallocating as Promise<void> | null) return this.queryAfterDeallocating(args);
    // A statement the session no longer has as prepared (26000), or whose result's shape a schema change
    // altered (0A000), is forgotten: the next use prepares it afresh.
    const stale = (error: unknown) => {
      const code = (error as { code?: string } | null)?.code;
      if ((code === '26000' || code === '0A000') && this.names.get(text) === query.name) this.drop(text);
    };
    if (callback === undefined) {
      return (run.call(this, config, values) as Promise<unknown>).catch((error: unknown) => {
        stale(error);
        throw error;
      }) as never;
    }
    return run.call(this, config, values, (error: Error | null, result?: unknown) => {
      if (error) stale(error);
      (callback as QueryCallback)(error, result);
    }) as never;
  }

  /** `query`, asked for while a `DEALLOCATE` is under way: sent after it, answered in the form asked. */
  private queryAfterDeallocating(args: unknown[]): never {
    const [first] = args;
    const later = this.deallocating!.then(() => this.query(...args) as unknown);
    if (first && typeof first === 'object' && typeof (first as { submit?: unknown }).submit === 'function') {
      // A submittable (a cursor): node-postgres answers with the object itself, whose events tell the rest.
      void later;
      return first as never;
    }
    const callback = args.find((a) => typeof a === 'function') as QueryCallback | undefined;
    if (callback) {
      void later.catch((error: Error) => callback(error));
      return undefined as never;
    }
    return later as never;
  }

  /** Deallocates this client's statements before it goes (the session stays, with whatever it holds). */
  override end(): Promise<void>;
  override end(callback: (error: Error) => void): void;
  override end(callback?: (error: Error) => void): Promise<void> | void {
    const own = Object.keys(this.prepared.parsedStatements).filter((name) => name.startsWith(this.prefix));
    const state = this as unknown as { _queryable?: boolean; _ending?: boolean };
    const finish = (): Promise<void> => (super.end as () => Promise<void>).call(this);
    let ended: Promise<void>;
    if (own.length === 0 || state._queryable === false || state._ending) ended = finish();
    else {
      for (const name of own) delete this.prepared.parsedStatements[name];
      this.names.clear();
      const deallocate = () => super.query(own.map((name) => `DEALLOCATE ${name}`).join('; ')) as Promise<unknown>;
      ended = (this.deallocating ? this.deallocating.then(deallocate) : deallocate()).catch(() => undefined).then(finish);
    }
    if (!callback) return ended;
    ended.then(() => (callback as (error?: Error) => void)(), callback);
  }
}
