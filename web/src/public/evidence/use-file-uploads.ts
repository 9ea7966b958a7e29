import { uploadEvidenceFile, TransportError, type StagedUpload } from '@redress/client-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { GRAPHQL_URL } from '../api';
import { problemOfFailure, problemOfUpload, type UploadLimits, type UploadProblem } from './upload-problems';

export type FileStatus =
  | { state: 'uploading' }
  | { state: 'ready'; upload: StagedUpload }
  /** Staged, and being attached to the complaint (the status page). */
  | { state: 'attaching'; upload: StagedUpload }
  /** Not taken: nothing of it is sent with the complaint. */
  | { state: 'refused'; problem: UploadProblem };

/** A file the complainant chose, as the page shows it while it is sent. */
export interface ChosenFile {
  id: string;
  name: string;
  size: number;
  /** A `blob:` URL of the file itself, for an image's preview; null for other files. */
  preview: string | null;
  status: FileStatus;
}

export interface FileUploads {
  files: ChosenFile[];
  /**
   * Sends each file at once (POST /files/uploads), after the checks the page can make itself
   * (size, number of files: a file over them is refused without being sent). Resolves with
   * each file as it ended; a file removed meanwhile is left out.
   */
  choose(chosen: File[]): Promise<ChosenFile[]>;
  /** Drops a file from the list (an upload under way is stopped); its staged upload, if any, expires unused. */
  remove(id: string): void;
  /** Sets the status of these files (attaching, refused). */
  mark(ids: readonly string[], status: FileStatus): void;
  /** Drops these files (attached: the complaint now lists them). */
  forget(ids: readonly string[]): void;
  /** Uploaded files, ready to be attached. */
  ready: Array<{ id: string; upload: StagedUpload }>;
  uploading: boolean;
}

/** Images a browser can draw from the file itself (HEIC cannot be, in most). */
const PREVIEWABLE = /^image\/(jpeg|png|gif|webp|avif|bmp)$/;

/**
 * The files a complainant picks, each uploaded as soon as it is chosen: for the complaint
 * being written (`trackingCode` absent), or for their own complaint. `room` is how many more
 * files the complaint may take (null: no limit).
 */
export function useFileUploads(options: {
  tenantSlug: string;
  trackingCode?: string;
  limits: UploadLimits;
  room: number | null;
}): FileUploads {
  const { tenantSlug, trackingCode, limits, room } = options;
  const [files, setFiles] = useState<ChosenFile[]>([]);
  // The list as last set, for choices made before React renders again.
  const current = useRef<ChosenFile[]>([]);
  const controllers = useRef(new Map<string, AbortController>());
  const next = useRef(0);

  const update = useCallback((change: (list: ChosenFile[]) => ChosenFile[]) => {
    current.current = change(current.current);
    setFiles(current.current);
  }, []);

  const release = useCallback((file: ChosenFile) => {
    controllers.current.get(file.id)?.abort();
    controllers.current.delete(file.id);
    if (file.preview) URL.revokeObjectURL(file.preview);
  }, []);

  useEffect(() => {
    const running = controllers.current;
    return () => {
      // Leaving the page: stop what is under way and let go of the previews.
      for (const controller of running.values()) controller.abort();
      running.clear();
      for (const file of current.current) if (file.preview) URL.revokeObjectURL(file.preview);
      current.current = [];
    };
  }, []);

  const send = useCallback(
    async (id: string, file: File): Promise<ChosenFile | null> => {
      const controller = new AbortController();
      controllers.current.set(id, controller);
      let status: FileStatus;
      try {
        const result = await uploadEvidenceFile(GRAPHQL_URL, file, { tenantSlug, trackingCode, signal: controller.signal });
        status = result.ok ? { state: 'ready', upload: result.upload } : { state: 'refused', problem: problemOfUpload(result.error.code) };
      } catch (error) {
        if (error instanceof TransportError && error.aborted) return null;
        status = { state: 'refused', problem: problemOfFailure(error) };
      } finally {
        controllers.current.delete(id);
      }
      if (!current.current.some((chosen) => chosen.id === id)) return null;
      update((list) => list.map((chosen) => (chosen.id === id ? { ...chosen, status } : chosen)));
      return current.current.find((chosen) => chosen.id === id) ?? null;
    },
    [tenantSlug, trackingCode, update],
  );

  const choose = useCallback(
    async (chosen: File[]) => {
      let taken = current.current.filter((file) => file.status.state !== 'refused').length;
      const added: Array<{ entry: ChosenFile; file: File }> = [];
      for (const file of chosen) {
        const id = `file-${(next.current += 1)}`;
        let problem: UploadProblem | null = null;
        if (room !== null && taken >= room) problem = 'TOO_MANY';
        else if (file.size > limits.maxFileBytes) problem = 'TOO_LARGE';
        else if (file.size === 0) problem = 'EMPTY';
        else taken += 1;
        const preview = !problem && PREVIEWABLE.test(file.type) ? URL.createObjectURL(file) : null;
        const status: FileStatus = problem ? { state: 'refused', problem } : { state: 'uploading' };
        added.push({ entry: { id, name: file.name, size: file.size, preview, status }, file });
      }
      update((list) => [...list, ...added.map(({ entry }) => entry)]);
      const ended = await Promise.all(
        added.map(({ entry, file }) => (entry.status.state === 'uploading' ? send(entry.id, file) : Promise.resolve(entry))),
      );
      return ended.filter((entry): entry is ChosenFile => entry !== null);
    },
    [limits.maxFileBytes, room, send, update],
  );

  const remove = useCallback(
    (id: string) => {
      const file = current.current.find((chosen) => chosen.id === id);
      if (file) release(file);
      update((list) => list.filter((chosen) => chosen.id !== id));
    },
    [release, update],
  );

  const mark = useCallback(
    (ids: readonly string[], status: FileStatus) =>
      update((list) => list.map((chosen) => (ids.includes(chosen.id) ? { ...chosen, status } : chosen))),
    [update],
  );

  const forget = useCallback(
    (ids: readonly string[]) => {
      for (const file of current.current) if (ids.includes(file.id)) release(file);
      update((list) => list.filter((chosen) => !ids.includes(chosen.id)));
    },
    [release, update],
  );

  return {
    files,
    choose,
    remove,
    mark,
    forget,
    ready: files.flatMap((file) => (file.status.state === 'ready' ? [{ id: file.id, upload: file.status.upload }] : [])),
    uploading: files.some((file) => file.status.state === 'uploading'),
  };
}
