import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useT } from '../i18n';
import { acceptOf, formatBytes, problemText, typeNames, type UploadLimits } from './upload-problems';
import type { ChosenFile, FileUploads } from './use-file-uploads';

/**
 * Choosing files: a button-like label for a file input (a phone offers its camera and photos;
 * the keyboard reaches the input, whose focus the label shows), the limits, and each chosen
 * file with its preview, where its upload stands or why it was refused, and a button to
 * remove it. Changes are announced to screen readers.
 */
export function FilePicker(props: {
  id: string;
  label: string;
  limits: UploadLimits;
  uploads: FileUploads;
  onChoose(files: File[]): void;
  /** An error about the files as a whole (e.g. the form was sent while one was uploading). */
  error?: string;
  disabled?: boolean;
}) {
  const { id, label, limits, uploads, onChoose, error, disabled } = props;
  const { t } = useT();
  const announcement = useAnnouncement(uploads.files, limits);
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    // Cleared, so that the same file may be chosen again after it was removed.
    event.target.value = '';
    if (chosen.length) onChoose(chosen);
  };
  const limitsText =
    limits.maxFilesPerComplaint !== null
      ? t('evidence.limits', {
          count: limits.maxFilesPerComplaint,
          size: formatBytes(limits.maxFileBytes),
          types: typeNames(limits.allowedTypes),
        })
      : t('evidence.limitsNoCount', { size: formatBytes(limits.maxFileBytes), types: typeNames(limits.allowedTypes) });
  const described = [`${id}-limits`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field files" data-field="uploads">
      <p className="hint" id={`${id}-limits`}>
        {limitsText}
      </p>
      <input
        id={id}
        className="file-input"
        type="file"
        accept={acceptOf(limits.allowedTypes)}
        multiple
        onChange={change}
        disabled={disabled}
        aria-describedby={described}
        aria-invalid={error ? true : undefined}
        data-testid="evidence-input"
      />
      <label htmlFor={id} className="button file-button">
        {label}
      </label>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {uploads.files.length > 0 && (
        <ul className="chosen-files" data-testid="chosen-files">
          {uploads.files.map((file) => (
            <ChosenFileRow key={file.id} file={file} limits={limits} onRemove={() => uploads.remove(file.id)} />
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function ChosenFileRow({ file, limits, onRemove }: { file: ChosenFile; limits: UploadLimits; onRemove(): void }) {
  const { t } = useT();
  const [drawn, setDrawn] = useState(true);
  const { status } = file;
  return (
    <li className="file-row" data-testid="chosen-file" data-file-name={file.name} data-state={status.state}>
      {file.preview && drawn ? (
        <img className="thumb" src={file.preview} alt="" onError={() => setDrawn(false)} data-testid="chosen-preview" />
      ) : (
        <FileBadge name={file.name} />
      )}
      <div className="file-text">
        <span className="file-name">{file.name}</span>
        <span className="file-meta">
          {formatBytes(file.size)}
          {status.state === 'uploading' && <> · {t('evidence.uploading')}</>}
          {status.state === 'ready' && <> · {t('evidence.ready')}</>}
          {status.state === 'attaching' && <> · {t('evidence.attaching')}</>}
        </span>
        {status.state === 'uploading' && <progress className="file-progress" aria-label={t('evidence.uploading')} />}
        {status.state === 'refused' && (
          <span className="error" data-testid="chosen-error">
            {problemText(status.problem, limits, t)}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button small"
        onClick={onRemove}
        disabled={status.state === 'attaching'}
        aria-label={t('evidence.remove', { file: file.name })}
        data-testid="chosen-remove"
      >
        {t('evidence.removeShort')}
      </button>
    </li>
  );
}

/** A file without a picture: its kind, by the end of its name (PDF…). */
export function FileBadge({ name }: { name: string }) {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toUpperCase() ?? '';
  return (
    <span className="thumb badge" aria-hidden="true">
      {extension || '…'}
    </span>
  );
}

/** What changed for the files, to tell a screen reader: uploaded, or refused and why. */
function useAnnouncement(files: ChosenFile[], limits: UploadLimits): string {
  const { t } = useT();
  const seen = useRef(new Map<string, string>());
  const [said, setSaid] = useState('');
  useEffect(() => {
    const news: string[] = [];
    for (const file of files) {
      const before = seen.current.get(file.id);
      if (before === file.status.state) continue;
      seen.current.set(file.id, file.status.state);
      if (file.status.state === 'ready' && before !== 'ready') news.push(t('evidence.announce.ready', { file: file.name }));
      if (file.status.state === 'refused')
        news.push(t('evidence.announce.refused', { file: file.name, reason: problemText(file.status.problem, limits, t) }));
    }
    if (news.length) setSaid(news.join(' '));
  }, [files, limits, t]);
  return said;
}
