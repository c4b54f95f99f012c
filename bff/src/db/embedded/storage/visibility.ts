/** What the gate needs to know of the store's durability. */
export interface DurabilitySource {
  clean(): boolean;
  sync(): Promise<void>;
  readonly failed: Error | null;
  onDurable: (() => void) | null;
}

interface WaitingRead {
  run: () => void;
  fail: (err: Error) => void;
}

/**
 * Makes writes visible to readers only once durable. Writes change memory at once (so a batch sees
 * its own and earlier writes) but a read starts only when every logged op is fsynced; it then runs
 * its synchronous part (all of a find, aggregate or getMore batch) before anything newer can be
 * applied. While a read waits, new writes wait behind it, so it waits at most for the fsync in flight
 * and the next one.
 */
export class VisibilityGate {
  private readers: WaitingRead[] = [];
  private heldWrites: (() => void)[] = [];

  constructor(private readonly store: DurabilitySource | null) {
    if (store) store.onDurable = () => this.release();
  }

  /** Runs `fn` once all logged writes are durable; rejects if the store has failed. */
  read<T>(fn: () => Promise<T>): Promise<T> {
    const store = this.store;
    if (!store) return fn();
    if (store.failed) return Promise.reject(store.failed);
    if (this.readers.length === 0 && store.clean()) return fn();
    return new Promise<T>((resolve, reject) => {
      this.readers.push({ run: () => void fn().then(resolve, reject), fail: reject });
      void store.sync().catch(() => undefined);
    });
  }

  /** Null when a write may go ahead now; otherwise resolves once the waiting reads have run. */
  admitWrite(): Promise<void> | null {
    if (this.readers.length === 0) return null;
    return new Promise((resolve) => this.heldWrites.push(resolve));
  }

  private release(): void {
    const store = this.store as DurabilitySource;
    if (store.failed) {
      const failed = store.failed;
      for (const r of this.readers.splice(0)) r.fail(failed);
    } else {
      while (this.readers.length > 0 && store.clean()) (this.readers.shift() as WaitingRead).run();
      // A read that wrote (an aggregation's $out) left ops to flush before the next read.
      if (this.readers.length > 0) {
        void store.sync().catch(() => undefined);
        return;
      }
    }
    for (const w of this.heldWrites.splice(0)) w();
  }
}
