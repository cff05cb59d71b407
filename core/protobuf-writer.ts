/**
 * The writing half of protobuf-reader.ts: just the field kinds Google Authenticator export
 * links need (varint, bytes, string, embedded message).
 */
import { WireType } from './protobuf-reader.js';

export class ProtobufWriter {
  readonly #bytes: number[] = [];

  /** int32, int64 and enum values; negatives are sign-extended to 64 bits as protobuf requires. */
  varint(field: number, value: number | bigint): this {
    this.#tag(field, WireType.VARINT);
    this.#rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, WireType.LEN);
    this.#rawVarint(BigInt(value.length));
    for (const byte of value) this.#bytes.push(byte);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, utf8Encode(value));
  }

  message(field: number, value: ProtobufWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  #tag(field: number, wire: WireType): void {
    if (!Number.isInteger(field) || field < 1 || field > 2 ** 29 - 1) throw new RangeError(`Invalid protobuf field number ${field}`);
    this.#rawVarint((BigInt(field) << 3n) | BigInt(wire));
  }

  #rawVarint(value: bigint): void {
    let v = value;
    while (v >= 0x80n) {
      this.#bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.#bytes.push(Number(v));
  }
}

/**
 * UTF-8 without TextEncoder (not in core's ES2022 lib): encodeURIComponent yields the UTF-8
 * bytes as %XX escapes and leaves only ASCII unescaped. It throws URIError on a lone surrogate,
 * which is not representable in UTF-8 anyway.
 */
export function utf8Encode(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const out: number[] = [];
  for (let i = 0; i < escaped.length; ) {
    if (escaped[i] === '%') {
      out.push(parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      out.push(escaped.charCodeAt(i));
      i += 1;
    }
  }
  return Uint8Array.from(out);
}
