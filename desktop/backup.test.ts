import { createCipheriv, createDecipheriv, createHmac, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { base32Encode } from '../core/base32.js';
import {
  BackupError,
  decryptBackup,
  DEFAULT_SCRYPT,
  encryptBackup,
  MAX_BACKUP_BYTES,
  MIN_PASSWORD_LENGTH,
  type BackupEntry,
  type ScryptParams,
} from './backup.js';

// Most tests use the minimum cost, so the suite stays fast; one test uses DEFAULT_SCRYPT.
const FAST: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const PASSWORD = 'correct horse battery';

function secret(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + 1) & 0xff);
}

const ENTRIES: BackupEntry[] = [
  {
    credentialId: 'MAMO12345674',
    label: 'Shinkin Bank',
    issuer: 'Mamori',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2028-01-01T00:00:00.000Z',
    source: 'service',
    secret: secret(20, 1),
  },
  {
    credentialId: 'VSST12345678',
    label: '信用金庫 「個人」',
    issuer: 'Symantec',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    createdAt: '2025-02-03T04:05:06+09:00',
    expiresAt: null,
    source: 'vip',
    secret: secret(32, 2),
  },
  {
    credentialId: 'github:alice',
    label: '',
    issuer: 'GitHub "quoted" \\ back',
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
    createdAt: '2025-03-04T05:06:07Z',
    expiresAt: null,
    source: 'manual',
    secret: secret(64, 3),
  },
  { ...baseEntry('min-secret'), secret: secret(10, 4) },
];

function baseEntry(credentialId: string): Omit<BackupEntry, 'secret'> {
  return {
    credentialId,
    label: 'x',
    issuer: 'y',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: null,
    source: 'manual',
  };
}

/** The reason decryptBackup/encryptBackup gave; fails the test on success or on any other error type. */
async function reasonOf(work: Promise<unknown>): Promise<string> {
  let result: unknown;
  try {
    result = await work;
  } catch (error) {
    if (!(error instanceof BackupError)) throw new Error(`expected a BackupError, got ${String(error)}`);
    return error.reason;
  }
  throw new Error(`expected a BackupError, got a result: ${JSON.stringify(result)?.slice(0, 100)}`);
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const utf8 = (s: string) => new TextEncoder().encode(s);

type FileJson = Record<string, unknown> & { kdf: Record<string, unknown>; cipher: Record<string, unknown>; ciphertext: string; check: string };

function edit(bytes: Uint8Array, change: (file: FileJson) => void): Uint8Array {
  const file = JSON.parse(text(bytes)) as FileJson;
  change(file);
  return utf8(JSON.stringify(file, null, 2));
}

function editCiphertext(bytes: Uint8Array, change: (sealed: Buffer) => Buffer): Uint8Array {
  return edit(bytes, (file) => {
    file.ciphertext = change(Buffer.from(file.ciphertext, 'base64')).toString('base64');
  });
}

// -------------------------------------------------------------------------------------------
// An independent implementation written from docs/backup-format.md, with node:crypto and
// Buffer's base64 only, to check that the document says what the code does.

interface RefInputs {
  password: string;
  salt: Buffer;
  iv: Buffer;
  params: ScryptParams;
  app: string;
  createdAt: string;
}

function refKeys(password: string, salt: Buffer, { N, r, p }: ScryptParams): Buffer {
  return scryptSync(Buffer.from(password.normalize('NFKC'), 'utf8'), salt, 64, { N, r, p, maxmem: 300 * 1024 * 1024 });
}

function refKeyHeader(f: { kdf: { N: number; r: number; p: number; salt: string } }): string {
  return `{"format":"mamori-backup","version":1,"kdf":{"name":"scrypt","N":${f.kdf.N},"r":${f.kdf.r},"p":${f.kdf.p},"salt":"${f.kdf.salt}"}}`;
}

function refAad(f: { app: string; createdAt: string; kdf: { N: number; r: number; p: number; salt: string }; iv: string }): string {
  return (
    `{"format":"mamori-backup","version":1,"app":"${f.app}","createdAt":"${f.createdAt}",` +
    `"kdf":{"name":"scrypt","N":${f.kdf.N},"r":${f.kdf.r},"p":${f.kdf.p},"salt":"${f.kdf.salt}"},` +
    `"cipher":{"name":"AES-256-GCM","iv":"${f.iv}"}}`
  );
}

/** Seal any plaintext (also invalid ones, which the real writer refuses to produce). */
function refSeal(input: RefInputs, plaintext: string): string {
  const kdf = { ...input.params, salt: input.salt.toString('base64') };
  const iv = input.iv.toString('base64');
  const dk = refKeys(input.password, input.salt, input.params);
  const check = createHmac('sha256', dk.subarray(32)).update(refKeyHeader({ kdf })).digest('base64');
  const cipher = createCipheriv('aes-256-gcm', dk.subarray(0, 32), input.iv);
  cipher.setAAD(Buffer.from(refAad({ app: input.app, createdAt: input.createdAt, kdf, iv })));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const file = { format: 'mamori-backup', version: 1, app: input.app, createdAt: input.createdAt, kdf: { name: 'scrypt', ...kdf }, cipher: { name: 'AES-256-GCM', iv }, check, ciphertext };
  return JSON.stringify(file, null, 2);
}

function refOpen(fileText: string, password: string): string {
  const f = JSON.parse(fileText) as { app: string; createdAt: string; kdf: { N: number; r: number; p: number; salt: string }; cipher: { iv: string }; check: string; ciphertext: string };
  const dk = refKeys(password, Buffer.from(f.kdf.salt, 'base64'), f.kdf);
  const check = createHmac('sha256', dk.subarray(32)).update(refKeyHeader(f)).digest('base64');
  if (check !== f.check) throw new Error('reference: wrong password');
  const sealed = Buffer.from(f.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', dk.subarray(0, 32), Buffer.from(f.cipher.iv, 'base64'));
  decipher.setAAD(Buffer.from(refAad({ ...f, iv: f.cipher.iv })));
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]).toString('utf8');
}

const REF: RefInputs = {
  password: PASSWORD,
  salt: Buffer.alloc(16, 7),
  iv: Buffer.alloc(12, 9),
  params: FAST,
  app: 'Test',
  createdAt: '2025-01-02T03:04:05.000Z',
};

function plainEntry(credentialId: string, secretText: string): Record<string, unknown> {
  return { ...baseEntry(credentialId), secret: secretText };
}

// -------------------------------------------------------------------------------------------

describe('round trip', () => {
  it('restores every credential: secrets byte-equal, metadata equal, in order', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST, now: () => Date.UTC(2025, 5, 30, 8, 15), app: 'Mamori 0.1.0' });
    const restored = await decryptBackup(bytes, PASSWORD);
    expect(restored).toEqual(ENTRIES);
    for (const [i, entry] of restored.entries()) expect(Buffer.from(entry.secret).equals(Buffer.from(ENTRIES[i]!.secret))).toBe(true);
    // Nothing but the documented fields comes back.
    expect(Object.keys(restored[0]!).sort()).toEqual(
      ['credentialId', 'label', 'issuer', 'algorithm', 'digits', 'period', 'createdAt', 'expiresAt', 'source', 'secret'].sort(),
    );
  });

  it('writes the documented, human-recognisable layout that an independent reader opens', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST, now: () => Date.UTC(2025, 5, 30, 8, 15), app: 'Mamori 0.1.0' });
    const fileText = text(bytes);
    expect(fileText.startsWith('{\n  "format": "mamori-backup",\n  "version": 1,')).toBe(true);
    expect(/^[\x20-\x7e\n]*$/.test(fileText)).toBe(true); // ASCII only: no secret label leaks out
    expect(fileText).not.toContain('Shinkin');
    const file = JSON.parse(fileText) as FileJson;
    expect(Object.keys(file)).toEqual(['format', 'version', 'app', 'createdAt', 'kdf', 'cipher', 'check', 'ciphertext']);
    expect(file).toMatchObject({ app: 'Mamori 0.1.0', createdAt: '2025-06-30T08:15:00.000Z', kdf: { name: 'scrypt', N: 16384, r: 8, p: 1 }, cipher: { name: 'AES-256-GCM' } });
    expect(Buffer.from(file.kdf.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.cipher.iv as string, 'base64')).toHaveLength(12);
    const plain = JSON.parse(refOpen(fileText, PASSWORD)) as { count: number; entries: Array<{ secret: string }> };
    expect(plain.count).toBe(ENTRIES.length);
    expect(plain.entries.map((e) => e.secret)).toEqual(ENTRIES.map((e) => base32Encode(e.secret)));
  });

  it('draws a fresh salt and nonce for every file', async () => {
    const a = JSON.parse(text(await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST }))) as FileJson;
    const b = JSON.parse(text(await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST }))) as FileJson;
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
  });

  it('works with DEFAULT_SCRYPT (128 MiB)', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const bytes = await encryptBackup(ENTRIES.slice(0, 1), PASSWORD);
    expect((JSON.parse(text(bytes)) as FileJson).kdf).toMatchObject({ N: 131072, r: 8, p: 1 });
    expect(await decryptBackup(bytes, PASSWORD)).toEqual(ENTRIES.slice(0, 1));
  });

  it('allows an empty backup and skips a byte-order mark', async () => {
    const bytes = await encryptBackup([], PASSWORD, { scrypt: FAST });
    expect(await decryptBackup(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]), PASSWORD)).toEqual([]);
  });
});

describe('password', () => {
  it('refuses empty and short passwords, counting characters after NFKC', async () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    for (const weak of ['', 'a', '123456789', 'ｶﾞｶﾞｶﾞｶﾞｶﾞ' /* 10 half-width code points, 5 after NFKC */, '😀😀😀😀😀' /* 10 UTF-16 units, 5 characters */, '\ud800234567890'])
      expect(await reasonOf(encryptBackup(ENTRIES, weak, { scrypt: FAST })), weak).toBe('weak_password');
    await expect(encryptBackup(ENTRIES, '1234567890', { scrypt: FAST })).resolves.toBeInstanceOf(Uint8Array);
  });

  it('refuses the wrong password', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST });
    expect(await reasonOf(decryptBackup(bytes, 'correct horse battery!'))).toBe('wrong_password');
    expect(await reasonOf(decryptBackup(bytes, ''))).toBe('wrong_password');
  });

  it('treats full-width input (Japanese IME) as the half-width password', async () => {
    const bytes = await encryptBackup(ENTRIES, 'ｐａｓｓｗｏｒｄ　１２３', { scrypt: FAST });
    expect(await decryptBackup(bytes, 'password 123')).toEqual(ENTRIES);
  });

  it('treats composed and decomposed accents (macOS vs Windows) alike', async () => {
    const bytes = await encryptBackup(ENTRIES, 'Cre\u0300me bru\u0302le\u0301e', { scrypt: FAST });
    expect(await decryptBackup(bytes, 'Cr\u00e8me br\u00fbl\u00e9e')).toEqual(ENTRIES);
  });
});

describe('tampering', () => {
  const sealed = () => encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST, app: 'Mamori 0.1.0' });

  it('detects a changed ciphertext byte and a changed tag byte', async () => {
    const bytes = await sealed();
    for (const at of [0, 5, -17, -16, -1]) {
      const changed = editCiphertext(bytes, (ct) => {
        const copy = Buffer.from(ct);
        const i = at < 0 ? copy.length + at : at;
        copy[i] = copy[i]! ^ 0x01;
        return copy;
      });
      expect(await reasonOf(decryptBackup(changed, PASSWORD)), `byte ${at}`).toBe('tampered');
    }
  });

  it('detects edited header fields: tampered when the key is unaffected, wrong_password when it is', async () => {
    const bytes = await sealed();
    const cases: Array<[string, (f: FileJson) => void, string]> = [
      ['createdAt', (f) => (f.createdAt = '2020-01-01T00:00:00.000Z'), 'tampered'],
      ['app', (f) => (f.app = 'Mamori 9.9.9'), 'tampered'],
      ['cipher.iv', (f) => (f.cipher.iv = Buffer.alloc(12).toString('base64')), 'tampered'],
      ['kdf.N', (f) => (f.kdf.N = 2 ** 15), 'wrong_password'],
      ['kdf.r', (f) => (f.kdf.r = 4), 'wrong_password'],
      ['kdf.salt', (f) => (f.kdf.salt = Buffer.alloc(16).toString('base64')), 'wrong_password'],
      ['check', (f) => (f.check = Buffer.alloc(32).toString('base64')), 'wrong_password'],
      ['extra member', (f) => (f.comment = 'hi'), 'not_a_backup'],
      ['missing member', (f) => delete f.createdAt, 'not_a_backup'],
      ['createdAt with an offset', (f) => (f.createdAt = '2025-01-02T12:04:05+09:00'), 'not_a_backup'],
      ['createdAt with 10 fractional digits', (f) => (f.createdAt = '2025-01-02T03:04:05.0000000000Z'), 'not_a_backup'],
      ['kdf.name', (f) => (f.kdf.name = 'argon2id'), 'bad_parameters'],
      ['cipher.name', (f) => (f.cipher.name = 'AES-128-GCM'), 'bad_parameters'],
      ['non-canonical base64', (f) => (f.check = f.check.replace(/=+$/, '')), 'not_a_backup'],
    ];
    for (const [what, change, reason] of cases) expect(await reasonOf(decryptBackup(edit(bytes, change), PASSWORD)), what).toBe(reason);
    // The unedited file still opens, so the edits above are what made them fail.
    expect(await decryptBackup(edit(bytes, () => undefined), PASSWORD)).toEqual(ENTRIES);
  });
});

describe('truncation', () => {
  it('reports a file cut at any point as truncated, never returns entries, never throws another error', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST });
    const end = text(bytes).trimEnd().length; // cutting only the final newline leaves a valid file
    expect(bytes.length).toBeGreaterThan(end);
    for (let cut = 0; cut < end; cut++) {
      const reason = await reasonOf(decryptBackup(bytes.subarray(0, cut), PASSWORD));
      if (reason !== 'truncated') throw new Error(`cut at ${cut}: ${reason}`);
    }
    expect(await decryptBackup(bytes.subarray(0, end), PASSWORD)).toEqual(ENTRIES);
  });

  it('reports a ciphertext shorter than the tag as truncated, and a shortened longer one as tampered', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST });
    for (const keep of [0, 1, 15])
      expect(await reasonOf(decryptBackup(editCiphertext(bytes, (ct) => ct.subarray(0, keep)), PASSWORD)), `${keep} bytes`).toBe('truncated');
    expect(await reasonOf(decryptBackup(editCiphertext(bytes, (ct) => ct.subarray(0, ct.length - 1)), PASSWORD))).toBe('tampered');
    expect(await reasonOf(decryptBackup(editCiphertext(bytes, (ct) => ct.subarray(0, 16)), PASSWORD))).toBe('tampered');
  });
});

describe('other files', () => {
  it('refuses what is not JSON as not_a_backup', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    for (const bytes of [png, utf8('hello world'), utf8('otpauth://totp/x?secret=ABC'), Uint8Array.from([0xff, 0xfe, 0x7b, 0x00]), utf8('{"format":"other"')])
      expect(await reasonOf(decryptBackup(bytes, PASSWORD))).toBe('not_a_backup');
  });

  it('refuses JSON of another kind as not_a_backup', async () => {
    const settings = { version: 1, language: 'system', credentials: [], preferences: {} };
    for (const json of ['null', '[]', '"mamori-backup"', '42', '{}', '{"format":"other","version":1}', JSON.stringify(settings), '{"format":"mamori-backup"}', '{"format":"mamori-backup","version":"1"}', '{"format":"mamori-backup","version":1}'])
      expect(await reasonOf(decryptBackup(utf8(json), PASSWORD)), json).toBe('not_a_backup');
  });

  it('refuses a future version as unsupported_version, whatever else it holds', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST });
    expect(await reasonOf(decryptBackup(edit(bytes, (f) => (f.version = 2)), PASSWORD))).toBe('unsupported_version');
    expect(await reasonOf(decryptBackup(utf8('{"format":"mamori-backup","version":2,"kdf":"argon2"}'), PASSWORD))).toBe('unsupported_version');
  });

  it('refuses a file over the size cap before parsing it', async () => {
    const big = new Uint8Array(MAX_BACKUP_BYTES + 1).fill(0x20);
    expect(await reasonOf(decryptBackup(big, PASSWORD))).toBe('too_large');
  });
});

describe('hostile key-derivation parameters', () => {
  it('refuses absurd or out-of-bounds scrypt parameters before deriving any key', async () => {
    const bytes = await encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST });
    const cases: Array<Partial<ScryptParams>> = [
      { N: 2 ** 30 }, // 128 GiB: scrypt would fail or take forever, so reaching scrypt would fail this test
      { N: 2 ** 21 },
      { N: 2 ** 13 },
      { N: 3 * 2 ** 14 },
      { N: 16384.5 },
      { r: 17 },
      { r: 0 },
      { p: 5 },
      { p: 2 ** 20 },
      { N: 2 ** 20, r: 16 }, // each within its own bound, together 2 GiB
    ];
    for (const change of cases) {
      const started = performance.now();
      expect(await reasonOf(decryptBackup(edit(bytes, (f) => Object.assign(f.kdf, change)), PASSWORD)), JSON.stringify(change)).toBe('bad_parameters');
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('refuses to write with parameters it would refuse to read', async () => {
    for (const scrypt of [{ N: 2 ** 30, r: 8, p: 1 }, { N: 1000, r: 8, p: 1 }, { N: 2 ** 14, r: 8, p: 0 }])
      expect(await reasonOf(encryptBackup(ENTRIES, PASSWORD, { scrypt }))).toBe('bad_parameters');
    for (const app of ['', 'Mamori "1"', 'a\\b', 'Mamori\n', 'お守り', 'x'.repeat(101)])
      expect(await reasonOf(encryptBackup(ENTRIES, PASSWORD, { scrypt: FAST, app })), app).toBe('bad_parameters');
  });
});

describe('content validation', () => {
  it('backs up a secret of any length Mamori accepts (10 to 128 bytes, e.g. an 80-byte SHA512 key)', async () => {
    for (const length of [10, 64, 65, 80, 128]) {
      const entries = [{ ...baseEntry('long'), algorithm: 'SHA512' as const, secret: secret(length, 3) }];
      const restored = await decryptBackup(await encryptBackup(entries, PASSWORD, { scrypt: FAST }), PASSWORD);
      expect(restored[0]?.secret, `${length} bytes`).toEqual(entries[0]!.secret);
    }
  });

  it('refuses to write invalid credentials', async () => {
    const cases: Array<[string, BackupEntry[]]> = [
      ['short secret', [{ ...baseEntry('a'), secret: secret(9, 1) }]],
      ['long secret', [{ ...baseEntry('a'), secret: secret(129, 1) }]],
      ['bad digits', [{ ...baseEntry('a'), digits: 7 as 6, secret: secret(20, 1) }]],
      ['empty id', [{ ...baseEntry(''), secret: secret(20, 1) }]],
      ['duplicate id', [{ ...baseEntry('a'), secret: secret(20, 1) }, { ...baseEntry('a'), secret: secret(20, 2) }]],
    ];
    for (const [what, entries] of cases) expect(await reasonOf(encryptBackup(entries, PASSWORD, { scrypt: FAST })), what).toBe('invalid_content');
    const many = Array.from({ length: 1001 }, (_, i) => ({ ...baseEntry(`id${i}`), secret: secret(20, i) }));
    expect(await reasonOf(encryptBackup(many, PASSWORD, { scrypt: FAST }))).toBe('too_large');
  });

  it('refuses the whole import when any entry of an authentic file is invalid', async () => {
    const good = plainEntry('good', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const plain = (entries: unknown[], count = entries.length) => JSON.stringify({ count, entries });
    const cases: Array<[string, string]> = [
      ['not JSON', 'not json'],
      ['no entries', '{"count":0}'],
      ['count mismatch', plain([good], 2)],
      ['secret too short', plain([good, plainEntry('b', 'GEZDGNBVGY3TQ')])],
      ['secret too long', plain([good, plainEntry('b', 'A'.repeat(208))])],
      ['lower-case secret', plain([good, plainEntry('b', 'gezdgnbvgy3tqojqgezdgnbvgy3tqojq')])],
      ['padded secret', plain([good, plainEntry('b', 'GEZDGNBVGY3TQOJQ====')])],
      ['impossible base32 length', plain([good, plainEntry('b', 'GEZDGNBVGY3TQOJQG')])],
      ['no secret', plain([good, baseEntry('b')])],
      ['bad algorithm', plain([good, { ...plainEntry('b', 'GEZDGNBVGY3TQOJQ'), algorithm: 'MD5' }])],
      ['duplicate id', plain([good, good])],
    ];
    for (const [what, plaintext] of cases)
      expect(await reasonOf(decryptBackup(utf8(refSeal(REF, plaintext)), PASSWORD)), what).toBe('invalid_content');
    const many = Array.from({ length: 1001 }, (_, i) => plainEntry(`id${i}`, 'GEZDGNBVGY3TQOJQ'));
    expect(await reasonOf(decryptBackup(utf8(refSeal(REF, plain(many))), PASSWORD))).toBe('too_large');
    // The same file with only the good entry opens: the entries above are what was refused.
    expect(await decryptBackup(utf8(refSeal(REF, plain([good]))), PASSWORD)).toHaveLength(1);
  });

  it('ignores unknown plaintext members (allowed within version 1)', async () => {
    const plaintext = JSON.stringify({ count: 1, entries: [{ ...plainEntry('a', 'GEZDGNBVGY3TQOJQ'), color: 'red' }], note: 'x' });
    const [entry] = await decryptBackup(utf8(refSeal(REF, plaintext)), PASSWORD);
    expect(entry).toEqual({ ...baseEntry('a'), secret: utf8('1234567890') });
  });
});

describe('worked example (docs/backup-format.md §14)', () => {
  const doc = readFileSync(new URL('../docs/backup-format.md', import.meta.url), 'utf8');
  const marked = (name: string): string => {
    const match = new RegExp(`<!-- example:${name} -->\\s*\`([^\`]+)\``).exec(doc);
    if (match?.[1] === undefined) throw new Error(`docs/backup-format.md has no example:${name}`);
    return match[1];
  };
  const docFile = /<!-- example:file -->\s*```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
  const inputs: RefInputs = {
    password: 'Ｍａｍｏｒｉ－２０２５',
    salt: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
    iv: Buffer.from('a0a1a2a3a4a5a6a7a8a9aaab', 'hex'),
    params: { N: 16384, r: 8, p: 1 },
    app: 'Mamori 0.1.0',
    createdAt: '2025-01-02T03:04:05.000Z',
  };
  const plaintext =
    '{"count":1,"entries":[{"credentialId":"MAMO12345674","label":"Example","issuer":"Mamori","algorithm":"SHA1","digits":6,"period":30,' +
    '"createdAt":"2025-01-01T00:00:00.000Z","expiresAt":null,"source":"manual","secret":"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"}]}';

  it('documents the intermediate values the specification yields', () => {
    expect(inputs.password.normalize('NFKC')).toBe('Mamori-2025');
    expect(doc).toContain(plaintext);
    const dk = refKeys(inputs.password, inputs.salt, inputs.params);
    expect(marked('dk')).toBe(dk.toString('hex'));
    const kdf = { ...inputs.params, salt: inputs.salt.toString('base64') };
    expect(marked('key-header')).toBe(refKeyHeader({ kdf }));
    expect(marked('check')).toBe(createHmac('sha256', dk.subarray(32)).update(refKeyHeader({ kdf })).digest('base64'));
    expect(marked('aad')).toBe(refAad({ app: inputs.app, createdAt: inputs.createdAt, kdf, iv: inputs.iv.toString('base64') }));
    expect(docFile).toBe(refSeal(inputs, plaintext));
  });

  it('opens with decryptBackup, with the full-width and the half-width password', async () => {
    const expected: BackupEntry = {
      credentialId: 'MAMO12345674',
      label: 'Example',
      issuer: 'Mamori',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      createdAt: '2025-01-01T00:00:00.000Z',
      expiresAt: null,
      source: 'manual',
      secret: utf8('12345678901234567890'),
    };
    expect(await decryptBackup(utf8(docFile ?? ''), inputs.password)).toEqual([expected]);
    expect(await decryptBackup(utf8(docFile ?? ''), 'Mamori-2025')).toEqual([expected]);
  });
});
