import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { linkTo } from '../navigation';
import { usePageTitle } from '../PublicApp';
import { pathOf, statusLink } from '../routes';
import type { PublicTenant } from '../tenant';
import { codeImage, copyText, download, textFile } from './keep-code';

/**
 * After sending: the tracking code, large, once (it is not kept anywhere on the page), with
 * ways to keep it: copy it, save it as a text file or a picture, or bookmark the status page.
 */
export function Submitted({ tenant, trackingCode }: { tenant: PublicTenant; trackingCode: string }) {
  const { t } = useT();
  usePageTitle(t('done.title'), tenant);
  const heading = useRef<HTMLHeadingElement>(null);
  const codeElement = useRef<HTMLParagraphElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const link = statusLink(tenant.slug, trackingCode);
  const fileBase = `${tenant.slug}-${trackingCode}`;

  useEffect(() => heading.current?.focus(), []);

  const copy = async () => setCopied((await copyText(trackingCode, codeElement.current)) ? 'yes' : 'no');
  const saveText = () =>
    download(
      textFile([t('done.fileTitle', { tenant: tenant.name }), t('done.fileCode', { code: trackingCode }), t('done.fileLink', { link })]),
      `${fileBase}.txt`,
    );
  const saveImage = async () =>
    download(await codeImage({ title: tenant.name, label: t('done.codeLabel'), code: trackingCode, link }), `${fileBase}.png`);

  return (
    <section data-testid="submitted">
      <h1 ref={heading} tabIndex={-1}>
        {t('done.title')}
      </h1>
      <div className="code-card">
        <p className="code-label" id="code-label">
          {t('done.codeLabel')}
        </p>
        <p className="tracking-code" ref={codeElement} aria-labelledby="code-label" data-testid="tracking-code">
          {/* Broken only between groups of four on a narrow screen. */}
          {trackingCode.split(/(?<=-)/).map((group, index) => (
            <span className="code-group" key={index}>
              {group}
            </span>
          ))}
        </p>
        <p className="keep">{t('done.keep')}</p>
        <div className="actions">
          <button type="button" className="button" onClick={copy} data-testid="copy-code">
            {t('done.copy')}
          </button>
          <button type="button" className="button" onClick={saveText} data-testid="save-text">
            {t('done.saveText')}
          </button>
          <button type="button" className="button" onClick={saveImage} data-testid="save-image">
            {t('done.saveImage')}
          </button>
        </div>
        <p role="status" className="quiet">
          {copied === 'yes' ? t('done.copied') : copied === 'no' ? t('done.copyFailed') : ''}
        </p>
        <p>
          {t('done.bookmark')}{' '}
          <a href={link} className="link-break" data-testid="status-link">
            {link}
          </a>
        </p>
      </div>
      <a className="button primary" {...linkTo(pathOf.status(tenant.slug, trackingCode))} data-testid="open-status">
        {t('done.open')}
      </a>
    </section>
  );
}
