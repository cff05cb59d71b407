/**
 * The system error code of a failed Node call (ENOENT, EACCES, ...), read one way by every Node
 * program (desktop main, CLI, token service) instead of a cast at each catch.
 */
/** The code, or 'unknown error' when the error carries none (then it was not a system error). */
export function errnoOf(error) {
    const code = error instanceof Error ? error.code : undefined;
    return typeof code === 'string' ? code : 'unknown error';
}
/** Whether `error` is the system error `code`. */
export function isErrno(error, code) {
    return errnoOf(error) === code;
}
//# sourceMappingURL=errno.js.map