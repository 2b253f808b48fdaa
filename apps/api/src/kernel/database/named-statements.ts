import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import { isEmbedded } from './data-source-options.js';

/** The pool under a DataSource (node-postgres), the same connections TypeORM uses. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * Names for the prepared statements of texts that come back request after request (docs/architecture.md,
 * "Named statements"). A named statement is parsed once per pooled connection (node-postgres remembers
 * which names a connection has prepared and then sends only Bind and Execute), and PostgreSQL may keep its
 * plan. The names are bounded: at most `max` texts get one, each its own name for the life of the process
 * (a name is never given to another text, which node-postgres would refuse), and a text past the bound is
 * sent unnamed as before. Every connection of the pool keeps at most `max` statements of a namer.
 *
 * On the embedded database nothing is named here: it is one session whatever the connection
 * (data-source-options.ts, `isEmbedded`), so a name would outlive the connection that prepared it. Its
 * pool's client prepares every statement with parameters under names of its own (statement-cache.ts).
 */
export class StatementNames {
  /** Namers made in this process: each names with its own number, so two on one pool never share a name. */
  private static made = 0;
  private readonly names = new Map<string, string>();
  private readonly on: boolean;
  private readonly prefix: string;

  constructor(
    dataSource: DataSource,
    prefix: string,
    readonly max: number,
  ) {
    this.on = !isEmbedded(dataSource);
    this.prefix = `${prefix}_${++StatementNames.made}`;
  }

  /** The name of `text`'s statement, or undefined to send it unnamed. */
  nameOf(text: string): string | undefined {
    if (!this.on) return undefined;
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.max) {
      name = `${this.prefix}_${this.names.size + 1}`;
      this.names.set(text, name);
    }
    return name;
  }

  /** How many texts have a name (tests). */
  get size(): number {
    return this.names.size;
  }
}

/** Runs `text` on the DataSource's pool, as the statement `name` when given (outside any transaction). */
export async function poolQuery<R extends QueryResultRow>(dataSource: DataSource, name: string | undefined, text: string, values: unknown[]): Promise<R[]> {
  const result = await poolOf(dataSource).query<R>({ name, text, values });
  return result.rows;
}
