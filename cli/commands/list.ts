/** `mamori list`: the credentials' metadata, from the settings file only (no keychain access). */
import { selectedOf } from '../../desktop/credential-book.js';
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { credentialJson, dayOf, kindOf, printJson, printLines, safeText, table, type Io } from '../output.js';

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values } = parseCommand(args, { command: 'list', options: { json: { type: 'boolean' } } });
  const settings = await openContext(io).store.read();
  const selectedId = selectedOf(settings)?.credentialId;
  if (values.json === true) {
    printJson(io, { selectedId: selectedId ?? null, credentials: settings.credentials.map((c) => credentialJson(c, selectedId)) });
    return;
  }
  if (settings.credentials.length === 0) {
    printLines(io, ['No credentials yet. Add one with "mamori add" or "mamori provision".']);
    return;
  }
  printLines(
    io,
    table([
      ['', 'ID', 'ISSUER', 'LABEL', 'SOURCE', 'CODES', 'EXPIRES'],
      ...settings.credentials.map((c) => [
        c.credentialId === selectedId ? '*' : '',
        safeText(c.credentialId),
        safeText(c.issuer) || '-',
        safeText(c.label) || '-',
        c.source,
        kindOf(c),
        dayOf(c.expiresAt),
      ]),
    ]),
  );
}
