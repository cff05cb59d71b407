import { describe, expect, it } from 'vitest';
import { ProtobufError, ProtobufReader, utf8Decode, WireType } from './protobuf-reader.js';
import { ProtobufWriter, utf8Encode } from './protobuf-writer.js';

describe('ProtobufReader', () => {
  it('reads the encoding examples of the protobuf documentation', () => {
    // 150 as field 1 is 08 96 01; "testing" as field 2 is 12 07 74 65 73 74 69 6e 67.
    const reader = new ProtobufReader(Uint8Array.from([0x08, 0x96, 0x01, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]));
    expect(reader.readTag()).toEqual({ field: 1, wire: WireType.VARINT });
    expect(reader.readVarint()).toBe(150n);
    expect(reader.readTag()).toEqual({ field: 2, wire: WireType.LEN });
    expect(reader.readString()).toBe('testing');
    expect(reader.done).toBe(true);
  });

  it('reads the full 64-bit range and sign-extended negatives', () => {
    const max = Uint8Array.from([...new Array<number>(9).fill(0xff), 0x01]);
    expect(new ProtobufReader(max).readVarint()).toBe(2n ** 64n - 1n);
    expect(new ProtobufReader(max).readInt32()).toBe(-1);
    expect(new ProtobufReader(max).readInt64()).toBe(-1n);
  });

  it('accepts the largest field number and rejects one beyond it', () => {
    const largest = new ProtobufWriter().varint(2 ** 29 - 1, 0).finish();
    expect(new ProtobufReader(largest).readTag().field).toBe(2 ** 29 - 1);
    expect(() => new ProtobufReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x20])).readTag()).toThrow(/Invalid field number/);
  });

  it('copies bytes so callers do not alias the input', () => {
    const input = Uint8Array.from([0x0a, 0x02, 0x01, 0x02]);
    const reader = new ProtobufReader(input);
    reader.readTag();
    const copy = reader.readBytes();
    input[2] = 9;
    expect(copy).toEqual(Uint8Array.from([1, 2]));
  });

  it('throws ProtobufError, never a RangeError, on a length beyond 2^53', () => {
    const reader = new ProtobufReader(Uint8Array.from([...new Array<number>(9).fill(0xff), 0x01]));
    expect(() => reader.readLengthDelimited()).toThrow(ProtobufError);
  });
});

describe('ProtobufWriter', () => {
  it('round-trips every value kind through the reader', () => {
    const inner = new ProtobufWriter().string(1, 'inner');
    const bytes = new ProtobufWriter()
      .varint(1, -2)
      .varint(2, 2n ** 63n - 1n)
      .bytes(3, Uint8Array.from([0, 255]))
      .string(4, 'ünï 𝄞')
      .message(5, inner)
      .finish();
    const reader = new ProtobufReader(bytes);
    reader.readTag();
    expect(reader.readInt32()).toBe(-2);
    reader.readTag();
    expect(reader.readInt64()).toBe(2n ** 63n - 1n);
    reader.readTag();
    expect(reader.readBytes()).toEqual(Uint8Array.from([0, 255]));
    reader.readTag();
    expect(reader.readString()).toBe('ünï 𝄞');
    reader.readTag();
    const sub = reader.readMessage();
    sub.readTag();
    expect(sub.readString()).toBe('inner');
    expect(reader.done).toBe(true);
  });

  it('rejects an invalid field number', () => {
    expect(() => new ProtobufWriter().varint(0, 1)).toThrow(RangeError);
  });
});

describe('UTF-8', () => {
  it('matches the platform encoder on multi-byte text', () => {
    const sample = 'a¿ä€𝄞 ✓';
    expect(utf8Encode(sample)).toEqual(new TextEncoder().encode(sample));
    expect(utf8Decode(new TextEncoder().encode(sample))).toBe(sample);
  });

  it('rejects invalid sequences and lone surrogates', () => {
    expect(utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).toBeNull();
    expect(utf8Decode(Uint8Array.from([0xe2, 0x82]))).toBeNull();
    expect(() => utf8Encode('\ud800')).toThrow(URIError);
  });
});
