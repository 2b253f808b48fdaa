import { connect, type Socket } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * A minimal client of clamd's INSTREAM command (clamd(8), "INSTREAM"): the file is sent as chunks, each
 * prefixed with its length as a 4-byte big-endian integer, ended by a zero-length chunk; clamd answers
 * `stream: OK`, `stream: <signature> FOUND`, or `... ERROR`. Kept in this one file so a maintained client
 * package can replace it (docs/documents.md). No file content or name is ever logged or thrown.
 */
export type ClamdAddress = { socket: string } | { host: string; port: number };

export type ScanVerdict = { infected: false } | { infected: true; signature: string };

export class ScannerUnavailableError extends Error {
  constructor(readonly code: string) {
    super(`The virus scanner could not scan the file (${code})`);
    this.name = 'ScannerUnavailableError';
  }
}

/** clamd's StreamMaxLength default is 25 MB; bigger files are refused by clamd unless it is configured higher. */
const MAX_PIECE = 64 * 1024;

function open(address: ClamdAddress): Socket {
  return 'socket' in address ? connect({ path: address.socket }) : connect({ host: address.host, port: address.port });
}

/** Streams `content` to clamd and resolves with its verdict; rejects with ScannerUnavailableError otherwise. */
export async function scanStream(address: ClamdAddress, content: Readable, timeoutMs: number): Promise<ScanVerdict> {
  const socket = open(address);
  const answer: Buffer[] = [];
  const ended = new Promise<string>((resolve, reject) => {
    socket.on('data', (data: Buffer) => answer.push(data));
    socket.once('end', () => resolve(Buffer.concat(answer).toString('utf8')));
    socket.once('error', (error: NodeJS.ErrnoException) => reject(new ScannerUnavailableError(error.code ?? 'SOCKET_ERROR')));
  });
  ended.catch(() => undefined);
  socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'SCAN_TIMEOUT' })));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      ended.catch(reject);
    });
    const write = (data: Buffer) =>
      new Promise<void>((resolve, reject) => socket.write(data, (error) => (error ? reject(new ScannerUnavailableError('WRITE_FAILED')) : resolve())));
    await write(Buffer.from('zINSTREAM\0', 'latin1'));
    for await (const chunk of content) {
      const data = chunk as Buffer;
      for (let at = 0; at < data.length; at += MAX_PIECE) {
        const piece = data.subarray(at, at + MAX_PIECE);
        const size = Buffer.alloc(4);
        size.writeUInt32BE(piece.length);
        await write(Buffer.concat([size, piece]));
      }
      if (socket.destroyed) break;
    }
    await write(Buffer.alloc(4));
    socket.end();
    return verdictOf(await ended);
  } finally {
    socket.destroy();
    content.destroy();
  }
}

export function verdictOf(reply: string): ScanVerdict {
  const text = reply.replace(/\0/g, '').trim();
  if (/^stream: OK$/.test(text)) return { infected: false };
  const found = /^stream: (.{1,190}) FOUND$/.exec(text);
  if (found) return { infected: true, signature: found[1]!.replace(/[^\w.:-]/g, '_') };
  // "INSTREAM size limit exceeded. ERROR" and the like: not a verdict.
  throw new ScannerUnavailableError(/size limit/i.test(text) ? 'STREAM_TOO_LARGE' : 'SCANNER_ERROR');
}

/** clamd answers PING with PONG: whether a scanner is there at all. */
export async function ping(address: ClamdAddress, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = open(address);
    let reply = '';
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('connect', () => socket.end('zPING\0'));
    socket.on('data', (data: Buffer) => (reply += data.toString('utf8')));
    socket.on('close', () => resolve(reply.replace(/\0/g, '').trim() === 'PONG'));
    socket.on('error', () => undefined);
  });
}
