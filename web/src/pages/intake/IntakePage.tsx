import { fileComplaint, type Channel, type Demand, type FileComplaintRequest, type ReachableComplainant } from '@redress/client-sdk';
import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { showFieldErrors, type FieldError } from '../complaint/field-errors';
import { useVocabulary } from '../complaint/use-vocabulary';
import { filledFields, IntakeFieldItem, useIntakeFields } from './plugin-fields';

interface IntakeValues {
  channel: Channel;
  complainant: { name: string; phone?: string; email?: string };
  description: string;
  demands?: Demand[];
  categoryCode?: string;
  respondentName?: string;
  asset?: { name?: string; model?: string; serialNumber?: string; warrantyEndsOn?: string };
  fields?: Record<string, unknown>;
  consent: boolean;
}

const BASE_PATHS = [
  'channel',
  'complainant',
  'complainant.name',
  'complainant.phone',
  'complainant.email',
  'description',
  'demands',
  'categoryCode',
  'asset',
  'asset.name',
  'asset.model',
  'asset.serialNumber',
  'asset.warrantyEndsOn',
];

const blank = (value: string | undefined) => !value?.trim();

/** The complainant as the SDK needs it: a name and a phone number, an email address, or both. */
function reachable({ name, phone, email }: IntakeValues['complainant']): ReachableComplainant {
  const trimmedEmail = email?.trim() || null;
  if (!blank(phone)) return { name: name.trim(), phone: phone!.trim(), email: trimmedEmail };
  return { name: name.trim(), email: trimmedEmail ?? '' };
}

/** Staff intake: a complaint received by phone, letter, visit…, with the installed plugin's intake fields. */
export default function IntakePage() {
  const { t } = useT();
  const client = useClient();
  const navigate = useNavigate();
  const vocabulary = useVocabulary();
  const intake = useIntakeFields();
  const [form] = Form.useForm<IntakeValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const knownPaths = useMemo(
    () => new Set([...BASE_PATHS, 'fields', ...(intake.fields ?? []).map((field) => `fields.${field.key}`)]),
    [intake.fields],
  );

  const submit = async (values: IntakeValues) => {
    setSaving(true);
    setProblems([]);
    try {
      const asset = values.asset && !blank(values.asset.name) ? values.asset : undefined;
      const request: FileComplaintRequest = {
        channel: values.channel,
        complainant: reachable(values.complainant),
        description: values.description.trim(),
        demands: values.demands ?? [],
        categoryCode: values.categoryCode ?? null,
        fields: filledFields(values.fields),
        asset: asset
          ? {
              name: asset.name!.trim(),
              model: asset.model?.trim() || null,
              serialNumber: asset.serialNumber?.trim() || null,
              warrantyEndsOn: asset.warrantyEndsOn?.trim() || null,
            }
          : null,
        respondent: blank(values.respondentName) ? null : { kind: 'STORE', name: values.respondentName!.trim() },
      };
      const filed = await fileComplaint(client, request);
      if (!filed.ok) {
        setProblems(showFieldErrors(form, filed.errors, knownPaths));
        return;
      }
      void navigate(`/complaints/${filed.data.complaint.id}`);
    } catch (error) {
      setProblems([{ code: 'ERROR', message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setSaving(false);
    }
  };

  const contactRule = {
    validator: () =>
      blank(form.getFieldValue(['complainant', 'phone'])) && blank(form.getFieldValue(['complainant', 'email']))
        ? Promise.reject(new Error(t('intake.contactNeeded')))
        : Promise.resolve(),
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Link to="/complaints">{t('complaint.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('intake.title')}
      </Typography.Title>
      {intake.error && <Alert type="warning" showIcon message={t('intake.fieldsUnavailable', { message: intake.error.message })} />}
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        size="middle"
        data-testid="intake-form"
        initialValues={{ channel: 'PHONE', demands: [], consent: false }}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('intake.section.received')}>
              <Form.Item label={t('intake.channel')} name="channel" rules={[{ required: true, message: t('intake.field.required') }]}>
                <Select options={vocabulary?.channels.map((channel) => ({ value: channel.value, label: channel.label }))} />
              </Form.Item>
              <Form.Item
                label={t('intake.description')}
                name="description"
                rules={[{ required: true, whitespace: true, message: t('intake.field.required') }]}
              >
                <Input.TextArea rows={4} maxLength={10000} />
              </Form.Item>
              <Form.Item label={t('intake.demands')} name="demands">
                <Select mode="multiple" options={vocabulary?.demands.map((demand) => ({ value: demand.value, label: demand.label }))} />
              </Form.Item>
              <Form.Item label={t('intake.category')} name="categoryCode">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={vocabulary?.categories.map((category) => ({
                    value: category.code,
                    label: category.path.join(' / ') || category.label,
                  }))}
                />
              </Form.Item>
              <Form.Item label={t('intake.respondent')} name="respondentName">
                <Input maxLength={200} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('intake.section.complainant')}>
              <Form.Item
                label={t('intake.complainant.name')}
                name={['complainant', 'name']}
                rules={[{ required: true, whitespace: true, message: t('intake.field.required') }]}
              >
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('intake.complainant.phone')}
                name={['complainant', 'phone']}
                dependencies={[['complainant', 'email']]}
                rules={[contactRule]}
              >
                <Input inputMode="tel" autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('intake.complainant.email')}
                name={['complainant', 'email']}
                rules={[{ type: 'email', message: t('intake.emailInvalid') }]}
              >
                <Input type="email" autoComplete="off" />
              </Form.Item>
            </Card>
            <Card size="small" title={t('intake.section.asset')} style={{ marginTop: 16 }}>
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item label={t('intake.asset.name')} name={['asset', 'name']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('intake.asset.model')} name={['asset', 'model']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('intake.asset.serialNumber')} name={['asset', 'serialNumber']}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label={t('intake.asset.warrantyEndsOn')} name={['asset', 'warrantyEndsOn']}>
                    <Input placeholder="YYYY-MM-DD" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        {!!intake.fields?.length && (
          <Card size="small" title={t('intake.section.fields')} style={{ marginTop: 16 }} data-testid="intake-plugin-fields">
            <Row gutter={16}>
              {intake.fields.map((field) => (
                <Col xs={24} md={12} xl={8} key={`${field.pluginId}.${field.key}`}>
                  <IntakeFieldItem field={field} />
                </Col>
              ))}
            </Row>
          </Card>
        )}
        <Form.Item
          name="consent"
          valuePropName="checked"
          style={{ marginTop: 16 }}
          rules={[{ validator: (_, value: boolean) => (value ? Promise.resolve() : Promise.reject(new Error(t('intake.consentNeeded')))) }]}
        >
          <Checkbox>{t('intake.consent')}</Checkbox>
        </Form.Item>
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="intake-errors"
            message={problems.map((problem) => problem.message).join(' · ')}
          />
        )}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="intake-submit">
          {t('intake.submit')}
        </Button>
      </Form>
    </Space>
  );
}
