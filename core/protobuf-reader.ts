/**
 * A minimal protocol buffers wire-format reader (https://protobuf.dev/programming-guides/encoding/),
 * enough for small foreign payloads such as Google Authenticator export links. Written here
 * rather than pulling in a protobuf library because core must stay dependency-light and pure,
 * and because every read must be bounds-checked: the input comes from untrusted QR codes.
 */

/** Wire types of the protobuf encoding; 3 and 4 are the deprecated group delimiters. */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

export interface FieldTag {
  readonly field: number;
  readonly wire: WireType;
}

export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

const MAX_FIELD_NUMBER = 2 ** 29 - 1;
/** 64 bits need at most ten 7-bit groups. */
const MAX_VARINT_BYTES = 10;
/** Groups nest; a bound keeps skipping them from recursing without limit on hostile input. */
const MAX_GROUP_DEPTH = 32;

function isWireType(n: number): n is WireType {
  return n >= 0 && n <= 5;
}

export class ProtobufReader {
  readonly #bytes: Uint8Array;
  #pos = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.#pos >= this.#bytes.length;
  }

  /** Offset of the next unread byte, for error messages. */
  get position(): number {
    return this.#pos;
  }

  /** The raw 64-bit value of a varint. Rejects varints longer than 10 bytes or wider than 64 bits. */
  readVarint(): bigint {
    let result = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.#bytes[this.#pos];
      if (byte === undefined) throw new ProtobufError(`The data ends inside a number (at byte ${this.#pos}).`);
      this.#pos++;
      // The tenth byte can only carry bit 63; anything more would overflow 64 bits.
      if (i === MAX_VARINT_BYTES - 1 && (byte & 0x7f) > 1)
        throw new ProtobufError(`A number at byte ${this.#pos - MAX_VARINT_BYTES} is wider than 64 bits.`);
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufError(`A number at byte ${this.#pos - MAX_VARINT_BYTES} is longer than ${MAX_VARINT_BYTES} bytes.`);
  }

  /** int32 and enum fields: writers sign-extend negatives to 64 bits, readers keep the low 32. */
  readInt32(): number {
    return Number(BigInt.asIntN(32, this.readVarint()));
  }

  readInt64(): bigint {
    return BigInt.asIntN(64, this.readVarint());
  }

  readTag(): FieldTag {
    const start = this.#pos;
    const tag = this.readVarint();
    const field = tag >> 3n;
    const wire = Number(tag & 7n);
    if (field === 0n || field > BigInt(MAX_FIELD_NUMBER)) throw new ProtobufError(`Invalid field number at byte ${start}.`);
    if (!isWireType(wire)) throw new ProtobufError(`Invalid wire type ${wire} at byte ${start}.`);
    return { field: Number(field), wire };
  }

  /** The payload of a length-delimited field, as a view into the input (callers copy if they keep it). */
  readLengthDelimited(): Uint8Array {
    const start = this.#pos;
    const length = this.readVarint();
    const available = this.#bytes.length - this.#pos;
    if (length > BigInt(available))
      throw new ProtobufError(`A field at byte ${start} claims ${length} bytes but only ${available} remain.`);
    const end = this.#pos + Number(length);
    const view = this.#bytes.subarray(this.#pos, end);
    this.#pos = end;
    return view;
  }

  /** A copy, so the caller's secret does not keep the whole payload alive or alias it. */
  readBytes(): Uint8Array {
    return this.readLengthDelimited().slice();
  }

  readString(): string {
    const start = this.#pos;
    const text = utf8Decode(this.readLengthDelimited());
    if (text === null) throw new ProtobufError(`The text field at byte ${start} is not valid UTF-8.`);
    return text;
  }

  /** A reader over an embedded message. */
  readMessage(): ProtobufReader {
    return new ProtobufReader(this.readLengthDelimited());
  }

  /** Skip the value of a field we do not know, whatever its wire type. */
  skip(tag: FieldTag, depth = 0): void {
    switch (tag.wire) {
      case WireType.VARINT:
        this.readVarint();
        return;
      case WireType.I64:
        this.#advance(8);
        return;
      case WireType.I32:
        this.#advance(4);
        return;
      case WireType.LEN:
        this.readLengthDelimited();
        return;
      case WireType.SGROUP: {
        if (depth >= MAX_GROUP_DEPTH) throw new ProtobufError('Groups are nested too deeply.');
        for (;;) {
          if (this.done) throw new ProtobufError(`The group of field ${tag.field} is never closed.`);
          const inner = this.readTag();
          if (inner.wire === WireType.EGROUP) {
            if (inner.field !== tag.field) throw new ProtobufError(`A group of field ${tag.field} is closed as field ${inner.field}.`);
            return;
          }
          this.skip(inner, depth + 1);
        }
      }
      case WireType.EGROUP:
        throw new ProtobufError(`Field ${tag.field} ends a group that was never opened.`);
    }
  }

  #advance(count: number): void {
    const available = this.#bytes.length - this.#pos;
    if (count > available) throw new ProtobufError(`The data ends inside a fixed-size field (at byte ${this.#pos}).`);
    this.#pos += count;
  }
}

/**
 * Strict UTF-8 decoding without TextDecoder (not in core's ES2022 lib): decodeURIComponent
 * throws on any invalid, overlong or surrogate sequence (ECMA-262 Decode), which is exactly
 * the validation we want. Returns null for invalid input.
 */
export function utf8Decode(bytes: Uint8Array): string | null {
  let escaped = '';
  for (const byte of bytes) escaped += byte < 0x10 ? `%0${byte.toString(16)}` : `%${byte.toString(16)}`;
  try {
    return decodeURIComponent(escaped);
  } catch {
    return null;
  }
}
