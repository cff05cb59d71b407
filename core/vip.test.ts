import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32.js';
import { parseOtpauth } from './otpauth.js';
import { hotp, totp, type HmacPort } from './totp.js';
import {
  buildVipRequest,
  decryptVipSecret,
  DEFAULT_VIP_MODEL,
  isVipTokenModel,
  parseVipResponse,
  VIP_MODEL_INFO,
  VIP_MODEL_NOTE,
  VIP_NAMESPACE,
  VIP_TOKEN_MODELS,
  vipRequestData,
  VipProtocolError,
  type VipCryptoPort,
} from './vip.js';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const nodeHmac: HmacPort = { hmac: (alg, key, data) => createHmac(alg, key).update(data).digest() };

/** The port on node:crypto, recording every plaintext it hands out so that zeroing can be checked. */
function testCrypto(): VipCryptoPort & { handedOut: Uint8Array[] } {
  const handedOut: Uint8Array[] = [];
  return {
    handedOut,
    hmacSha256: (key, data) => createHmac('sha256', key).update(data).digest(),
    aes128CbcDecryptRaw(key, iv, ciphertext) {
      const d = createDecipheriv('aes-128-cbc', key, iv);
      d.setAutoPadding(false);
      const plain = new Uint8Array(Buffer.concat([d.update(ciphertext), d.final()]));
      handedOut.push(plain);
      return plain;
    },
  };
}

const VIP_AES_KEY = hex('01ad9bc682a3aa93a9a3239a86d6ccd9');
function encrypt(plain: Uint8Array, iv: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-128-cbc', VIP_AES_KEY, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
}

// ---- vip-protocol.md 3.2: the TOTP sample, field by field --------------------------------

const SAMPLE = {
  requestId: '1412030064',
  reasonCode: '0000',
  statusMessage: 'Success',
  salt: 'u5lgf1Ek8WA0iiIwVkjy26j6pfk=',
  iterations: '50',
  iv: 'Fsg1KafmAX80gUEDADijHw==',
  id: 'SYMC26070843',
  issuer: 'OU = ID Protection Center, O = VeriSign, Inc.',
  ai: 'HMAC-SHA1-TRUNC-6DIGITS',
  timing: '<TimeStep>30</TimeStep>',
  cipher: 'ILBweOCEOoMBLJARzoeUIlu0+5m6b3khZljd5dozARk=',
  digest: 'MoaidW7XDzeTZJqhfRQCZEieARM=',
  expiry: '2017-09-25T23:36:22.056Z' as string | null,
  utc: '1412030065' as string | null,
  /** Prefix for every element, e.g. "v:" with a prefixed namespace declaration. */
  prefix: '',
};
type Sample = typeof SAMPLE;

function responseXml(overrides: Partial<Sample> = {}): string {
  const s = { ...SAMPLE, ...overrides };
  const p = s.prefix;
  const t = (name: string, body: string, attrs = '') => `<${p}${name}${attrs}>${body}</${p}${name}>`;
  const nsDecl = p === '' ? `xmlns="${VIP_NAMESPACE}"` : `xmlns:${p.slice(0, -1)}="${VIP_NAMESPACE}"`;
  const timing = p === '' ? s.timing : s.timing.replaceAll('<', `<${p}`).replaceAll(`<${p}/`, `</${p}`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<${p}GetSharedSecretResponse RequestId="${s.requestId}" Version="2.0" ${nsDecl}>
  ${t('Status', t('ReasonCode', s.reasonCode) + t('StatusMessage', s.statusMessage))}
  ${t('SharedSecretDeliveryMethod', 'HTTPS')}
  ${t(
    'SecretContainer',
    t('EncryptionMethod', t('PBESalt', s.salt) + t('PBEIterationCount', s.iterations) + t('IV', s.iv)) +
      t(
        'Device',
        t(
          'Secret',
          t('Issuer', s.issuer) +
            t('Usage', t('AI', '', ` type="${s.ai}"`) + timing + t('Time', '0') + t('ClockDrift', '4'), ' otp="true"') +
            t('FriendlyName', s.issuer) +
            t('Data', t('Cipher', s.cipher) + t('Digest', s.digest, ' algorithm="HMAC-SHA1"')) +
            (s.expiry === null ? '' : t('Expiry', s.expiry)),
          ` type="HOTP" Id="${s.id}"`,
        ),
      ),
    ' Version="1.0"',
  )}
  ${s.utc === null ? '' : t('UTCTimestamp', s.utc)}
</${p}GetSharedSecretResponse>`;
}

function statusOnlyXml(reasonCode: string, statusMessage: string, requestId = '1412030064'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<GetSharedSecretResponse RequestId="${requestId}" Version="2.0" xmlns="${VIP_NAMESPACE}"><Status><ReasonCode>${reasonCode}</ReasonCode><StatusMessage>${statusMessage}</StatusMessage></Status></GetSharedSecretResponse>`;
}

function protocolError(xml: string): VipProtocolError {
  try {
    parseVipResponse(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(VipProtocolError);
    return error as VipProtocolError;
  }
  return expect.fail('expected a VipProtocolError');
}

describe('token models', () => {
  it('lists the four provisionable families with SYDC as the default', () => {
    expect(VIP_TOKEN_MODELS).toEqual(['SYDC', 'VSST', 'SYMC', 'VSMT']);
    expect(DEFAULT_VIP_MODEL).toBe('SYDC');
    expect(VIP_TOKEN_MODELS.map((m) => VIP_MODEL_INFO[m].kind)).toEqual(['desktop', 'desktop', 'mobile', 'mobile']);
  });
  it('explains every model in one sentence in English and Japanese', () => {
    for (const model of VIP_TOKEN_MODELS) {
      const { en, ja } = VIP_MODEL_INFO[model];
      expect(en).toMatch(/^[A-Z].*\.$/);
      expect(en.split('. ')).toHaveLength(1);
      expect(ja).toMatch(/。$/);
      expect(ja.slice(0, -1)).not.toContain('。');
    }
    expect(VIP_MODEL_INFO.VSST.en).toMatch(/deprecated/);
    expect(VIP_MODEL_INFO.VSMT.en).toMatch(/some banks/i);
    expect(VIP_MODEL_NOTE.en).toMatch(/some banks accept only some/i);
  });
  it('recognises model names exactly', () => {
    expect(VIP_TOKEN_MODELS.every(isVipTokenModel)).toBe(true);
    for (const other of ['UBHE', 'sydc', 'SYMC/VSMT', '', 'SYDC ']) expect(isVipTokenModel(other)).toBe(false);
  });
});

describe('request', () => {
  it('computes the documented Data vector (HMAC-SHA256, vip-protocol.md 2.3)', async () => {
    expect(await vipRequestData(1412030064, 'python-vipaccess-X.Y.Z', testCrypto())).toBe('MyvXiv5vU27qBbRDN2HwbVAp0n+e67QWfWhXlbPb4Q8=');
  });

  it('builds the documented GetSharedSecret document, checked by parsing it back', async () => {
    const xml = await buildVipRequest({ model: 'SYDC', timestamp: 1412030064, clientId: 'python-vipaccess-X.Y.Z' }, testCrypto());
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" ?>')).toBe(true);

    const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, ignoreDeclaration: true }).parse(xml) as Array<Record<string, unknown>>;
    type Node = Record<string, unknown>;
    const nameOf = (n: Node) => Object.keys(n).find((k) => k !== ':@') ?? '';
    const kids = (n: Node) => (n[nameOf(n)] as Node[]).filter((c) => !('#text' in c));
    const text = (n: Node) => ((n[nameOf(n)] as Node[]).find((c) => '#text' in c)?.['#text'] as string | undefined) ?? '';
    const attrs = (n: Node) => (n[':@'] as Record<string, string> | undefined) ?? {};

    expect(ordered).toHaveLength(1);
    const root = ordered[0]!;
    expect(nameOf(root)).toBe('GetSharedSecret');
    expect(Object.entries(attrs(root))).toEqual([
      ['Id', '1412030064'],
      ['Version', '2.0'],
      ['xmlns', 'http://www.verisign.com/2006/08/vipservice'],
      ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
    ]);
    const top = kids(root);
    expect(top.map(nameOf)).toEqual(['TokenModel', 'ActivationCode', 'OtpAlgorithm', 'SharedSecretDeliveryMethod', 'Extension']);
    expect(top.map(text)).toEqual(['SYDC', '', '', 'HTTPS', '']);
    expect(attrs(top[2]!)).toEqual({ type: 'HMAC-SHA1-TRUNC-6DIGITS' });
    expect(Object.entries(attrs(top[4]!))).toEqual([
      ['extVersion', 'auth'],
      ['xsi:type', 'vip:ProvisionInfoType'],
      ['xmlns:vip', 'http://www.verisign.com/2006/08/vipservice'],
    ]);
    const ext = kids(top[4]!);
    expect(ext.map((n) => [nameOf(n), text(n)])).toEqual([
      ['AppHandle', 'iMac010200'],
      ['ClientIDType', 'BOARDID'],
      ['ClientID', 'python-vipaccess-X.Y.Z'],
      ['DistChannel', 'Symantec'],
      ['ClientTimestamp', '1412030064'],
      ['Data', 'MyvXiv5vU27qBbRDN2HwbVAp0n+e67QWfWhXlbPb4Q8='],
    ]);
  });

  it('puts the model and a timestamp-dependent MAC into each request', async () => {
    const a = await buildVipRequest({ model: 'VSMT', timestamp: 1700000000, clientId: 'mamori-0.1.0' }, testCrypto());
    const b = await buildVipRequest({ model: 'VSMT', timestamp: 1700000001, clientId: 'mamori-0.1.0' }, testCrypto());
    expect(a).toContain('<TokenModel>VSMT</TokenModel>');
    expect(a).toContain(`<Data>${await vipRequestData(1700000000, 'mamori-0.1.0', testCrypto())}</Data>`);
    expect(b).toContain(`<Data>${await vipRequestData(1700000001, 'mamori-0.1.0', testCrypto())}</Data>`);
    expect(a).not.toBe(b);
  });

  it('refuses parameters that would make a wrong or unescaped request', async () => {
    const crypto = testCrypto();
    await expect(buildVipRequest({ model: 'UBHE' as 'SYDC', timestamp: 1, clientId: 'mamori' }, crypto)).rejects.toThrow(RangeError);
    await expect(buildVipRequest({ model: 'SYDC', timestamp: -1, clientId: 'mamori' }, crypto)).rejects.toThrow(RangeError);
    await expect(buildVipRequest({ model: 'SYDC', timestamp: 1.5, clientId: 'mamori' }, crypto)).rejects.toThrow(RangeError);
    for (const clientId of ['', 'a<b', 'mamori 1', 'é', 'x'.repeat(65)])
      await expect(buildVipRequest({ model: 'SYDC', timestamp: 1, clientId }, crypto)).rejects.toThrow(RangeError);
  });
});

describe('3.2 sample response (TOTP)', () => {
  it('parses every documented field', () => {
    const r = parseVipResponse(responseXml());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.requestId).toBe('1412030064');
    expect(r.status).toEqual({ reasonCode: '0000', statusMessage: 'Success' });
    expect(r.utcTimestamp).toBe(1412030065);
    const c = r.credential;
    expect(c.credentialId).toBe('SYMC26070843');
    expect(c.issuer).toBe('OU = ID Protection Center, O = VeriSign, Inc.');
    expect(c.otp).toEqual({ type: 'totp', period: 30 });
    expect(c.algorithm).toBe('sha1');
    expect(c.digits).toBe(6);
    expect(c.expiry).toBe('2017-09-25T23:36:22.056Z');
    expect(toHex(c.salt!)).toBe('bb99607f5124f160348a22305648f2dba8faa5f9');
    expect(toHex(c.iv)).toBe('16c83529a7e6017f348141030038a31f');
    expect(toHex(c.cipher)).toBe('20b07078e0843a83012c9011ce8794225bb4fb99ba6f79216658dde5da330119');
    expect(toHex(c.digest!)).toBe('3286a2756ed70f3793649aa17d140264489e0113');
  });

  it('decrypts the secret, zeroing the padded plaintext, and gives the documented base32', async () => {
    const r = parseVipResponse(responseXml());
    if (!r.ok) return expect.fail('sample is a success');
    const crypto = testCrypto();
    const secret = await decryptVipSecret(r.credential.iv, r.credential.cipher, crypto);
    expect(toHex(secret)).toBe('5a716544d977675d22121f37c7763622f0135c69');
    expect(base32Encode(secret)).toBe('LJYWKRGZO5TV2IQSD434O5RWELYBGXDJ');
    expect(crypto.handedOut).toHaveLength(1);
    expect(crypto.handedOut[0]!.every((b) => b === 0)).toBe(true);
  });

  it.each([
    [0, '698143'],
    [59, '486242'],
    [1111111109, '826676'],
    [1412030064, '111332'],
    [2000000000, '594064'],
  ])('gives the documented TOTP code at %i s', async (seconds, code) => {
    const r = parseVipResponse(responseXml());
    if (!r.ok) return expect.fail('sample is a success');
    const secret = await decryptVipSecret(r.credential.iv, r.credential.cipher, testCrypto());
    expect(totp(secret, seconds * 1000, { algorithm: 'SHA1', digits: 6, period: 30 }, nodeHmac)).toBe(code);
  });

  it('reads the same answer when the namespace is bound to a prefix', () => {
    const plain = parseVipResponse(responseXml());
    const prefixed = parseVipResponse(responseXml({ prefix: 'v:' }));
    expect(prefixed).toEqual(plain);
  });

  it('accepts a missing Expiry as "no expiry" and decodes entities in text', () => {
    const r = parseVipResponse(responseXml({ expiry: null, issuer: 'OU = ID &amp; Protection &#x43;enter' }));
    if (!r.ok) return expect.fail('success expected');
    expect(r.credential.expiry).toBeNull();
    expect(r.credential.issuer).toBe('OU = ID & Protection Center');
  });

  it('takes CDATA literally', () => {
    const r = parseVipResponse(responseXml({ issuer: '<![CDATA[O = A &amp; B <x>]]>' }));
    if (!r.ok) return expect.fail('success expected');
    expect(r.credential.issuer).toBe('O = A &amp; B <x>');
  });

  it('reads other well-formed AI types for the caller to judge', () => {
    const r = parseVipResponse(responseXml({ ai: 'HMAC-SHA256-TRUNC-8DIGITS', timing: '<TimeStep>60</TimeStep>' }));
    if (!r.ok) return expect.fail('success expected');
    expect([r.credential.algorithm, r.credential.digits, r.credential.otp]).toEqual(['sha256', 8, { type: 'totp', period: 60 }]);
  });
});

describe('3.3 HOTP sample', () => {
  const xml = responseXml({
    id: 'UBHE57586348',
    iv: 'UfZJs8kh/TPGNIplg42crw==',
    cipher: 'IZApXWUS5s+p06ev37CJH37mF+cn13BVzT5498HCMuE=',
    salt: Buffer.from('3192efb599afa9e32917af209ba5956a37e7a92b', 'hex').toString('base64'),
    digest: Buffer.from('c37341e9025cff026d1db5691ab7dc8526796ccd', 'hex').toString('base64'),
    timing: '<Counter>1</Counter>',
    expiry: '2022-06-03T07:21:46.825Z',
  });

  it('parses a Counter credential and decrypts the documented secret and HOTP values', async () => {
    const r = parseVipResponse(xml);
    if (!r.ok) return expect.fail('success expected');
    expect(r.credential.credentialId).toBe('UBHE57586348');
    expect(r.credential.otp).toEqual({ type: 'hotp', counter: 1 });
    expect(r.credential.expiry).toBe('2022-06-03T07:21:46.825Z');
    expect([r.credential.algorithm, r.credential.digits]).toEqual(['sha1', 6]);
    expect(toHex(r.credential.iv)).toBe('51f649b3c921fd33c6348a65838d9caf');
    expect(toHex(r.credential.cipher)).toBe('2190295d6512e6cfa9d3a7afdfb0891f7ee617e727d77055cd3e78f7c1c232e1');
    expect(toHex(r.credential.salt!)).toBe('3192efb599afa9e32917af209ba5956a37e7a92b');
    expect(toHex(r.credential.digest!)).toBe('c37341e9025cff026d1db5691ab7dc8526796ccd');
    const secret = await decryptVipSecret(r.credential.iv, r.credential.cipher, testCrypto());
    expect(toHex(secret)).toBe('9a13cd3221adbd9752fc4545b69265b414b0fe6d');
    expect(base32Encode(secret)).toBe('TIJ42MRBVW6ZOUX4IVC3NETFWQKLB7TN');
    const opts = { algorithm: 'SHA1', digits: 6 } as const;
    expect([0, 1, 2].map((counter) => hotp(secret, counter, opts, nodeHmac))).toEqual(['548860', '066060', '130148']);
  });
});

describe('3.6 otpauth URIs', () => {
  const IMAGE = 'https://raw.githubusercontent.com/dlenski/python-vipaccess/master/vipaccess.png';
  const totpUri = `otpauth://totp/VIP%20Access:SYMC26070843?secret=LJYWKRGZO5TV2IQSD434O5RWELYBGXDJ&image=${IMAGE}`;
  const hotpUri = `otpauth://hotp/VIP%20Access:UBHE57586348?counter=1&secret=TIJ42MRBVW6ZOUX4IVC3NETFWQKLB7TN&image=${IMAGE}`;

  it('has the documented parts', () => {
    const t = new URL(totpUri);
    expect([t.protocol, t.host, t.pathname]).toEqual(['otpauth:', 'totp', '/VIP%20Access:SYMC26070843']);
    expect(Object.fromEntries(t.searchParams)).toEqual({ secret: 'LJYWKRGZO5TV2IQSD434O5RWELYBGXDJ', image: IMAGE });
    const h = new URL(hotpUri);
    expect([h.protocol, h.host, h.pathname]).toEqual(['otpauth:', 'hotp', '/VIP%20Access:UBHE57586348']);
    expect(Object.fromEntries(h.searchParams)).toEqual({ counter: '1', secret: 'TIJ42MRBVW6ZOUX4IVC3NETFWQKLB7TN', image: IMAGE });
  });

  it('imports the TOTP link as the decrypted 3.2 secret', () => {
    const result = parseOtpauth(totpUri);
    if (!result.ok) return expect.fail(result.message);
    expect(toHex(result.account.secret)).toBe('5a716544d977675d22121f37c7763622f0135c69');
    expect(result.account).toMatchObject({ issuer: 'VIP Access', label: 'SYMC26070843', algorithm: 'SHA1', digits: 6, period: 30 });
  });

  it('refuses the HOTP link, since Mamori shows time-based codes only', () => {
    const result = parseOtpauth(hotpUri);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/counter-based \(HOTP\).*TOTP/);
  });
});

describe('error answers', () => {
  it.each([
    ['4E00', 'Malformed request'],
    ['4E0D', 'Unsupported token model'],
    ['4F04', 'Expired or unsupported mobile application'],
  ])('returns status %s without a credential', (code, message) => {
    expect(parseVipResponse(statusOnlyXml(code, message))).toEqual({ ok: false, requestId: '1412030064', status: { reasonCode: code, statusMessage: message } });
  });

  it('keeps a refusal even without RequestId (the caller decides what matters)', () => {
    const xml = `<GetSharedSecretResponse xmlns="${VIP_NAMESPACE}"><Status><ReasonCode>4E00</ReasonCode></Status></GetSharedSecretResponse>`;
    expect(parseVipResponse(xml)).toEqual({ ok: false, requestId: null, status: { reasonCode: '4E00', statusMessage: '' } });
  });
});

describe('malformed answers', () => {
  it.each([
    ['not XML', 'hello', /well-formed/],
    ['empty', '', /root element|well-formed/],
    ['unclosed tag', `<GetSharedSecretResponse xmlns="${VIP_NAMESPACE}"><Status><ReasonCode>0000</ReasonCode></GetSharedSecretResponse>`, /well-formed/],
    ['two roots', `${statusOnlyXml('4E00', 'x')}<b/>`, /well-formed|root/],
    ['HTML', '<html><body>Service unavailable</body></html>', /not a VIP GetSharedSecretResponse/],
    ['wrong namespace', statusOnlyXml('0000', 'x').replace(VIP_NAMESPACE, 'urn:other'), /not a VIP/],
    ['undeclared prefix', '<v:GetSharedSecretResponse/>', /undeclared namespace prefix|well-formed/],
    ['no Status', `<GetSharedSecretResponse RequestId="1" xmlns="${VIP_NAMESPACE}"/>`, /no <Status>/],
    ['success without SecretContainer', statusOnlyXml('0000', 'Success'), /no <SecretContainer>/],
    ['unknown entity', statusOnlyXml('&bogus;', 'x'), /unknown entity/],
    ['stray ampersand', statusOnlyXml('4E00', 'a & b'), /stray|well-formed/],
  ])('refuses %s', (_name, xml, message) => {
    expect(protocolError(xml).message).toMatch(message);
  });

  it.each<[string, Partial<Sample>, RegExp]>([
    ['a short IV', { iv: Buffer.alloc(15).toString('base64') }, /IV has 15 bytes; the protocol uses 16/],
    ['a 48-byte cipher', { cipher: Buffer.alloc(48).toString('base64') }, /encrypted secret has 48 bytes/],
    ['a non-base64 cipher', { cipher: 'not*base64' }, /encrypted secret is not base64\.$/],
    ['an unknown AI type', { ai: 'HMAC-SHA1-6DIGITS' }, /Unknown OTP algorithm type "HMAC-SHA1-6DIGITS"/],
    ['an AI type with five parts', { ai: 'HMAC-SHA1-TRUNC-6DIGITS-X' }, /Unknown OTP algorithm type/],
    ['an AI type without a digit count', { ai: 'HMAC-SHA1-TRUNC-SIXDIGITS' }, /Unknown OTP algorithm type/],
    ['both TimeStep and Counter', { timing: '<TimeStep>30</TimeStep><Counter>0</Counter>' }, /both a TimeStep and a Counter/],
    ['neither TimeStep nor Counter', { timing: '' }, /neither a TimeStep nor a Counter/],
    ['a zero TimeStep', { timing: '<TimeStep>0</TimeStep>' }, /TimeStep is zero/],
    ['a non-numeric TimeStep', { timing: '<TimeStep>thirty</TimeStep>' }, /TimeStep is not a whole number/],
    ['a non-numeric UTCTimestamp', { utc: '2014-09-29' }, /UTCTimestamp is not a whole number/],
    ['a missing UTCTimestamp', { utc: null }, /no <UTCTimestamp>/],
    ['a malformed credential ID', { id: 'SYMC2607084' }, /credential ID "SYMC2607084" is not 4 letters and 8 digits/],
    ['a malformed expiry', { expiry: 'next year' }, /Expiry "next year" is not an ISO-8601 date/],
    ['an empty ReasonCode', { reasonCode: '' }, /empty ReasonCode/],
  ])('refuses a success answer with %s', (_name, overrides, message) => {
    expect(protocolError(responseXml(overrides)).message).toMatch(message);
  });

  it('refuses a repeated element rather than guessing which one counts', () => {
    expect(protocolError(responseXml({ timing: '<TimeStep>30</TimeStep><TimeStep>60</TimeStep>' })).message).toMatch(/<TimeStep> more than once/);
  });

  it('never expands entities declared in a DOCTYPE', () => {
    const laughs = `<!DOCTYPE r [<!ENTITY a "0000"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>`;
    const xml = statusOnlyXml('&b;', 'x').replace('<GetSharedSecretResponse', `${laughs}<GetSharedSecretResponse`);
    expect(protocolError(xml).message).toMatch(/unknown entity "&b;"/);
  });

  it('refuses a document larger than any answer before parsing it', () => {
    const xml = statusOnlyXml('4E00', 'x'.repeat(70_000));
    expect(protocolError(xml).message).toMatch(/too large/);
  });
});

describe('decryptVipSecret', () => {
  const iv = hex('16c83529a7e6017f348141030038a31f');
  const secret = hex('5a716544d977675d22121f37c7763622f0135c69');
  const padded = (pad: number, length = 12) => new Uint8Array([...secret, ...new Array<number>(length).fill(pad)]);

  it('round-trips what the VIP key encrypted', async () => {
    expect(toHex(await decryptVipSecret(iv, encrypt(padded(0x0c), iv), testCrypto()))).toBe(toHex(secret));
  });

  it.each([
    ['twelve 0x0B', padded(0x0b)],
    ['a valid PKCS#7 tail of one byte', new Uint8Array([...secret, ...new Array<number>(11).fill(0x0c), 0x01])],
    ['eleven 0x0C then 0x0D', new Uint8Array([...secret, ...new Array<number>(11).fill(0x0c), 0x0d])],
  ])('refuses padding of %s and still zeroes the plaintext', async (_name, plain) => {
    const crypto = testCrypto();
    await expect(decryptVipSecret(iv, encrypt(plain, iv), crypto)).rejects.toThrow(/invalid padding/);
    expect(crypto.handedOut[0]!.every((b) => b === 0)).toBe(true);
  });

  it('refuses a wrong key (the answer decrypts to noise)', async () => {
    const c = createCipheriv('aes-128-cbc', hex('00000000000000000000000000000000'), iv);
    c.setAutoPadding(false);
    const cipher = new Uint8Array(Buffer.concat([c.update(padded(0x0c)), c.final()]));
    await expect(decryptVipSecret(iv, cipher, testCrypto())).rejects.toThrow(VipProtocolError);
  });

  it('refuses sizes other than a 16-byte IV and a 32-byte cipher before decrypting', async () => {
    const crypto = testCrypto();
    await expect(decryptVipSecret(iv.slice(0, 15), encrypt(padded(0x0c), iv), crypto)).rejects.toThrow(/IV has 15 bytes/);
    await expect(decryptVipSecret(iv, encrypt(padded(0x0c, 28), iv), crypto)).rejects.toThrow(/encrypted secret has 48 bytes/);
    await expect(decryptVipSecret(iv, new Uint8Array(16), crypto)).rejects.toThrow(/encrypted secret has 16 bytes/);
    expect(crypto.handedOut).toHaveLength(0);
  });

  it('never puts the secret in an error message', async () => {
    const plain = padded(0x0b);
    const error = await decryptVipSecret(iv, encrypt(plain, iv), testCrypto()).then(
      () => expect.fail('expected a padding error'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VipProtocolError);
    const { message } = error as VipProtocolError;
    for (const form of [toHex(secret), Buffer.from(secret).toString('base64'), base32Encode(secret)]) expect(message).not.toContain(form);
  });
});
