import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { DatabaseTarget } from '../kernel/database/data-source-options.js';

/**
 * A loopback proxy between the app and its database, so a test can cut the database off (every
 * connection dropped, new ones refused) and bring it back, like a restart or a network failure.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      if (this.stalled) for (const s of [client, upstream]) s.pause();
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The database "goes away": live connections drop, new ones are refused. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  private stalled = false;

  /** The database "stalls": connections stay open, but nothing passes either way until `resume()`. */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.pause();
  }

  /** What was held back flows again. */
  resume(): void {
    this.stalled = false;
    for (const s of this.sockets) s.resume();
  }

  /** The database is back, on the same port. */
  async restore(): Promise<void> {
    await this.start(this.port);
  }
}

/** Where a database target listens. */
export function endpointOf(target: DatabaseTarget): [string, number] {
  if (target.kind === 'embedded') return [target.host, target.port];
  const url = new URL(target.url);
  return [url.hostname, Number(url.port || 5432)];
}

/** The same database, reached through `proxy`. */
export function throughProxy(proxy: TcpProxy, target: DatabaseTarget): DatabaseTarget {
  if (target.kind === 'embedded') return { ...target, host: '127.0.0.1', port: proxy.port };
  const url = new URL(target.url);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { kind: 'server', url: url.toString() };
}
