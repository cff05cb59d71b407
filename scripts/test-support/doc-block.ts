/**
 * A block of a committed document that code generates, between `<!-- NAME ... -->` and
 * `<!-- /NAME -->` (a configuration table, say). A test compares the committed block with what
 * the code declares; with MAMORI_UPDATE_DOCS=1 (as for the screenshots) it rewrites the block
 * instead. So the document and the code cannot drift apart unnoticed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The committed block of `doc` (relative to the repository) and the block `generated` would make. */
export function docBlock(doc: string, name: string, generated: string): { committed: string; generated: string } {
  const path = root + doc;
  const text = readFileSync(path, 'utf8');
  const start = new RegExp(`<!-- ${name}\\b[^\\n]*-->\\n`).exec(text);
  const endMarker = `<!-- /${name} -->`;
  const end = start === null ? -1 : text.indexOf(endMarker, start.index);
  if (start === null || end < 0) throw new Error(`${doc} has no block <!-- ${name} --> ... ${endMarker}`);
  const from = start.index + start[0].length;
  const committed = text.slice(from, end).replace(/\n$/, '');
  if (process.env.MAMORI_UPDATE_DOCS === '1' && committed !== generated) {
    writeFileSync(path, text.slice(0, from) + generated + '\n' + text.slice(end));
    return { committed: generated, generated };
  }
  return { committed, generated };
}
