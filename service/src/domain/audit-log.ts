/**
 * The audit log with group commit: events recorded during one turn of the event loop are
 * written by one multi-row INSERT, and each caller's promise settles only once its row is
 * committed. So a response that follows an audited decision is never sent before its audit
 * row exists, yet a busy service pays one commit per batch instead of one per request (on
 * SQLite a commit costs more than the rest of a validation).
 */
import { MAX_AUDIT_ROWS, type NewAuditEntry, type Storage } from '../storage/storage.js';

interface Pending {
  readonly entry: NewAuditEntry;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
}

export function createAuditLog(storage: Storage): AuditLog {
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += MAX_AUDIT_ROWS) {
      const group = batch.slice(i, i + MAX_AUDIT_ROWS);
      try {
        await storage.insertAuditEvents(group.map((p) => p.entry));
        for (const p of group) p.resolve();
      } catch (error) {
        for (const p of group) p.reject(error);
      }
    }
  }

  return {
    record(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // After the current turn's I/O callbacks: every request that reached this point in
          // the same turn shares the commit.
          setImmediate(() => void flush());
        }
      });
    },
  };
}
