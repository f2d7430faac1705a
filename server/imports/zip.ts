// The zip container of an .xlsx, read here rather than by a library: the central directory is checked (entry
// count, declared sizes, compression ratio) before anything is inflated, and each entry we need is inflated with
// a hard output bound, so a size that lies is caught too. JSZip (what exceljs uses) inflates whole entries into
// memory before it compares sizes, and offers no bound. Also a tiny writer of uncompressed zips, used to hand
// exceljs a cleaned-up workbook (see xlsx-read.ts).
import { crc32, inflateRawSync } from 'node:zlib';
import { AppError } from '../http/errors.js';
import { LIMITS } from './limits.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_COMMENT = 0xffff;

const damaged = () => new AppError('invalid', 'imports.file.damaged');
const unsupported = () => new AppError('invalid', 'imports.file.zipUnsupported');
const MB = 1024 * 1024;

function findEndOfCentralDirectory(zip: Buffer): number {
  const last = zip.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (zip.readUInt32LE(at) === EOCD_SIGNATURE && at + EOCD_SIZE + zip.readUInt16LE(at + 20) <= zip.length) return at;
  }
  throw damaged();
}

/** The entries listed in the central directory, after checking their number and declared sizes. */
export function readZipDirectory(zip: Buffer): ZipEntry[] {
  if (zip.length < EOCD_SIZE) throw damaged();
  const eocd = findEndOfCentralDirectory(zip);
  const disk = zip.readUInt16LE(eocd + 4);
  const cdDisk = zip.readUInt16LE(eocd + 6);
  const entriesHere = zip.readUInt16LE(eocd + 8);
  const entryCount = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  // ZIP64 markers: never needed below 4 GB, so never in a file we accept.
  if (entryCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw unsupported();
  if (disk !== 0 || cdDisk !== 0 || entriesHere !== entryCount) throw unsupported();
  if (entryCount > LIMITS.maxZipEntries) {
    throw new AppError('too_large', 'imports.file.zipTooManyEntries', { params: { max: LIMITS.maxZipEntries } });
  }
  if (cdOffset + cdSize > eocd) throw damaged();

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + CENTRAL_SIZE > cdOffset + cdSize || zip.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged();
    const nameLength = zip.readUInt16LE(at + 28);
    const next = at + CENTRAL_SIZE + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (next > cdOffset + cdSize) throw damaged();
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(at + 8),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      throw unsupported();
    }
    if (entry.localHeaderOffset + LOCAL_SIZE > cdOffset || entry.localHeaderOffset + entry.compressedSize > cdOffset) throw damaged();
    total += entry.uncompressedSize;
    if (total > LIMITS.maxUncompressedBytes) {
      throw new AppError('too_large', 'imports.file.zipTooBig', { params: { maxMb: LIMITS.maxUncompressedBytes / MB } });
    }
    if (entry.uncompressedSize > LIMITS.ratioMinBytes && entry.uncompressedSize > LIMITS.maxCompressionRatio * Math.max(1, entry.compressedSize)) {
      throw new AppError('too_large', 'imports.file.zipBomb');
    }
    entries.push(entry);
    at = next;
  }
  return entries;
}

/**
 * One entry's bytes, inflated with its declared size as a hard bound and checked against its CRC: a header
 * that understates the size fails here instead of filling memory.
 */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 0x0001) throw unsupported(); // encrypted
  const at = entry.localHeaderOffset;
  if (at + LOCAL_SIZE > zip.length || zip.readUInt32LE(at) !== LOCAL_SIGNATURE) throw damaged();
  const start = at + LOCAL_SIZE + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw damaged();
  const raw = zip.subarray(start, end);
  let data: Buffer;
  if (entry.method === 0) {
    data = raw;
  } else if (entry.method === 8) {
    try {
      // One byte more than declared, so that "more than declared" is seen as such rather than cut short.
      data = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch {
      throw damaged();
    }
  } else {
    throw unsupported();
  }
  if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc) throw damaged();
  return data;
}

/** An uncompressed zip of the given entries: exceljs reads it like any other. */
export function writeStoredZip(files: Array<{ name: string; data: Buffer }>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(LOCAL_SIZE);
    local.writeUInt32LE(LOCAL_SIGNATURE, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(CENTRAL_SIZE);
    header.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(file.data.length, 20);
    header.writeUInt32LE(file.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, file.data);
    central.push(header, name);
    offset += LOCAL_SIZE + name.length + file.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
