import { GraphQLRequestError, RedressError, TransportError } from '../errors.js';
import { TaskQueue } from './task-queue.js';

/** What a live record gets from its subscription. */
export interface RecordSink<T, E> {
  /** The record as it is now, with what changed it. */
  change(record: T, event?: E): void;
  /** Events may have been missed: read the record again. */
  reload(): void;
  /** An error of the subscription; NOT_FOUND means the record is gone (or no longer visible). */
  error(error: RedressError): void;
}

export interface RecordFeed<T, E> {
  /** Reads the record; null when it does not exist or may not be seen. */
  load(): Promise<T | null>;
  /** Starts following it; returns the function that stops. */
  follow(sink: RecordSink<T, E>): () => void;
  /** True when `next` is older than what is shown (a reload read past it): it is dropped. */
  isOlder(next: T, shown: T): boolean;
}

export interface LiveRecord<T> {
  current(): T | null;
  /** Reads the record again (also done on its own when events may have been missed). */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * One record kept current: read once, then changed by its live feed, read again when events
 * may have been missed. Loads and changes run one after another, never interleaved; once the
 * record turns out not to exist, nothing more is followed.
 */
export async function followRecord<T, E>(
  feed: RecordFeed<T, E>,
  onChange: (record: T | null, event?: E) => void,
  onError?: (error: RedressError) => void,
): Promise<LiveRecord<T>> {
  const tasks = new TaskQueue();
  let current: T | null = null;
  let stopped = false;
  let reloadQueued = false;
  let unsubscribe: () => void = () => undefined;

  const report = (error: unknown) => {
    if (!stopped) onError?.(error instanceof RedressError ? error : new TransportError(String(error), { cause: error }));
  };
  const show = (record: T | null, event?: E) => {
    current = record;
    if (stopped) return;
    if (event === undefined) onChange(record);
    else onChange(record, event);
  };
  const load = async () => {
    const record = await feed.load();
    show(record);
    if (record === null) unsubscribe();
  };
  const reload = () => {
    if (reloadQueued || stopped) return;
    reloadQueued = true;
    tasks
      .run(async () => {
        reloadQueued = false;
        if (!stopped) await load();
      })
      .catch(report);
  };

  unsubscribe = feed.follow({
    change: (record, event) => {
      tasks
        .run(async () => {
          if (current !== null && feed.isOlder(record, current)) return;
          show(record, event);
        })
        .catch(report);
    },
    reload,
    error: (error) => {
      // The server refuses to follow a record that does not exist or is not visible: none is shown.
      if (error instanceof GraphQLRequestError && error.code === 'NOT_FOUND') {
        tasks.run(async () => (current !== null ? show(null) : undefined)).catch(report);
        return;
      }
      report(error);
    },
  });

  try {
    await tasks.run(load);
  } catch (error) {
    stopped = true;
    unsubscribe();
    throw error;
  }

  return {
    current: () => current,
    reload: () => tasks.run(load),
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}
