import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { FileStoreSettings } from '../config/config';
import type { FileStore, StoredFile } from './file-store';

type S3Settings = Extract<FileStoreSettings, { kind: 's3' }>;

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…). It takes no database
 * connection; the rows that name its objects are written by the caller's transaction. Checksums
 * are sent only where the service requires them: many S3-compatible servers refuse the
 * newer streaming checksums the AWS SDK would otherwise add to every upload.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  readonly transactional = false;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials:
        settings.accessKeyId && settings.secretAccessKey
          ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
          : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(_tx: unknown, key: string, body: Readable, info: { sizeBytes: number; contentType: string }): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentLength: info.sizeBytes,
        ContentType: info.contentType,
      }),
    );
  }

  async get(_tx: unknown, key: string): Promise<StoredFile | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      if (!object.Body) return null;
      return { body: object.Body as Readable, sizeBytes: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) return null;
      throw error;
    }
  }

  async delete(_tx: unknown, key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return `${this.settings.keyPrefix}${key}`;
  }
}
