/**
 * A small, namespace-aware element tree over fast-xml-parser, for the VIP provisioning codec.
 *
 * fast-xml-parser alone is lenient (it accepts `<a><b></a>`) and does not resolve namespace
 * prefixes, so this module validates first, then turns the parser's ordered output into elements
 * named by (namespace URI, local name). Entity processing is off in the parser: nothing declared
 * in a DOCTYPE is ever expanded (no "billion laughs"), and the five predefined entities and
 * character references are decoded here, where an unknown reference is an error rather than text.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

export interface XmlElement {
  /** Namespace URI, or null for an element in no namespace. */
  readonly ns: string | null;
  readonly name: string;
  /** Attributes by their name as written ("Id", "xsi:type"); namespace declarations excluded. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text (CDATA included), trimmed; child elements' text excluded. */
  readonly text: string;
}

/** Parsed only after this cap: a far larger document is not an answer we expect. */
export const MAX_XML_CHARS = 64 * 1024;
const MAX_DEPTH = 32;

const ATTR_PREFIX = '@_';
const ATTRS_KEY = ':@';
const TEXT_KEY = '#text';
// CDATA kept apart from text because its content is literal: no entity decoding.
const CDATA_KEY = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
  cdataPropName: CDATA_KEY,
  allowBooleanAttributes: false,
  maxNestedTags: MAX_DEPTH,
});

const PREDEFINED = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Decode the predefined entities and character references in a text or attribute value. */
function decodeEntities(raw: string): string {
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp);
    if (semi < 0 || semi - amp > 10) throw new XmlError('The document contains a stray "&".');
    const name = raw.slice(amp + 1, semi);
    let decoded = PREDEFINED.get(name);
    if (decoded === undefined && name.startsWith('#')) {
      const hex = name.startsWith('#x');
      const digits = name.slice(hex ? 2 : 1);
      const valid = digits.length > 0 && [...digits].every((c) => (hex ? '0123456789abcdefABCDEF' : '0123456789').includes(c));
      const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : NaN;
      if (Number.isInteger(code) && code > 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
    }
    if (decoded === undefined) throw new XmlError(`The document uses the unknown entity "&${name.slice(0, 10)};".`);
    out += raw.slice(from, amp) + decoded;
    from = semi + 1;
  }
  return out + raw.slice(from);
}

type OrderedNode = Record<string, unknown>;

function isRecord(value: unknown): value is OrderedNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value.map((part: unknown) => (isRecord(part) && TEXT_KEY in part ? String(part[TEXT_KEY]) : '')).join('');
}

function splitName(qname: string): { prefix: string | null; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: null, local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function toElement(node: OrderedNode, scope: ReadonlyMap<string, string>, depth: number): XmlElement {
  if (depth > MAX_DEPTH) throw new XmlError('The document is nested too deeply.');
  const tag = Object.keys(node).find((k) => k !== ATTRS_KEY);
  if (tag === undefined) throw new XmlError('The document has an element without a name.');
  const body = node[tag];
  const rawAttrs = node[ATTRS_KEY];

  // Namespace declarations first: they apply to the element that carries them.
  const localScope = new Map(scope);
  const attributes = new Map<string, string>();
  if (isRecord(rawAttrs)) {
    for (const [key, value] of Object.entries(rawAttrs)) {
      if (!key.startsWith(ATTR_PREFIX) || typeof value !== 'string') continue;
      const name = key.slice(ATTR_PREFIX.length);
      const decoded = decodeEntities(value);
      if (name === 'xmlns') localScope.set('', decoded);
      else if (name.startsWith('xmlns:')) localScope.set(name.slice('xmlns:'.length), decoded);
      else attributes.set(name, decoded);
    }
  }

  const { prefix, local } = splitName(tag);
  const ns = localScope.get(prefix ?? '');
  if (prefix !== null && ns === undefined) throw new XmlError(`The element "${tag.slice(0, 60)}" uses an undeclared namespace prefix.`);

  const children: XmlElement[] = [];
  let text = '';
  if (Array.isArray(body)) {
    for (const child of body) {
      if (!isRecord(child)) continue;
      if (TEXT_KEY in child) text += decodeEntities(String(child[TEXT_KEY]));
      else if (CDATA_KEY in child) text += cdataText(child[CDATA_KEY]);
      else children.push(toElement(child, localScope, depth + 1));
    }
  }
  return { ns: ns === undefined || ns === '' ? null : ns, name: local, attributes, children, text: text.trim() };
}

/** Parse a complete, well-formed document into its root element. Throws XmlError. */
export function parseXml(xml: string): XmlElement {
  if (xml.length > MAX_XML_CHARS) throw new XmlError(`The document is too large (${xml.length} characters; at most ${MAX_XML_CHARS}).`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlError(`The document is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.slice(0, 120)}).`);
  let ordered: unknown;
  try {
    ordered = parser.parse(xml);
  } catch (error) {
    throw new XmlError(`The document is not well-formed XML (${error instanceof Error ? error.message.slice(0, 120) : 'parser error'}).`);
  }
  const roots = Array.isArray(ordered) ? ordered.filter((n): n is OrderedNode => isRecord(n) && !(TEXT_KEY in n)) : [];
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new XmlError('The document must have exactly one root element.');
  return toElement(root, new Map(), 1);
}

/** The only child with this namespace and name, or null; a repeated child is an error. */
export function optionalChild(parent: XmlElement, ns: string, name: string): XmlElement | null {
  const found = parent.children.filter((c) => c.ns === ns && c.name === name);
  if (found.length > 1) throw new XmlError(`<${parent.name}> contains <${name}> more than once.`);
  return found[0] ?? null;
}

/** The only child with this namespace and name; missing or repeated is an error. */
export function requiredChild(parent: XmlElement, ns: string, name: string): XmlElement {
  const child = optionalChild(parent, ns, name);
  if (child === null) throw new XmlError(`<${parent.name}> has no <${name}>.`);
  return child;
}
