import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { trackRequests } from './graceful-shutdown.js';

/**
 * The gate of the drain on its own, on a plain HTTP server: a request that arrives on a kept-alive
 * connection once draining has begun is refused with 503 and `Connection: close`, whatever the app
 * would have answered, while the request already in flight on that connection finishes normally.
 */
describe('the drain gate', () => {
  it('refuses a new request on a kept-alive connection with 503 and Connection: close, after the one in flight', async () => {
    let finishFirst: () => void = () => undefined;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (req.url === '/slow') {
        // Its answer has started before the drain, so it stays a keep-alive answer.
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '4' });
        res.write('sl');
        finishFirst = () => res.end('ow');
        return;
      }
      res.end('served');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const drain = trackRequests(server);
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));

    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    while (!received.includes('sl')) await new Promise((r) => setTimeout(r, 5));
    drain.draining = true;
    socket.write('GET /next HTTP/1.1\r\nHost: x\r\n\r\n');
    // Whether the server reads it before or after the first answer ends, it is a new request while draining.
    await new Promise((r) => setTimeout(r, 20));
    finishFirst();
    await closed;
    server.close();

    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/slow$/);
    expect(second).toMatch(/^HTTP\/1\.1 503/);
    expect(second).toMatch(/\r\nconnection: close\r\n/i);
    expect(second).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(second).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(received).not.toContain('served');
  });
});
