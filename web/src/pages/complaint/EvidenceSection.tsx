import { AddEvidenceDocument, uploadEvidenceFile, type ComplaintChange, type ComplaintDetailFragment } from '@redress/client-sdk';
import { Alert, Button, Card, Checkbox, List, Modal, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useClient } from '../../api/data';
import { useT, type Translate } from '../../i18n/i18n';
import { when } from './ComplaintSections';

type EvidenceFile = ComplaintDetailFragment['evidence'][number];

/** The types the server takes by default: what the file picker offers. */
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,image/heic,image/heif,.heic,.heif,application/pdf';

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;

/**
 * The complaint's files: a thumbnail for images the server could draw, a download link (a
 * short-lived URL the API hands out), who added it and whether it is internal; and, for staff,
 * "add files" (staged one by one with the SDK's upload helper, then attached together).
 */
export function EvidenceSection({ complaint, onDone }: { complaint: ComplaintDetailFragment; onDone(change: ComplaintChange): void }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={t('evidence.title')}
      data-testid="section-evidence"
      extra={
        <Button size="small" onClick={() => setAdding(true)} data-testid="evidence-add">
          {t('evidence.add')}
        </Button>
      }
    >
      <List
        size="small"
        locale={{ emptyText: t('complaint.none') }}
        dataSource={complaint.evidence}
        renderItem={(file) => <EvidenceItem file={file} t={t} />}
      />
      {adding && (
        <AddFilesModal
          complaint={complaint}
          onClose={() => setAdding(false)}
          onDone={(change) => {
            setAdding(false);
            onDone(change);
          }}
        />
      )}
    </Card>
  );
}

function EvidenceItem({ file, t }: { file: EvidenceFile; t: Translate }) {
  const thumbnail = file.thumbnailUrl ? (
    <a href={file.downloadUrl ?? undefined} target="_blank" rel="noopener noreferrer">
      <img
        src={file.thumbnailUrl}
        alt={file.fileName}
        data-testid="evidence-thumbnail"
        style={{ width: 64, height: 64, objectFit: 'cover' }}
      />
    </a>
  ) : null;
  return (
    <List.Item data-testid="evidence-file" data-file-name={file.fileName} data-internal={String(file.internal)} data-source={file.source}>
      <List.Item.Meta
        avatar={thumbnail}
        title={
          file.downloadUrl ? (
            <a href={file.downloadUrl} target="_blank" rel="noopener noreferrer" data-testid="evidence-download">
              {file.fileName}
            </a>
          ) : (
            <span>
              {file.fileName} <Typography.Text type="secondary">({t('evidence.metadataOnly')})</Typography.Text>
            </span>
          )
        }
        description={
          <Space size={4} wrap>
            <Tag>{t(`evidence.source.${file.source}`)}</Tag>
            {file.internal && (
              <Tag color="orange" data-testid="evidence-internal">
                {t('evidence.internal')}
              </Tag>
            )}
            <span>
              {size(file.sizeBytes)} · {when(file.createdAt)}
            </span>
            {file.note && <span>— {file.note}</span>}
          </Space>
        }
      />
    </List.Item>
  );
}

function AddFilesModal({
  complaint,
  onClose,
  onDone,
}: {
  complaint: ComplaintDetailFragment;
  onClose(): void;
  onDone(change: ComplaintChange): void;
}) {
  const { t } = useT();
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [internal, setInternal] = useState(true);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const submit = async () => {
    setSaving(true);
    setProblems([]);
    try {
      const uploads: { uploadId: string }[] = [];
      const refused: string[] = [];
      for (const file of files) {
        const result = await uploadEvidenceFile(client, file);
        if (result.ok) uploads.push({ uploadId: result.upload.uploadId });
        else refused.push(uploadProblem(t, file.name, result.error.code, result.error.message));
      }
      if (refused.length) {
        setProblems(refused);
        return;
      }
      const result = await client.mutate(AddEvidenceDocument, { input: { complaintId: complaint.id, uploads, internal } });
      if (!result.ok) {
        setProblems(result.errors.map((error) => error.message));
        return;
      }
      if (result.data.complaint) onDone({ complaint: result.data.complaint, event: result.data.event ?? null });
    } catch (error) {
      setProblems([t('error.generic', { message: (error as Error).message })]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('evidence.addTitle')}
      onCancel={onClose}
      okText={t('evidence.submit')}
      cancelText={t('action.cancel')}
      okButtonProps={{ disabled: files.length === 0, loading: saving, 'data-testid': 'evidence-submit' }}
      onOk={() => void submit()}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          data-testid="evidence-input"
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
        <Button onClick={() => input.current?.click()}>{t('evidence.choose')}</Button>
        {files.length > 0 && <Typography.Text>{t('evidence.chosen', { count: files.length })}</Typography.Text>}
        <Checkbox checked={internal} onChange={(event) => setInternal(event.target.checked)} data-testid="evidence-internal-choice">
          {t('evidence.internalChoice')}
        </Checkbox>
        {problems.map((problem) => (
          <Alert key={problem} type="error" showIcon message={problem} />
        ))}
      </Space>
    </Modal>
  );
}

function uploadProblem(t: Translate, file: string, code: string, message: string): string {
  switch (code) {
    case 'FILE_TOO_LARGE':
    case 'FILE_TYPE_MISMATCH':
    case 'FILE_TYPE_NOT_ALLOWED':
    case 'EMPTY_FILE':
    case 'RATE_LIMITED':
      return t(`evidence.error.${code}`, { file });
    default:
      return t('evidence.error.other', { file, message });
  }
}
