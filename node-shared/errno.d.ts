/**
 * The system error code of a failed Node call (ENOENT, EACCES, ...), read one way by every Node
 * program (desktop main, CLI, token service) instead of a cast at each catch.
 */
/** The code, or 'unknown error' when the error carries none (then it was not a system error). */
export declare function errnoOf(error: unknown): string;
/** Whether `error` is the system error `code`. */
export declare function isErrno(error: unknown, code: string): boolean;
