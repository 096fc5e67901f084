/**
 * The bundle container: one file carrying changes and the blobs they need, for a transfer
 * with no network (a USB stick into an air-gapped site). Format version 1, all integers
 * big-endian:
 *
 *   header   "DFBUNDLE" (8 bytes) · version u16 = 1 · flags u16 (bit 0: encrypted)
 *            encrypted only: kdf u8 = 1 (scrypt) · log2(N) u8 · r u8 · p u8 · salt (16)
 *                            · nonce prefix (7) · key check (16)
 *   body     plain: the payload
 *            encrypted: segments, each: length u32 (of the ciphertext, ≤ 1 MiB) · ciphertext
 *            · GCM tag (16); see bundle-crypto.ts
 *
 *   payload  records, in this order:
 *            'M' · length u32 · sha256 (32) of the JSON · manifest JSON (UTF-8)
 *            'B' · sha256 (32) · size u64 · the blob's bytes         (once per blob, manifest order)
 *            'E' · sha256 (32) of every payload byte before this record
 *
 * Every blob is checked against its hash, the manifest against its own, and the whole
 * payload against the end record, so a damaged byte anywhere is found before anything is
 * applied. A plain bundle is protected against accidents, not against a forger who rewrites
 * the hashes too; an encrypted one is authenticated (only a holder of the passphrase can
 * make one that opens).
 */
import { createHash, type Hash } from 'node:crypto';
import { readSync, writeSync } from 'node:fs';
import { altered, NONCE_PREFIX_BYTES, openSegment, sealSegment, SEGMENT_BYTES, TAG_BYTES, type CryptoHeader, KEY_CHECK_BYTES, SALT_BYTES } from './bundle-crypto.js';
import { BundleError } from './errors.js';

export const MAGIC = Buffer.from('DFBUNDLE', 'latin1');
export const FORMAT_VERSION = 1;
const FLAG_ENCRYPTED = 1;
const KDF_SCRYPT = 1;
/** A manifest larger than this is not one we wrote. */
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

// ---- header -------------------------------------------------------------------------------

export function encodeHeader(crypto?: CryptoHeader): Buffer {
  const fixed = Buffer.alloc(12);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(FORMAT_VERSION, 8);
  fixed.writeUInt16BE(crypto ? FLAG_ENCRYPTED : 0, 10);
  if (!crypto) return fixed;
  const kdf = Buffer.from([KDF_SCRYPT, crypto.kdf.log2N, crypto.kdf.r, crypto.kdf.p]);
  return Buffer.concat([fixed, kdf, crypto.salt, crypto.noncePrefix, crypto.keyCheck]);
}

export interface DecodedHeader { bytes: Buffer; crypto?: CryptoHeader }

export function readHeader(fd: number, file?: string): DecodedHeader {
  const fixed = readExactly(fd, 12, 0, file, 'header');
  if (!fixed.subarray(0, 8).equals(MAGIC)) throw new BundleError('not-a-bundle', 'not a DataForge bundle (no DFBUNDLE signature)', file);
  const version = fixed.readUInt16BE(8);
  if (version !== FORMAT_VERSION) throw new BundleError('bundle-too-new', `bundle format version ${version}; this DataForge reads version ${FORMAT_VERSION}: upgrade DataForge`, file);
  const flags = fixed.readUInt16BE(10);
  if (flags & ~FLAG_ENCRYPTED) throw new BundleError('bundle-too-new', `the bundle uses features this DataForge does not know (flags ${flags})`, file);
  if (!(flags & FLAG_ENCRYPTED)) return { bytes: fixed };
  const restLength = 4 + SALT_BYTES + NONCE_PREFIX_BYTES + KEY_CHECK_BYTES;
  const rest = readExactly(fd, restLength, 12, file, 'header');
  if (rest[0] !== KDF_SCRYPT) throw new BundleError('bundle-too-new', `unknown key derivation ${rest[0]}`, file);
  let at = 4;
  const take = (n: number) => rest.subarray(at, (at += n));
  const crypto: CryptoHeader = {
    kdf: { log2N: rest[1], r: rest[2], p: rest[3] },
    salt: Buffer.from(take(SALT_BYTES)), noncePrefix: Buffer.from(take(NONCE_PREFIX_BYTES)), keyCheck: Buffer.from(take(KEY_CHECK_BYTES)),
  };
  return { bytes: Buffer.concat([fixed, rest]), crypto };
}

function readExactly(fd: number, n: number, position: number, file: string | undefined, what: string): Buffer {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const r = readSync(fd, buf, got, n - got, position + got);
    if (r === 0) throw new BundleError('bundle-truncated', `the bundle ends inside its ${what}: it is incomplete (copied only partly?)`, file);
    got += r;
  }
  return buf;
}

// ---- body: bytes out ----------------------------------------------------------------------

interface Sink { write(b: Buffer): void; end(): void }

function fdWriter(fd: number): (b: Buffer) => void {
  return (b) => {
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
  };
}

class PlainSink implements Sink {
  private readonly put: (b: Buffer) => void;
  constructor(fd: number) { this.put = fdWriter(fd); }
  write(b: Buffer): void { this.put(b); }
  end(): void {}
}

class SealedSink implements Sink {
  private readonly put: (b: Buffer) => void;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  constructor(fd: number, private readonly key: Buffer, private readonly header: DecodedHeader) { this.put = fdWriter(fd); }

  write(b: Buffer): void {
    this.pending.push(b);
    this.pendingBytes += b.length;
    // A segment goes out as "not last" only once bytes exist after it.
    while (this.pendingBytes > SEGMENT_BYTES) {
      const all = Buffer.concat(this.pending);
      this.emit(all.subarray(0, SEGMENT_BYTES), false);
      this.pending = [all.subarray(SEGMENT_BYTES)];
      this.pendingBytes = all.length - SEGMENT_BYTES;
    }
  }

  end(): void {
    this.emit(Buffer.concat(this.pending), true);
    this.pending = [];
  }

  private emit(plain: Buffer, last: boolean): void {
    const sealed = sealSegment(this.key, this.header.crypto!.noncePrefix, this.header.bytes, this.index++, last, plain);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(sealed.length - TAG_BYTES);
    this.put(len);
    this.put(sealed);
  }
}

/** Writes payload records, keeping the running hash the end record carries. */
export class PayloadWriter {
  private readonly sink: Sink;
  private readonly hash: Hash = createHash('sha256');

  constructor(fd: number, header: DecodedHeader, key?: Buffer) {
    fdWriter(fd)(header.bytes);
    this.sink = key ? new SealedSink(fd, key, header) : new PlainSink(fd);
  }

  private out(b: Buffer): void {
    this.hash.update(b);
    this.sink.write(b);
  }

  manifest(json: string): void {
    const bytes = Buffer.from(json, 'utf8');
    const head = Buffer.alloc(5);
    head.write('M', 0, 'latin1');
    head.writeUInt32BE(bytes.length, 1);
    this.out(Buffer.concat([head, createHash('sha256').update(bytes).digest(), bytes]));
  }

  blobStart(sha256: string, size: number): void {
    const head = Buffer.alloc(1 + 32 + 8);
    head.write('B', 0, 'latin1');
    Buffer.from(sha256, 'hex').copy(head, 1);
    head.writeBigUInt64BE(BigInt(size), 33);
    this.out(head);
  }

  blobBytes(b: Buffer): void {
    this.out(b);
  }

  end(): void {
    const digest = this.hash.digest();
    const rec = Buffer.concat([Buffer.from('E', 'latin1'), digest]);
    this.sink.write(rec);
    this.sink.end();
  }
}

// ---- body: bytes in -----------------------------------------------------------------------

interface Source {
  /** Up to `n` bytes (fewer only at the end of the payload). */
  read(n: number): Buffer;
  /** Nothing follows the payload (no trailing bytes, no missing last segment). */
  finished(): boolean;
  /** Where the next payload byte sits in the file, when payload bytes are file bytes (plain bundles only). */
  fileOffset(): number | undefined;
}

/** Up to n bytes of the file from `position` (fewer at its end). */
function readAt(fd: number, n: number, position: number): Buffer {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const r = readSync(fd, buf, got, n - got, position + got);
    if (r === 0) break;
    got += r;
  }
  return buf.subarray(0, got);
}

class PlainSource implements Source {
  constructor(private readonly fd: number, private position: number) {}
  read(n: number): Buffer {
    const buf = readAt(this.fd, n, this.position);
    this.position += buf.length;
    return buf;
  }
  finished(): boolean {
    return readSync(this.fd, Buffer.alloc(1), 0, 1, this.position) === 0;
  }
  fileOffset(): number {
    return this.position;
  }
}

class SealedSource implements Source {
  private buffer: Buffer = Buffer.alloc(0);
  private index = 0;
  private sawLast = false;
  constructor(private readonly fd: number, private position: number, private readonly key: Buffer, private readonly header: DecodedHeader, private readonly file?: string) {}

  private nextSegment(): boolean {
    if (this.sawLast) return false;
    const lenBuf = this.raw(4);
    if (lenBuf.length < 4) throw altered(this.file); // cut short before its last segment
    const len = lenBuf.readUInt32BE(0);
    if (len > SEGMENT_BYTES) throw altered(this.file);
    const sealed = this.raw(len + TAG_BYTES);
    if (sealed.length < len + TAG_BYTES) throw altered(this.file);
    const { plain, last } = openSegment(this.key, this.header.crypto!.noncePrefix, this.header.bytes, this.index++, sealed, this.file);
    this.sawLast = last;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, plain]) : plain;
    return true;
  }

  private raw(n: number): Buffer {
    const buf = readAt(this.fd, n, this.position);
    this.position += buf.length;
    return buf;
  }

  read(n: number): Buffer {
    while (this.buffer.length < n && this.nextSegment()) { /* fill */ }
    const out = this.buffer.subarray(0, Math.min(n, this.buffer.length));
    this.buffer = this.buffer.subarray(out.length);
    return out;
  }

  finished(): boolean {
    return this.sawLast && this.buffer.length === 0 && this.raw(1).length === 0;
  }
  fileOffset(): undefined {
    return undefined;
  }
}

export type PayloadRecord = { type: 'manifest'; json: string } | { type: 'blob'; sha256: string; size: number } | { type: 'end' };

/** Reads payload records; every byte is hashed for the end record's check. */
export class PayloadReader {
  private readonly source: Source;
  private readonly hash: Hash = createHash('sha256');
  private blobLeft = 0;

  constructor(fd: number, header: DecodedHeader, key: Buffer | undefined, private readonly file?: string) {
    this.source = key ? new SealedSource(fd, header.bytes.length, key, header, file) : new PlainSource(fd, header.bytes.length);
  }

  private exactly(n: number, hashed = true): Buffer {
    const b = this.source.read(n);
    if (b.length < n) throw new BundleError('bundle-truncated', 'the bundle ends too early: it is incomplete (copied only partly?); nothing was applied', this.file);
    if (hashed) this.hash.update(b);
    return b;
  }

  next(): PayloadRecord {
    if (this.blobLeft > 0) throw new Error('read the blob bytes before the next record');
    const typeByte = this.exactly(1, false);
    const type = typeByte.toString('latin1');
    // The end record's own bytes are not part of what it checks.
    if (type !== 'E') this.hash.update(typeByte);
    if (type === 'M') {
      const len = this.exactly(4).readUInt32BE(0);
      if (len > MAX_MANIFEST_BYTES) throw damaged(this.file, 'manifest size');
      const digest = this.exactly(32);
      const json = this.exactly(len);
      if (!createHash('sha256').update(json).digest().equals(digest)) throw damaged(this.file, 'manifest');
      return { type: 'manifest', json: json.toString('utf8') };
    }
    if (type === 'B') {
      const sha256 = this.exactly(32).toString('hex');
      const size = this.exactly(8).readBigUInt64BE(0);
      if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged(this.file, 'blob size');
      this.blobLeft = Number(size);
      return { type: 'blob', sha256, size: this.blobLeft };
    }
    if (type === 'E') {
      const expected = this.hash.digest();
      const digest = this.exactly(32, false);
      if (!expected.equals(digest)) throw damaged(this.file, 'end record');
      if (!this.source.finished()) throw damaged(this.file, 'bytes after the end');
      return { type: 'end' };
    }
    throw damaged(this.file, 'record type');
  }

  /**
   * Where the current blob's bytes start in the file, read before its first chunk: a plain
   * bundle's blob can be sent straight from the file later. Undefined for an encrypted one.
   */
  blobFileOffset(): number | undefined {
    return this.source.fileOffset();
  }

  /** The next piece of the current blob's bytes (empty when it is all read). */
  blobChunk(max = 1 << 20): Buffer {
    if (this.blobLeft === 0) return Buffer.alloc(0);
    const b = this.exactly(Math.min(max, this.blobLeft));
    this.blobLeft -= b.length;
    return b;
  }
}

function damaged(file: string | undefined, where: string): BundleError {
  return new BundleError('bundle-damaged', `the bundle is damaged (${where} does not check out): nothing was applied`, file);
}
