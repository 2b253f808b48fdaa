import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { NotificationsService } from '../notifications/index.js';
import { DocumentReads } from './document-reads.js';
import { DocumentScans } from './document-scans.js';
import { DocumentStorage } from './document-storage.js';
import { DocumentsService } from './documents.service.js';

/**
 * For the documents' tests (*.int-spec.ts of this folder, and the route walks): the feature's services
 * built afresh over a running test app, so a test can change the environment they read at start
 * (LANTERN_FILES_MAX_MB, the scanner's address) or the configuration (`files`: an S3 bucket), and make
 * chunks smaller; and fixture files.
 */
export interface DocumentServices {
  service: DocumentsService;
  reads: DocumentReads;
  scans: DocumentScans;
  storage: DocumentStorage;
  /** Closes the storage's connections (an S3 client's sockets). */
  close(): void;
}

export function documentServices(app: INestApplication, options: { config?: Partial<AppConfig>; chunkBytes?: number } = {}): DocumentServices {
  const get = <T>(token: abstract new (...args: never[]) => T): T => app.get(token as never, { strict: false });
  const dataSource = get(DataSource);
  const config = { ...app.get<AppConfig>(APP_CONFIG, { strict: false }), ...options.config };
  const storage = new DocumentStorage(dataSource, config);
  const scans = new DocumentScans(dataSource, get(FieldCipher), get(AuditService), get(Clock), get(Jobs), get(NotificationsService), storage, config);
  scans.onModuleInit();
  const service = new DocumentsService(dataSource, get(FieldCipher), get(AuditService), get(Clock), get(RecordAccess), scans, storage, config);
  if (options.chunkBytes) service.settings.chunkBytes = options.chunkBytes;
  const reads = new DocumentReads(get(FieldCipher), get(AuditService), get(RecordAccess), storage);
  return { service, reads, scans, storage, close: () => storage.onModuleDestroy() };
}

// Acting as someone is shared by every medium test (testing/acting.ts).
export { as, type Person } from '../../testing/acting.js';

/** A stream of `bytes`, in pieces of `piece` bytes. */
export function streamOf(bytes: Buffer, piece = 64 * 1024): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= bytes.length) return void this.push(null);
      this.push(bytes.subarray(at, at + piece));
      at += piece;
    },
  });
}

/** The EICAR test file, built at run time (never committed as a file). */
export function eicar(): Buffer {
  return Buffer.from(['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR', '-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join(''), 'latin1');
}

export function minimalPdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
}

export function minimalPng(): Buffer {
  return Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );
}

/** A ZIP (stored, no compression) with these entries: enough to be an Office Open XML container. */
export function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export const docx = () => zipOf({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' });
export const xlsx = () => zipOf({ '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'xl/workbook.xml': '<workbook/>' });

/** Reads a stream to its end (for small test files only). */
export async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
