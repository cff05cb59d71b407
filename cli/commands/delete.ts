/** `mamori delete`: a credential and its keychain secret, only with --yes (it cannot be undone). */
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { UsageError } from '../errors.js';
import { credentialJson, nameOf, printJson, printLines, safeText, type Io } from '../output.js';
import { resolveCredential } from '../resolve.js';

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    command: 'delete',
    options: { yes: { type: 'boolean' }, json: { type: 'boolean' } },
    required: ['ID or name'],
  });
  if (values.yes !== true)
    throw new UsageError('delete needs --yes: the secret is removed from the keychain and cannot be recovered (stop the token at your bank, or export a backup, first)', 'delete');
  const { store, book } = openContext(io);
  const credential = resolveCredential(await store.read(), positionals[0]);
  await book.remove(credential.credentialId);
  if (values.json === true) printJson(io, { deleted: credentialJson(credential, undefined) });
  else printLines(io, [`Deleted ${nameOf(credential)} (${safeText(credential.credentialId)}) and its secret.`]);
}
