import type { RequestContext } from '../context/request-context';
import type { TenantTransaction } from '../db/tenant-transaction';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { Role } from '../identity/roles';
import type { ConfigureSurveyInput, SurveySettings } from './survey.types';

/** A tenant that configured nothing scores 1 to 5, and below 3 is low. */
export const DEFAULT_SURVEY: SurveySettings = { scaleMax: 5, threshold: 3 };

export async function surveySettingsOf(tx: TenantTransaction, tenantId: string): Promise<SurveySettings> {
  // threshold is numeric: it arrives as text.
  const [row] = await tx.query<{ scale_max: number; threshold: string }>(
    'SELECT scale_max, threshold FROM survey_settings WHERE tenant_id = $1',
    [tenantId],
  );
  return row ? { scaleMax: row.scale_max, threshold: Number(row.threshold) } : DEFAULT_SURVEY;
}

/** The tenant's satisfaction scale and threshold; its administrator sets them. */
export class SurveySettingsService {
  async get(ctx: RequestContext): Promise<SurveySettings> {
    const viewer = ctx.requireTenantViewer();
    return surveySettingsOf(ctx.db, viewer.tenantId);
  }

  async configure(ctx: RequestContext, input: ConfigureSurveyInput): Promise<SurveySettings> {
    const viewer = ctx.requireTenantViewer();
    if (!viewer.roles.has(Role.TenantAdmin)) throw forbidden('Only the tenant administrator sets the survey scale');
    if (!Number.isInteger(input.scaleMax) || input.scaleMax < 3 || input.scaleMax > 10) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'The scale runs from 1 to 3 … 10', 'scaleMax');
    }
    if (!Number.isFinite(input.threshold) || input.threshold <= 1 || input.threshold > input.scaleMax) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'The threshold lies above 1 and at most at the top of the scale', 'threshold');
    }
    const threshold = Math.round(input.threshold * 100) / 100;
    await ctx.db.query(
      `INSERT INTO survey_settings (tenant_id, scale_max, threshold) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET scale_max = EXCLUDED.scale_max, threshold = EXCLUDED.threshold, updated_at = app_now()`,
      [viewer.tenantId, input.scaleMax, threshold],
    );
    return { scaleMax: input.scaleMax, threshold };
  }
}
