/** `mamori select`: the credential `mamori code` and the app show by default. */
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { credentialJson, nameOf, printJson, printLines, type Io } from '../output.js';
import { resolveCredential } from '../resolve.js';

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { command: 'select', options: { json: { type: 'boolean' } }, required: ['ID or name'] });
  const { store, book } = openContext(io);
  const credential = resolveCredential(await store.read(), positionals[0]);
  await book.select(credential.credentialId);
  if (values.json === true) printJson(io, credentialJson(credential, credential.credentialId));
  else printLines(io, [`Selected ${nameOf(credential)}.`]);
}
