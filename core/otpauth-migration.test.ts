import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32.js';
import { base64Decode, base64Encode } from './base64.js';
import { formatMigrationLink, parseMigrationLink, type MigrationResult } from './otpauth-migration.js';
import type { OtpauthAccount } from './otpauth.js';
import { ProtobufReader } from './protobuf-reader.js';

const PREFIX = 'otpauth-migration://offline?data=';

/** Bytes of an ASCII/UTF-8 string, built without the module's own encoder. */
function text(s: string): number[] {
  return [...new TextEncoder().encode(s)];
}

/** A length-delimited field whose tag and length each fit in one byte (all the test needs). */
function ld(tag: number, bytes: readonly number[]): number[] {
  if (bytes.length > 127) throw new Error('test helper handles short fields only');
  return [tag, bytes.length, ...bytes];
}

function linkOf(bytes: readonly number[]): string {
  return PREFIX + encodeURIComponent(base64Encode(Uint8Array.from(bytes)));
}

function expectOk(result: MigrationResult): Extract<MigrationResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result;
}

function expectFail(result: MigrationResult): string {
  if (result.ok) throw new Error('expected a failure');
  return result.message;
}

const SECRET10 = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

// OtpParameters assembled field by field (tag byte = field number << 3 | wire type).
const ENTRY = [
  ...ld(0x0a, SECRET10), // 1 secret
  ...ld(0x12, text('ACME Co:alice@example.com')), // 2 name
  ...ld(0x1a, text('ACME Co')), // 3 issuer
  0x20, 0x02, // 4 algorithm = SHA256
  0x28, 0x02, // 5 digits = EIGHT
  0x30, 0x02, // 6 type = TOTP
];
const MINUS_ONE = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
const PAYLOAD = [
  ...ld(0x0a, ENTRY), // 1 otp_parameters
  0x10, 0x01, // 2 version = 1
  0x18, 0x03, // 3 batch_size = 3
  0x20, 0x01, // 4 batch_index = 1
  0x28, ...MINUS_ONE, // 5 batch_id = -1, sign-extended to ten bytes as int32 negatives are
];

describe('parseMigrationLink on hand-assembled protobuf', () => {
  it('reads every field of an entry and the batch position', () => {
    expect(parseMigrationLink(linkOf(PAYLOAD))).toEqual({
      ok: true,
      accounts: [
        { secret: Uint8Array.from(SECRET10), issuer: 'ACME Co', label: 'alice@example.com', algorithm: 'SHA256', digits: 8, period: 30 },
      ],
      skipped: [],
      batch: { index: 1, size: 3 },
    });
  });

  it('applies SHA1, 6 digits, TOTP and a single-code batch when fields are absent', () => {
    const minimal = ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, text('bob'))]);
    const result = expectOk(parseMigrationLink(linkOf(minimal)));
    expect(result.accounts).toEqual([{ secret: Uint8Array.from(SECRET10), issuer: '', label: 'bob', algorithm: 'SHA1', digits: 6, period: 30 }]);
    expect(result.batch).toEqual({ index: 0, size: 1 });
  });

  it('maps algorithm SHA512 and explicit SIX digits', () => {
    const entry = [...ld(0x0a, SECRET10), 0x20, 0x03, 0x28, 0x01, 0x30, 0x02];
    expect(expectOk(parseMigrationLink(linkOf(ld(0x0a, entry)))).accounts[0]).toMatchObject({ algorithm: 'SHA512', digits: 6 });
  });

  it('strips "Issuer:" only when it repeats the issuer field and keeps other names as they are', () => {
    const entries = [
      ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, text('Other:carol')), ...ld(0x1a, text('ACME'))]),
      ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, text('ACME:dave')), ...ld(0x1a, text('ACME'))]),
      ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, text('ACME:erin'))]),
    ].flat();
    const result = expectOk(parseMigrationLink(linkOf(entries)));
    expect(result.accounts.map((a) => [a.issuer, a.label])).toEqual([
      ['ACME', 'Other:carol'],
      ['ACME', 'dave'],
      ['', 'ACME:erin'],
    ]);
  });

  it('skips unknown fields of every wire type, in entries and in the payload', () => {
    const unknown = [
      0x48, 0x96, 0x01, // 9 varint 150
      0x51, 1, 2, 3, 4, 5, 6, 7, 8, // 10 fixed64
      0x5d, 1, 2, 3, 4, // 11 fixed32
      ...ld(0x62, [0x0a, 0xff, 0xff]), // 12 bytes (content is not parsed)
      0x6b, 0x08, 0x01, 0x73, 0x08, 0x02, 0x74, 0x6c, // 13 group holding a varint and a nested group 14
      0x38, 0x05, // 7 counter, meaningless for TOTP
    ];
    const payload = [0x3a, 0x00, ...ld(0x0a, [...unknown, ...ENTRY, ...unknown]), ...unknown];
    const result = expectOk(parseMigrationLink(linkOf(payload)));
    expect(result.accounts).toHaveLength(1);
    expect(result.accounts[0]).toMatchObject({ issuer: 'ACME Co', label: 'alice@example.com', algorithm: 'SHA256', digits: 8 });
  });

  it('lets the last value of a repeated scalar win, as protobuf does', () => {
    const entry = [...ENTRY, 0x20, 0x01];
    expect(expectOk(parseMigrationLink(linkOf(ld(0x0a, entry)))).accounts[0]?.algorithm).toBe('SHA1');
  });

  it.each([
    ['HOTP', [0x30, 0x01, 0x38, 0x04], 'counter_based', /counter-based \(HOTP\)/],
    ['MD5', [0x20, 0x04], 'unsupported', /MD5/],
    ['an unknown algorithm', [0x20, 0x07], 'unsupported', /unknown algorithm \(7\)/],
    ['an unknown digit count', [0x28, 0x03], 'unsupported', /unknown number of digits/],
    ['an unknown type', [0x30, 0x05], 'unsupported', /unknown code type \(5\)/],
  ] as const)('reports %s entries in skipped, with their names, next to the good ones', (_what, extra, kind, reason) => {
    const bad = ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, text('Bank:zoe')), ...ld(0x1a, text('Bank')), ...extra]);
    const result = expectOk(parseMigrationLink(linkOf([...bad, ...ld(0x0a, ENTRY)])));
    expect(result.accounts.map((a) => a.label)).toEqual(['alice@example.com']);
    expect(result.skipped).toEqual([{ issuer: 'Bank', label: 'zoe', kind, reason: expect.stringMatching(reason) }]);
  });

  it.each([
    ['no', [], /no secret/],
    ['a 9-byte', SECRET10.slice(1), /too short \(9 bytes; at least 10\)/],
    ['a 129-byte', null, /too long \(129 bytes; at most 128\)/],
  ])('skips an entry with %s secret', (_what, secret, reason) => {
    // 129 bytes needs a two-byte length, so that entry is written out by hand.
    const secretField = secret === null ? [0x0a, 0x81, 0x01, ...new Array<number>(129).fill(7)] : ld(0x0a, secret);
    const entry = [...secretField, ...ld(0x12, text('x'))];
    const payload = [0x0a, ...(entry.length > 127 ? [(entry.length & 0x7f) | 0x80, entry.length >> 7] : [entry.length]), ...entry];
    const result = expectOk(parseMigrationLink(linkOf(payload)));
    expect(result.accounts).toEqual([]);
    expect(result.skipped).toEqual([{ issuer: '', label: 'x', kind: 'invalid', reason: expect.stringMatching(reason) }]);
  });

  it('skips an entry whose name is longer than labels may be', () => {
    const name = 'n'.repeat(201);
    const entry = [...ld(0x0a, SECRET10), 0x12, 0xc9, 0x01, ...text(name)];
    const payload = [0x0a, (entry.length & 0x7f) | 0x80, entry.length >> 7, ...entry];
    expect(expectOk(parseMigrationLink(linkOf(payload))).skipped[0]?.reason).toMatch(/too long/);
  });
});

describe('parseMigrationLink on damaged input', () => {
  it('never throws on any truncation and fails on every cut inside the first entry', () => {
    const entryEnd = 2 + ENTRY.length;
    for (let n = 1; n < PAYLOAD.length; n++) {
      const result = parseMigrationLink(linkOf(PAYLOAD.slice(0, n)));
      if (n < entryEnd) expect(expectFail(result)).toMatch(/damaged or incomplete/);
    }
  });

  it('explains a field longer than the data and a number cut short', () => {
    expect(expectFail(parseMigrationLink(linkOf(PAYLOAD.slice(0, 10))))).toMatch(/claims 54 bytes but only 8 remain/);
    expect(expectFail(parseMigrationLink(linkOf(PAYLOAD.slice(0, -1))))).toMatch(/ends inside a number/);
  });

  it.each([
    ['an overlong varint', [0x10, ...new Array<number>(9).fill(0xff), 0x81, 0x01], /longer than 10 bytes/],
    ['a padded varint beyond 10 bytes', [0x10, ...new Array<number>(10).fill(0x80), 0x00], /longer than 10 bytes/],
    ['a varint wider than 64 bits', [0x10, ...new Array<number>(9).fill(0xff), 0x02], /wider than 64 bits/],
    ['wire type 7', [0x0f, 0x00], /Invalid wire type 7/],
    ['wire type 6', [0x0e, 0x00], /Invalid wire type 6/],
    ['field number 0', [0x00, 0x00], /Invalid field number/],
    ['an unopened end-group', [0x34], /never opened/],
    ['an unclosed group', [0x33, 0x08, 0x01], /never closed/],
    ['a mismatched end-group', [0x33, 0x3c], /closed as field 7/],
    ['a truncated fixed64', [0x31, 1, 2, 3], /fixed-size field/],
    ['a secret sent as a number', ld(0x0a, [0x08, 0x01]), /secret field has the wrong type/],
    ['an entry sent as a number', [0x08, 0x01], /account field has the wrong type/],
    ['invalid UTF-8 in a name', ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, [0x61, 0xc3, 0x28])]), /not valid UTF-8/],
    ['an overlong UTF-8 encoding', ld(0x0a, [...ld(0x0a, SECRET10), ...ld(0x12, [0xc0, 0xaf])]), /not valid UTF-8/],
  ])('rejects %s', (_what, bytes, message) => {
    expect(expectFail(parseMigrationLink(linkOf(bytes)))).toMatch(message);
  });

  it('rejects groups nested beyond the bound instead of recursing without limit', () => {
    const deep = [...new Array<number>(100).fill(0x33), ...new Array<number>(100).fill(0x34)];
    expect(expectFail(parseMigrationLink(linkOf(deep)))).toMatch(/nested too deeply/);
  });

  it('rejects an impossible batch position', () => {
    const entry = ld(0x0a, ENTRY);
    expect(expectFail(parseMigrationLink(linkOf([...entry, 0x18, 0x02, 0x20, 0x02])))).toMatch(/code 3 of 2/);
    expect(expectFail(parseMigrationLink(linkOf([...entry, 0x20, ...MINUS_ONE])))).toMatch(/impossible/);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    [`https://example.com/?data=AAAA`, /starts with otpauth-migration:\/\//],
    [`otpauth://totp/x?secret=JBSWY3DPEHPK3PXP`, /single-account setup link/],
    [`otpauth-migration://online?data=AAAA`, /starts with otpauth-migration:\/\/offline\?data=/],
    [`otpauth-migration://offline`, /no data parameter/],
    [`otpauth-migration://offline?data=`, /no data parameter/],
    [`otpauth-migration://offline?dat=CgA`, /no data parameter/],
    [`otpauth-migration://offline?data=CgA&data=CgA`, /two data parameters/],
    [`otpauth-migration://offline?data=%E0%A4%A`, /not correctly URL-encoded/],
    [`otpauth-migration://offline?data=Cg@A`, /not valid base64: "@"/],
    [`otpauth-migration://offline?data=C`, /not valid base64/],
    [`otpauth-migration://offline?data=${'A'.repeat(40_000)}`, /too long/],
    [linkOf([]), /no data parameter/],
    [linkOf([0x10, 0x01]), /contains no accounts/],
  ])('rejects %j', (link, message) => {
    expect(expectFail(parseMigrationLink(link))).toMatch(message);
  });
});

describe('messages about a bad export link never quote its data (the secrets)', () => {
  const data = encodeURIComponent(base64Encode(Uint8Array.from(PAYLOAD)));
  it.each([
    ['a percent-encoded "?"', `otpauth-migration://offline%3Fdata=${data}`],
    ['a percent-encoded "?" and "="', `otpauth-migration://offline%3Fdata%3D${data}`],
    ['another kind', `otpauth-migration://online/${data}?data=${data}`],
    ['no "://"', `otpauth-migration:offline?data=${data}`],
    ['damaged data', `otpauth-migration://offline?data=${data.slice(0, -8)}`],
    ['data that is not base64', `otpauth-migration://offline?data=${data}%21`],
  ])('%s', (_what, link) => {
    const message = expectFail(parseMigrationLink(link));
    // Neither the data nor any 8-character piece of it appears in the message.
    for (let i = 0; i + 8 <= data.length; i++) expect(message).not.toContain(data.slice(i, i + 8));
    expect(message.length).toBeLessThan(160);
  });

  it('quotes at most a short piece of a label in a format error', () => {
    const account: OtpauthAccount = { secret: Uint8Array.from(SECRET10), issuer: '', label: `alice ${'x'.repeat(300)}`, algorithm: 'SHA1', digits: 6, period: 60 };
    expect(() => formatMigrationLink([account])).toThrow(/^"alice x{33}…" uses a 60-second period/);
  });
});

// Real export links published as test data by scito/extract_otp_secrets (example_export.txt and
// tests/data/test_plus_problem_export.txt); the expected secrets and names are the ones that
// project's tests assert (the Raspberry Pi example secret is 7KSQL2JTUDIS5EF65KLMRQIIGY).
describe('parseMigrationLink on real Google Authenticator exports', () => {
  const pi = base32Decode('7KSQL2JTUDIS5EF65KLMRQIIGY');
  const piAccount = (issuer: string): OtpauthAccount => ({ secret: pi, issuer, label: 'pi@raspberrypi', algorithm: 'SHA1', digits: 6, period: 30 });

  it('reads an account with an issuer (data percent-encoded with %2B and %2F)', () => {
    const link = `${PREFIX}CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B`;
    expect(parseMigrationLink(link)).toEqual({ ok: true, accounts: [piAccount('raspberrypi')], skipped: [], batch: { index: 0, size: 1 } });
  });

  it('reads an account without an issuer (data ending in %3D)', () => {
    const link = `${PREFIX}CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACEAEYASAAKLzjp5n4%2F%2F%2F%2F%2FwE%3D`;
    expect(expectOk(parseMigrationLink(link)).accounts).toEqual([piAccount('')]);
  });

  it('reads two accounts from one code', () => {
    const link = `${PREFIX}CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACCjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACiQ7OOa%2Bf%2F%2F%2F%2F8B`;
    expect(expectOk(parseMigrationLink(link)).accounts).toEqual([piAccount(''), piAccount('raspberrypi')]);
  });

  it('reports the HOTP example as skipped', () => {
    const link = `${PREFIX}CiUKEPqlBekzoNEukL7qlsjBCDYSCWhvdHAgZGVtbyABKAEwATgEEAEYASAAKNuv15j6%2F%2F%2F%2F%2FwE%3D`;
    const result = expectOk(parseMigrationLink(link));
    expect(result.accounts).toEqual([]);
    expect(result.skipped).toEqual([{ issuer: '', label: 'hotp demo', kind: 'counter_based', reason: expect.stringMatching(/HOTP/) }]);
  });

  it('reads a non-ASCII name with a colon that is not an issuer prefix (data ending in %3D%3D)', () => {
    const link = `${PREFIX}CjYKEPqlBekzoNEukL7qlsjBCDYSHGVuY29kaW5nOiDCv8Okw4TDqcOJPyAoZGVtbykgASgBMAIQARgBIAAorfCurv%2F%2F%2F%2F%2F%2FAQ%3D%3D`;
    expect(expectOk(parseMigrationLink(link)).accounts[0]).toMatchObject({ issuer: '', label: 'encoding: ¿äÄéÉ? (demo)' });
  });

  const plusLink = `${PREFIX}ClEKFAciUeGF4aS6IDCvMv99ySZ1ekKsEiVTZXJlbml0eUxhYnM6dGVzdDFAc2VyZW5pdHlsYWJzLmNvLnVrGgxTZXJlbml0eUxhYnMgASgBMAIKUQoUkIY8/fbrHZWTb4CBln18lvqt0HcSJVNlcmVuaXR5TGFiczp0ZXN0MkBzZXJlbml0eWxhYnMuY28udWsaDFNlcmVuaXR5TGFicyABKAEwAgpRChScf+1/Ua4d4gCY0W/7fj9VBkM9PBIlU2VyZW5pdHlMYWJzOnRlc3QzQHNlcmVuaXR5bGFicy5jby51axoMU2VyZW5pdHlMYWJzIAEoATACClEKFG6Qu0ryTSFA/l5rmvTIXtNeb5LtEiVTZXJlbml0eUxhYnM6dGVzdDRAc2VyZW5pdHlsYWJzLmNvLnVrGgxTZXJlbml0eUxhYnMgASgBMAIQARgBIAAogtTa1vz/////AQ==`;
  const serenity = [
    ['test1', 'A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM'],
    ['test2', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX'],
    ['test3', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4'],
    ['test4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN'],
  ].map(([user, secret]) => ({
    secret: base32Decode(secret!),
    issuer: 'SerenityLabs',
    label: `${user}@serenitylabs.co.uk`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }));

  it('reads data left with raw "+", "/" and "=" (not percent-encoded)', () => {
    expect(expectOk(parseMigrationLink(plusLink)).accounts).toEqual(serenity);
  });

  it('puts back a "+" that a form decoder turned into a space', () => {
    expect(plusLink).toContain('+');
    expect(expectOk(parseMigrationLink(plusLink.replace(/\+/g, ' '))).accounts).toEqual(serenity);
  });

  it('accepts the same data percent-encoded, and a scheme in capitals', () => {
    const encoded = PREFIX + encodeURIComponent(plusLink.slice(PREFIX.length));
    expect(encoded).toMatch(/%2B.*%2F.*%3D%3D$/);
    expect(expectOk(parseMigrationLink(`  OTPAUTH-MIGRATION://OFFLINE?data=${encoded.slice(PREFIX.length)}\n`)).accounts).toEqual(serenity);
  });
});

describe('formatMigrationLink', () => {
  const accounts: OtpauthAccount[] = [
    { secret: Uint8Array.from(SECRET10), issuer: 'ACME Co', label: 'alice@example.com', algorithm: 'SHA256', digits: 8, period: 30 },
    { secret: new Uint8Array(20).fill(0xfb), issuer: '', label: 'plain', algorithm: 'SHA1', digits: 6, period: 30 },
    { secret: new Uint8Array(64).fill(0xff), issuer: 'Bänk: ünïcode', label: 'ACME Co:x ✓', algorithm: 'SHA512', digits: 6, period: 30 },
  ];

  it('round-trips accounts through parseMigrationLink', () => {
    const link = formatMigrationLink(accounts);
    expect(link.startsWith(PREFIX)).toBe(true);
    expect(link.slice(PREFIX.length)).toMatch(/^[A-Za-z0-9%]+$/);
    expect(parseMigrationLink(link)).toEqual({ ok: true, accounts, skipped: [], batch: { index: 0, size: 1 } });
  });

  it('writes the batch position it is given', () => {
    const link = formatMigrationLink(accounts.slice(0, 1), { index: 2, size: 5, id: -123456 });
    expect(expectOk(parseMigrationLink(link)).batch).toEqual({ index: 2, size: 5 });
  });

  it('writes the layout Google Authenticator writes, byte for byte', () => {
    const link = formatMigrationLink(accounts.slice(0, 1), { index: 1, size: 3, id: -1 });
    const expected = [...ld(0x0a, ENTRY), 0x10, 0x01, 0x18, 0x03, 0x20, 0x01, 0x28, ...MINUS_ONE];
    expect(link).toBe(linkOf(expected));
  });

  it('derives a default batch id from the content', () => {
    const idOf = (link: string): bigint | undefined => {
      const reader = new ProtobufReader(base64Decode(decodeURIComponent(link.slice(PREFIX.length))));
      let id: bigint | undefined;
      while (!reader.done) {
        const tag = reader.readTag();
        if (tag.field === 5) id = reader.readInt64();
        else reader.skip(tag);
      }
      return id;
    };
    const a = idOf(formatMigrationLink(accounts.slice(0, 1)));
    expect(a).toBeDefined();
    expect(idOf(formatMigrationLink(accounts.slice(0, 1)))).toBe(a);
    expect(idOf(formatMigrationLink(accounts.slice(1, 2)))).not.toBe(a);
  });

  it('refuses what the format cannot carry', () => {
    expect(() => formatMigrationLink([])).toThrow(RangeError);
    expect(() => formatMigrationLink([{ ...accounts[0]!, period: 60 }])).toThrow(/60-second period/);
    expect(() => formatMigrationLink(accounts, { index: 3, size: 3, id: 1 })).toThrow(/Invalid export batch/);
    expect(() => formatMigrationLink(accounts, { index: 0, size: 0, id: 1 })).toThrow(RangeError);
    expect(() => formatMigrationLink(accounts, { index: 0, size: 1, id: 2 ** 31 })).toThrow(RangeError);
    expect(() => formatMigrationLink(accounts, { index: 0.5, size: 1, id: 1 })).toThrow(RangeError);
  });
});
