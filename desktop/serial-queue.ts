/**
 * One task at a time: each starts when the one before it has settled, and a failed task does not
 * block the next. The settings store runs its reads and writes through one (a read never sees
 * this process's own write half done); the handler table runs its changes through another (a
 * double click on "get a credential" must not provision twice).
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}
