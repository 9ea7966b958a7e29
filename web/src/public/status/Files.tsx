import { addComplainantEvidence, type RedressClient } from '@redress/client-sdk';
import { useId, useState } from 'react';
import { FileBadge, FilePicker } from '../evidence/FilePicker';
import { formatBytes, problemOfAttach, problemOfFailure } from '../evidence/upload-problems';
import { useFileUploads, type ChosenFile } from '../evidence/use-file-uploads';
import { useT } from '../i18n';
import type { PublicTenant } from '../tenant';
import type { ComplaintStatusView } from './use-complaint-status';

/** Statuses in which the complaint takes no more files. */
const FINISHED = new Set(['CLOSED', 'WITHDRAWN', 'REJECTED']);

/**
 * The complaint's files the complainant may see (theirs, and what the staff shared), each a
 * link to the file with the image's thumbnail, and, while the complaint is open, files to add:
 * each uploaded with the tracking code as it is chosen, then attached together
 * (addComplainantEvidence); the list then shows them.
 */
export function Files(props: {
  tenant: PublicTenant;
  code: string;
  status: ComplaintStatusView;
  client: RedressClient;
  onAdded(status: ComplaintStatusView): void;
}) {
  const { tenant, code, status, client, onAdded } = props;
  const { t, formatTime } = useT();
  const id = useId();
  const open = !FINISHED.has(status.status);
  const max = tenant.uploadLimits.maxFilesPerComplaint;
  const uploads = useFileUploads({
    tenantSlug: tenant.slug,
    trackingCode: code,
    limits: tenant.uploadLimits,
    room: max === null ? null : Math.max(0, max - status.evidence.length),
  });
  const [added, setAdded] = useState('');

  const attach = async (chosen: File[]) => {
    const ended = await uploads.choose(chosen);
    const ready = ended.flatMap((file: ChosenFile) => (file.status.state === 'ready' ? [{ id: file.id, upload: file.status.upload }] : []));
    if (!ready.length) return;
    const ids = ready.map((file) => file.id);
    for (const file of ready) uploads.mark([file.id], { state: 'attaching', upload: file.upload });
    try {
      const result = await addComplainantEvidence(client, {
        tenantSlug: tenant.slug,
        trackingCode: code,
        uploads: ready.map((file) => ({ uploadId: file.upload.uploadId })),
      });
      if (result.ok) {
        uploads.forget(ids);
        setAdded(t('evidence.announce.added', { files: ready.map((file) => file.upload.fileName).join(', ') }));
        onAdded(result.data.status);
      } else {
        uploads.mark(ids, { state: 'refused', problem: problemOfAttach(result.errors) ?? 'FAILED' });
      }
    } catch (error) {
      uploads.mark(ids, { state: 'refused', problem: problemOfFailure(error) });
    }
  };

  if (!open && status.evidence.length === 0) return null;
  return (
    <section className="files-section" aria-labelledby={`${id}-title`} data-testid="status-files">
      <h2 id={`${id}-title`}>{t('files.title')}</h2>
      {status.evidence.length > 0 && (
        <ul className="evidence-list" data-testid="evidence-list">
          {status.evidence.map((file) => (
            <li key={file.id} className="file-row" data-testid="evidence-item" data-file-name={file.fileName}>
              {file.thumbnailUrl ? (
                <img className="thumb" src={file.thumbnailUrl} alt="" data-testid="evidence-thumbnail" />
              ) : (
                <FileBadge name={file.fileName} />
              )}
              <div className="file-text">
                <a className="file-name" href={file.downloadUrl} target="_blank" rel="noopener noreferrer" data-testid="evidence-link">
                  {file.fileName}
                  <span className="visually-hidden"> {t('files.newTab')}</span>
                </a>
                <span className="file-meta">
                  {formatBytes(file.sizeBytes)} ·{' '}
                  {file.source === 'STAFF' ? t('files.fromStaff', { tenant: tenant.name }) : t('files.fromYou')} ·{' '}
                  <time dateTime={file.createdAt}>{formatTime(file.createdAt)}</time>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <FilePicker
          id={`${id}-add`}
          label={t('files.add')}
          limits={tenant.uploadLimits}
          uploads={uploads}
          onChoose={(files) => void attach(files)}
        />
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {added}
      </p>
    </section>
  );
}
