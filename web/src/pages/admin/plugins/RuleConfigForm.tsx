import { Button, Card, Form, Space, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { ruleSchema, sameJson, type JsonValue } from './json-schema';
import type { PluginRule } from './plugin-changes';
import { SchemaFields } from './SchemaFields';

interface RuleConfigFormProps {
  rule: PluginRule;
  configSchema: unknown;
  value: JsonValue | undefined;
  onChange(value: JsonValue): void;
  errors: ReadonlyMap<string, string>;
}

/** One rule: its description from the plugin, its arguments as a form generated from their schema, and a reset to the defaults. */
export function RuleConfigForm({ rule, configSchema, value, onChange, errors }: RuleConfigFormProps) {
  const { t } = useT();
  const path = `config.${rule.code}`;
  const changed = !sameJson(value ?? rule.defaults, rule.defaults);
  const schema = ruleSchema(configSchema, rule.code);
  const hasArguments = Object.keys(schema.properties ?? {}).length > 0;
  return (
    <Card
      size="small"
      data-testid={`rule-${rule.code}`}
      title={<Typography.Text code>{rule.code}</Typography.Text>}
      extra={
        hasArguments && (
          <Button size="small" disabled={!changed} onClick={() => onChange(rule.defaults)}>
            {t('admin.plugins.resetRule')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}>{rule.description}</Typography.Paragraph>
        {errors.get(path) && <Typography.Text type="danger">{errors.get(path)}</Typography.Text>}
        {hasArguments ? (
          <Form layout="vertical" component="div">
            <SchemaFields schema={schema} value={value ?? rule.defaults} onChange={onChange} path={path} errors={errors} />
          </Form>
        ) : (
          <Typography.Text type="secondary">{t('admin.plugins.noArguments')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
