/**
 * A reason the service refuses to start (fail closed): wrong or malformed master key, unsafe
 * key file permissions. `main.ts` prints the message alone, without a stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
