import { CurrentTenantDocument, UpdateTenantBrandingDocument } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Typography, message as antMessage } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';

/** The server's limit on a logo, as the length of its data URL (UpdateTenantBrandingInput.logoUrl). */
const LOGO_MAX_CHARS = 65_536;
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** The organisation's public pages: their address, and the logo they show (updateTenantBranding). */
export default function PublicPagesSection() {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const tenant = useQuery({ queryKey: ['admin', 'tenant', locale], queryFn: () => client.query(CurrentTenantDocument) });
  if (tenant.error) return <SectionProblem problem={tenant.error} />;
  if (!tenant.data) return <Spin />;
  const { slug, logoUrl } = tenant.data.tenant;
  const address = new URL(`/t/${encodeURIComponent(slug)}/`, window.location.origin).toString();

  const save = async (next: string | null) => {
    setProblem(null);
    setSaving(true);
    try {
      const result = await client.mutate(UpdateTenantBrandingDocument, { input: { logoUrl: next } });
      if (!result.ok) {
        setProblem(result.errors.map((error) => error.message).join(' '));
        return;
      }
      void message.success(t('admin.saved'));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'tenant'] });
    } finally {
      setSaving(false);
    }
  };

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!LOGO_TYPES.includes(file.type)) {
      setProblem(t('admin.publicPages.notImage'));
      return;
    }
    const dataUrl = await readAsDataUrl(file);
    if (dataUrl.length > LOGO_MAX_CHARS) setProblem(t('admin.publicPages.tooLarge'));
    else await save(dataUrl);
  };

  return (
    <Space orientation="vertical" style={{ maxWidth: 560 }}>
      {messageHolder}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.publicPages')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {t('admin.publicPages.address')}{' '}
        <Typography.Link href={address} target="_blank" rel="noreferrer" data-testid="public-pages-address">
          {address}
        </Typography.Link>
      </Typography.Paragraph>
      <Typography.Title level={5} style={{ margin: '12px 0 0' }}>
        {t('admin.publicPages.logo')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('admin.publicPages.logoHint')}</Typography.Text>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      {logoUrl ? (
        <img
          src={logoUrl}
          alt={t('admin.publicPages.preview')}
          width={64}
          height={64}
          style={{ objectFit: 'contain' }}
          data-testid="logo-preview"
        />
      ) : (
        <Typography.Text>{t('admin.publicPages.noLogo')}</Typography.Text>
      )}
      <input
        ref={picker}
        type="file"
        accept={LOGO_TYPES.join(',')}
        onChange={(event) => void chosen(event)}
        style={{ display: 'none' }}
        data-testid="logo-file"
      />
      <Space>
        <Button type="primary" loading={saving} onClick={() => picker.current?.click()}>
          {t('admin.publicPages.choose')}
        </Button>
        {logoUrl && (
          <Button danger disabled={saving} onClick={() => void save(null)}>
            {t('admin.publicPages.remove')}
          </Button>
        )}
      </Space>
    </Space>
  );
}
