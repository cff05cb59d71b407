/**
 * `mamori add`: the accounts of an otpauth:// link, a Google Authenticator export link or a bare
 * setup key, added as manual credentials exactly as the app's "add" does. The link itself is
 * never printed, not even in an error.
 */
import { accountsFrom } from '../../desktop/account-input.js';
import { addAccounts } from '../../desktop/operations/add-accounts.js';
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { clause, Failure } from '../errors.js';
import { credentialJson, nameOf, printJson, printLines, safeText, skippedJson, type Io } from '../output.js';
import { promptHidden, readFirstLine } from '../password.js';

/** "-": the link or key from the terminal (echo off) or the first line of standard input. */
async function readLink(io: Io): Promise<string> {
  const text = io.stdin.isTTY ? await promptHidden(io, 'Setup link or key: ') : await readFirstLine(io.stdin);
  if (text === null || text.trim() === '') throw new Failure('no setup link or key was given on standard input');
  return text;
}

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    command: 'add',
    options: { label: { type: 'string' }, json: { type: 'boolean' } },
    hints: { label: 'a label' },
    required: ['setup link or key (or "-" to read it from standard input)'],
  });
  const given = positionals[0]!;
  const { book, now } = openContext(io);
  const result = await addAccounts(book, accountsFrom(given === '-' ? await readLink(io) : given, values.label), now());
  if (values.json === true) {
    printJson(io, { added: result.added.map((c) => credentialJson(c, result.settings.selectedId)), skipped: skippedJson(result.skipped) });
  } else {
    printLines(io, result.added.map((c) => `Added ${nameOf(c)} as ${safeText(c.credentialId)}.`));
    for (const s of result.skipped) io.stderr.write(`Skipped ${safeText(s.label)}: ${clause(s.reason)}.\n`);
  }
  if (result.added.length === 0) throw new Failure('nothing was added');
}
