import type { FileSettings } from '../config/config';
import type { FileStore } from './file-store';
import { allowedTypeSet } from './file-types';
import { PostgresFileStore } from './postgres-file-store';
import { S3FileStore } from './s3-file-store';
import { FileUrlSigner } from './signed-urls';
import { uploadFolder } from './upload-body';

/** Evidence files as the rest of the server reaches them (services, routes, the sweeper). */
export interface Files {
  store: FileStore;
  urls: FileUrlSigner;
  settings: FileSettings;
  /** Media types an upload may be (checked at start: each can be told from the bytes). */
  allowedTypes: ReadonlySet<string>;
  /** Where upload bodies are written while they arrive. */
  uploadFolder: string;
  close(): void;
}

/**
 * Opens the configured file store and the URL signer. `tokenSecret` signs download URLs;
 * `securityTime` is what their expiry is checked against (the system clock unless a test
 * moves it, like token time).
 */
export function openFiles(settings: FileSettings, tokenSecret: string, securityTime: () => Date): Files {
  const allowedTypes = allowedTypeSet(settings.allowedTypes);
  const store = settings.store.kind === 's3' ? new S3FileStore(settings.store) : new PostgresFileStore();
  return {
    store,
    urls: new FileUrlSigner(tokenSecret, settings.urlTtlSeconds, securityTime),
    settings,
    allowedTypes,
    uploadFolder: uploadFolder(settings.uploadTmpDir),
    close: () => {
      if (store instanceof S3FileStore) store.close();
    },
  };
}
