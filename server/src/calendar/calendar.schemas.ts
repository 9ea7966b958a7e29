import { z } from 'zod';

/** Input rules of the calendar mutations. */
export const closureDateSchema = z.iso.date('must be an ISO date such as 2026-12-24');
export const closureReasonSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
