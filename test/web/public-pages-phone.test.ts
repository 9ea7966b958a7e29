import { readFile } from 'node:fs/promises';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, walkTo } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, startConsole, type ConsoleRig } from './support/console-browser';
import {
  complaintByCode,
  createPublicTenant,
  expectAccessible,
  expectNoSidewaysScroll,
  TEST_LOGO,
  type PublicTenantRig,
} from './support/public-pages';

/**
 * A complainant on a 360-pixel phone, in the organisation's language (Chinese): files a
 * complaint through its public form, keeps the tracking code, follows the complaint live while
 * the staff work on it, answers the survey and adds a message. Nothing of another organisation's
 * complaint shows under this one's address.
 */
describeInBrowser('the public pages on a phone', () => {
  let rig: ConsoleRig;
  let shop: PublicTenantRig;

  beforeAll(async () => {
    rig = await startConsole();
    shop = await createPublicTenant(rig.server, 'phone-shop');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('files a complaint with the plugin’s fields, keeps the code, follows it live to the survey and adds a message', async () => {
    const { page } = await rig.newPage({ phone: true, locale: 'zh-CN', permissions: ['clipboard-read', 'clipboard-write'] });
    const noErrors = expectNoConsoleErrors(page);
    await page.goto('/t/phone-shop/complain');
    // The organisation's name and logo, its language (no choice made yet), one column.
    await page.getByRole('heading', { level: 1, name: '我要投诉' }).waitFor();
    expect(await page.getByTestId('tenant-brand').textContent()).toBe('Tenant phone-shop');
    expect(await page.locator('.logo').getAttribute('src')).toBe(TEST_LOGO);
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    // Sending it empty marks what is missing and moves to the first.
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('form-errors').waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('field-complainant-name');
    expect(await page.locator('[aria-invalid="true"]').evaluateAll((fields) => fields.map((field) => field.id))).toEqual([
      'field-complainant-name',
      'field-complainant-phone',
      'field-description',
      'field-consent',
    ]);
    await expectAccessible(page);

    await page.getByLabel('您的姓名').fill('刘芳');
    await page.getByLabel('手机号码').fill('138 1234 0001');
    await page.getByLabel('发生了什么？').fill('网上买的电饭煲今天送到，内胆有明显划痕。');
    await page.getByLabel('退款', { exact: true }).check();
    await page.getByLabel('投诉涉及哪家门店、哪个部门或哪位人员？').fill('第一门店');
    await page.getByText('补充信息').click();
    await page.getByLabel('订单号').fill('HL2026112800417');
    await page.getByLabel('购买日期').fill('2026-11-20');
    await page.getByLabel('购买价格').fill('399');
    await page.getByLabel('网购/电视/电话/邮购').check();
    await page.getByLabel('我同意Tenant phone-shop就本投诉通过电话或电子邮件与我联系。').check();
    await page.getByTestId('complaint-submit').click();

    // The code, large, once; the page moves the reader to it.
    await page.getByTestId('submitted').waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('您的投诉已提交');
    const fontSize = await page
      .getByTestId('tracking-code')
      .evaluate((element) => parseFloat((globalThis as any).getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(28);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'public-submitted-phone');

    // Kept three ways: the clipboard, a text file, a picture; and the status page's link.
    await page.getByTestId('copy-code').click();
    await page.getByText('已复制').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(code);
    const statusLink = `${rig.origin}/t/phone-shop/status#${code}`;
    expect(await page.getByTestId('status-link').getAttribute('href')).toBe(statusLink);
    const [text] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-text').click()]);
    expect(text.suggestedFilename()).toBe(`phone-shop-${code}.txt`);
    expect(await readFile(await text.path(), 'utf8')).toBe(`Tenant phone-shop：您的投诉\r\n查询码：${code}\r\n进度页面：${statusLink}\r\n`);
    const [image] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-image').click()]);
    expect(image.suggestedFilename()).toBe(`phone-shop-${code}.png`);
    expect((await readFile(await image.path())).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    // Filed on the WEB channel with what the form asked, the plugin's fields typed as it declares them.
    const filed = await complaintByCode(rig.server, shop.staff.supervisor, code);
    expect(filed).toMatchObject({
      channel: 'WEB',
      description: '网上买的电饭煲今天送到，内胆有明显划痕。',
      demands: ['REFUND'],
      fields: { orderNumber: 'HL2026112800417', purchaseDate: '2026-11-20', price: 399, distanceSale: true },
      respondent: { name: '第一门店' },
    });

    // The status page: where it stands and when the next answer is due, in the tenant's time zone.
    await page.getByTestId('open-status').click();
    const status = page.getByTestId('status-page');
    await status.waitFor();
    expect(await page.evaluate('location.pathname + location.hash')).toBe(`/t/phone-shop/status#${code}`);
    expect(await page.getByTestId('status-label').textContent()).toBe('已受理');
    const due = (await rig.server.request(`{ complaintStatus(tenantSlug: "phone-shop", trackingCode: "${code}") { nextAnswerDueAt } }`))
      .data.complaintStatus.nextAnswerDueAt;
    const dueText = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(
      new Date(due),
    );
    expect(await page.getByTestId('next-answer').textContent()).toBe(`预计答复时间不晚于 ${dueText}`);

    // The staff move it on: the page follows without a reload, and the survey opens with the answer.
    await walkTo(rig.server, shop.staff, filed.id, 'ACKNOWLEDGED', shop.walk);
    await page.locator('[data-testid="status-page"][data-status="ACKNOWLEDGED"]').waitFor();
    expect(await page.getByTestId('status-label').textContent()).toBe('已确认');
    await walkTo(rig.server, shop.staff, filed.id, 'RESPONDED', shop.walk);
    await page.locator('[data-testid="status-page"][data-status="RESPONDED"]').waitFor();
    const survey = page.getByTestId('survey-form');
    await survey.waitFor();
    await expectAccessible(page);
    for (const dimension of await survey.locator('fieldset.scale').all()) await dimension.getByRole('radio', { name: '5' }).check();
    await page.getByLabel('其他意见或建议').fill('处理得很快');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-answered').waitFor();
    await page.locator('[data-testid="status-page"][data-status="FOLLOW_UP"]').waitFor();
    expect(await page.getByTestId('history').locator('.entry-title').first().textContent()).toBe('已提交满意度评价');

    // A message with HTML in it is shown as the text it is, and reaches the staff's timeline.
    const words = '<b>不要加粗</b><img src=x onerror="alert(1)"> 请下午六点后联系';
    await page.getByLabel('留言内容').fill(words);
    await page.getByTestId('message-send').click();
    await page.getByText('留言已发送。').waitFor();
    const shown = page.getByTestId('history-message').first();
    expect(await shown.textContent()).toBe(words);
    expect(await shown.locator('b, img').count()).toBe(0);
    const staffSide = await complaintByCode(rig.server, shop.staff.supervisor, code);
    expect(staffSide.events.edges.map((edge: any) => edge.node).find((event: any) => event.kind === 'COMPLAINANT_MESSAGE')).toEqual({
      kind: 'COMPLAINANT_MESSAGE',
      public: true,
      changes: { message: words },
      actor: null,
    });
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'public-status-phone');
    noErrors();
  });

  it("shows nothing for another organisation's code, a wrong code or an unknown organisation", async () => {
    const other = await rig.server.createTenant('phone-other');
    const theirs = await fileComplaint(rig.server, other.adminToken, {
      channel: 'PHONE',
      description: 'Secret of the other shop',
      demands: ['APOLOGY'],
      complainant: { name: 'Other Person', phone: '13900000000' },
    });
    const { page } = await rig.newPage({ phone: true, locale: 'zh-CN' });
    const noErrors = expectNoConsoleErrors(page);
    for (const code of [theirs.trackingCode, '0000-0000-0000-0000', 'not-a-code']) {
      await page.goto(`/t/phone-shop/status#${code}`);
      await page.getByTestId('status-not-found').waitFor();
      expect(await page.getByTestId('status-not-found').textContent()).toContain(
        '在Tenant phone-shop没有找到与此查询码对应的投诉，请核对后重试。',
      );
      const body = (await page.locator('body').textContent())!;
      expect(body).not.toContain('Secret of the other shop');
      expect(body).not.toContain('已受理');
    }
    // The tracking entry refuses what cannot be a code before asking anyone.
    await page.goto('/t/phone-shop/track');
    await page.getByLabel('查询码').fill('ABC');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('查询码应为16位字母和数字。').waitFor();
    // An organisation that does not exist.
    await page.goto('/t/no-such-shop/complain');
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('not-found').textContent()).toBe('未找到该页面此地址没有对应的机构，请核对您收到的链接。');
    await page.goto('/t/phone-shop/elsewhere');
    expect(await page.getByTestId('not-found').textContent()).toBe('未找到该页面该页面不存在。');
    noErrors();
  });
});
