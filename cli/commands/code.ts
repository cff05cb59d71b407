/**
 * `mamori code`: the current code of one credential. The code alone goes to standard output
 * (so `$(mamori code)` is the code); the seconds left and the name go to standard error.
 */
import { secondsLeft } from '../../core/step.js';
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { nameOf, printJson, type Io } from '../output.js';
import { resolveCredential } from '../resolve.js';

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { command: 'code', options: { json: { type: 'boolean' } }, optional: ['ID or name'] });
  // The seconds left must be measured at the moment the code was computed, which may be after
  // an unlock prompt: record the clock reading the book used.
  let usedAt = Date.now();
  const { store, book } = openContext(io, () => (usedAt = Date.now()));
  const settings = await store.read();
  const credential = resolveCredential(settings, positionals[0]);
  const codes = await book.codes(settings, credential);
  const offset = settings.clock?.offsetMs ?? 0;
  const left = secondsLeft(usedAt + offset, codes.stepEndsAt);
  if (values.json === true) {
    printJson(io, {
      credentialId: credential.credentialId,
      label: credential.label,
      issuer: credential.issuer,
      code: codes.code,
      nextCode: codes.nextCode,
      secondsLeft: left,
      validUntil: new Date(codes.stepEndsAt - offset).toISOString(),
      digits: credential.digits,
      period: credential.period,
    });
    return;
  }
  io.stdout.write(`${codes.code}\n`);
  io.stderr.write(`${left} s left · ${nameOf(credential)}\n`);
}
