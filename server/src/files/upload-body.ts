import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload's body, received whole into a temporary file that `discard` removes. */
export interface ReceivedBody {
  path: string;
  sizeBytes: number;
  sha256: string;
  discard(): Promise<void>;
}

/** The body passed the per-file limit: reading stopped there. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

/** The client stopped sending before the body was whole. */
export class BodyAborted extends Error {
  constructor() {
    super('The upload was interrupted');
  }
}

/** The folder for bodies being received; created on first use, readable by this process alone. */
export function uploadFolder(configured: string | undefined): string {
  return configured ?? join(tmpdir(), 'redress-uploads');
}

/**
 * Streams a request body into a temporary file, counting and hashing (SHA-256) as it goes.
 * Never more than `maxBytes` is written: past it reading stops with BodyTooLarge. A body that
 * ends early (the client went away) rejects too; either way the file is removed, so an
 * upload that did not arrive whole leaves nothing behind.
 */
export async function receiveBody(request: IncomingMessage, options: { maxBytes: number; folder: string }): Promise<ReceivedBody> {
  // Listened to first: a client may go away at any moment from here on.
  const arrival = new Promise<void>((resolve, reject) => {
    request.once('error', () => reject(new BodyAborted()));
    request.once('end', resolve);
    request.once('close', () => {
      if (!request.complete) reject(new BodyAborted());
    });
  });
  arrival.catch(() => undefined);
  // Gone while its credentials were checked: nothing to receive.
  if (request.destroyed && !request.complete) throw new BodyAborted();
  await mkdir(options.folder, { recursive: true, mode: 0o700 });
  const path = join(options.folder, `${randomBytes(16).toString('hex')}.part`);
  const discard = () => rm(path, { force: true });
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sizeBytes += chunk.length;
      if (sizeBytes > options.maxBytes) {
        done(new BodyTooLarge(options.maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // The request is piped rather than put in the pipeline: a pipeline destroys every stream it
  // holds on an error, and a destroyed request takes its socket along, before the refusal
  // (413) could be sent.
  const writing = pipeline(counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  request.pipe(counter);
  try {
    await Promise.all([arrival, writing]);
  } catch (error) {
    request.unpipe(counter);
    counter.destroy();
    await writing.catch(() => undefined);
    await discard();
    throw error;
  }
  return { path, sizeBytes, sha256: hash.digest('hex'), discard };
}
