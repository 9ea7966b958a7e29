import type { BenchPlatform } from './platform';

/** A complaint as the intake form sends it; `marker` makes the complainant unique per request. */
export function intakeInput(phoneOrMarker: string, options: { email?: boolean } = {}) {
  return {
    channel: 'PHONE',
    description: 'The washing machine bought on 3 May leaks from the door seal.',
    demands: ['REPAIR', 'COMPENSATION'],
    complainant: options.email ? { name: '张三', email: `${phoneOrMarker}@bench.example` } : { name: '张三', phone: phoneOrMarker },
    evidence: [{ fileName: 'receipt.jpg', contentType: 'image/jpeg', sizeBytes: 20480 }],
  };
}

export const FILE_COMPLAINT = `mutation ($input: FileComplaintInput!) {
  fileComplaint(input: $input) { complaint { id version } errors { code message field } } }`;

const CHANGE = (mutation: string) => {
  const inputType = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
  return `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { complaint { id version } errors { code message field } } }`;
};

/**
 * A tenant's complaint board filled through the API: `count` complaints, and the newest
 * ones moved on through acceptance (category), assignment (department, owner),
 * investigation, a proposed resolution with its approval chain, some approved.
 */
export async function fillBoard(
  platform: BenchPlatform,
  tokens: Record<string, string>,
  handlerId: string,
  count: number,
  log: (message: string) => void,
): Promise<void> {
  const departments: string[] = [];
  for (const [code, name] of [
    ['quality', '质量部'],
    ['customer-service', '客服中心'],
    ['logistics', '物流部'],
  ]) {
    const created = await platform.request(
      `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { id } errors { code } } }`,
      { input: { code, name } },
      tokens.admin,
    );
    departments.push(created.data.createDepartment.department.id);
  }
  const categories = ['product.quality', 'product.safety', 'service.attitude', 'service.efficiency', 'price', 'delivery'];
  const complaints: { id: string; version: number }[] = [];
  for (let i = 0; i < count; i++) {
    const result = await platform.request(FILE_COMPLAINT, { input: intakeInput(`1380000${String(i).padStart(4, '0')}`) }, tokens.agent);
    complaints.push(result.data.fileComplaint.complaint);
  }
  log(`  filed ${count} complaints`);
  const change = async (token: string, mutation: string, c: { id: string; version: number }, input: Record<string, unknown>) => {
    const result = await platform.request(CHANGE(mutation), { input: { complaintId: c.id, expectedVersion: c.version, ...input } }, token);
    const payload = result.data[mutation];
    if (payload.errors.length) throw new Error(`${mutation}: ${JSON.stringify(payload.errors)}`);
    return payload.complaint as { id: string; version: number };
  };
  // The newest 60% move on; every second one of those reaches approval, every sixth is approved.
  const moved = complaints.slice(Math.floor(count * 0.4));
  for (const [i, original] of moved.entries()) {
    if (i % 5 === 4) continue;
    let c = await change(tokens.agent, 'acknowledgeComplaint', original, {});
    c = await change(tokens.supervisor, 'assessComplaint', c, { decision: 'ACCEPT', categoryCode: categories[i % categories.length] });
    c = await change(tokens.supervisor, 'assignComplaint', c, { departmentId: departments[i % departments.length], ownerId: handlerId });
    if (i % 2 === 1) continue;
    c = await change(tokens.handler, 'recordInvestigation', c, {
      cause: 'Seal worn',
      course: 'Inspected at home',
      conclusion: 'Defect',
      countermeasures: 'Replace seal',
      prevention: 'Supplier audit',
    });
    c = await change(tokens.handler, 'proposeResolution', c, {
      kind: 'REPAIR',
      description: 'Replace the door seal',
      amount: i % 4 === 0 ? 1500 : 200,
      currency: 'CNY',
    });
    if (i % 6 === 0) c = await change(tokens.supervisor, 'decideApproval', c, { decision: 'APPROVE' });
  }
  log(`  moved ${moved.length} complaints along their lifecycle`);
}
