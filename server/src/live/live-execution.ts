import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { RequestContext } from '../context/request-context';
import { LiveDelivery } from './live-stream';

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof Object(value)[Symbol.asyncIterator] === 'function';

const unexpected = (result: ExecutionResult) =>
  result.errors?.some((error) => !error.extensions?.code || error.extensions.code === 'INTERNAL_SERVER_ERROR') ?? false;

/**
 * graphql-ws's `subscribe`: like graphql-js's, except that each event is executed in the
 * context it was authorized in (a LiveDelivery's fresh context, never the operation's), whose
 * transaction is finished right after. The operation's own transaction only serves the
 * subscribe phase (checking arguments) and is finished before the first event; the
 * operation's context is then let go, so that an open subscription keeps no loaders,
 * transaction or logger of its own (graphql-ws holds `args` until the subscription ends).
 */
export async function subscribeWithFreshContexts(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const operationContext = args.contextValue as RequestContext;
  let stream: AsyncIterable<unknown> | ExecutionResult;
  try {
    stream = await createSourceEventStream(args);
  } finally {
    await operationContext.db.finish(true);
  }
  if (!isAsyncIterable(stream)) return stream;
  args.contextValue = undefined;
  const source = stream[Symbol.asyncIterator]();

  const run = async (payload: unknown): Promise<ExecutionResult> => {
    // Every subscription of the schema streams LiveDeliveries (see live/live-stream.ts).
    if (!(payload instanceof LiveDelivery)) throw new Error('A subscription event came without its delivery context');
    const context = payload.context;
    let result: ExecutionResult;
    try {
      result = await execute({ ...args, rootValue: payload, contextValue: context });
    } catch (error) {
      await context.db.finish(false);
      throw error;
    }
    await context.db.finish(!unexpected(result));
    return result;
  };

  // graphql-ws keeps the result it sent last in its loop while it waits for the next one; it
  // asks for the next only once that one is sent, so its data is let go then.
  let sent: { data?: unknown } | null = null;
  // graphql-ws ends a subscription through `return`, which must reach the source stream at once.
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (sent) sent.data = null;
      sent = null;
      for (;;) {
        const step = await source.next();
        if (step.done) return { done: true, value: undefined };
        // A delivery the stream already released (the subscription ended meanwhile) is skipped.
        if (step.value instanceof LiveDelivery && !step.value.claim()) continue;
        const result = await run(step.value);
        sent = result;
        return { done: false, value: result };
      }
    },
    async return() {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}
