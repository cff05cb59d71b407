/** `mamori rename`: a credential's label (its ID never changes). */
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { UsageError } from '../errors.js';
import { credentialJson, nameOf, printJson, printLines, safeText, type Io } from '../output.js';
import { resolveCredential } from '../resolve.js';

/** The settings schema's bound, and the app's (contract 'credential:rename'). */
const MAX_LABEL = 200;

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    command: 'rename',
    options: { json: { type: 'boolean' } },
    required: ['ID or name', 'new label'],
  });
  const label = positionals[1]!.trim();
  if (label === '' || label.length > MAX_LABEL) throw new UsageError(`the label must be 1 to ${MAX_LABEL} characters`, 'rename');
  const { store, book } = openContext(io);
  const credential = resolveCredential(await store.read(), positionals[0]);
  const settings = await book.rename(credential.credentialId, label);
  const renamed = settings.credentials.find((c) => c.credentialId === credential.credentialId) ?? { ...credential, label };
  if (values.json === true) printJson(io, credentialJson(renamed, settings.selectedId ?? settings.credentials[0]?.credentialId));
  else printLines(io, [`Renamed ${safeText(credential.credentialId)} to ${nameOf(renamed)}.`]);
}
