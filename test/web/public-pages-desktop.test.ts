import { describeInBrowser } from '../support/browser';
import { walkTo } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { openComplaint } from './support/complaint-page';
import {
  complaintByCode,
  createPublicTenant,
  expectAccessible,
  expectVisibleFocus,
  tabTo,
  type PublicTenantRig,
} from './support/public-pages';

/**
 * A complainant at a desktop browser switches the pages to English and files a complaint with
 * the keyboard alone, follows it by the code typed in as people type it, answers the survey,
 * and sends a message that the staff read on the console's complaint page. A complaint not
 * accepted shows the reason and where to turn, live.
 */
describeInBrowser('the public pages on a desktop, in English', () => {
  let rig: ConsoleRig;
  let shop: PublicTenantRig;

  beforeAll(async () => {
    rig = await startConsole();
    shop = await createPublicTenant(rig.server, 'desk-shop');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('files a complaint by keyboard in English, follows it live, answers the survey; the staff read the message', async () => {
    const { page } = await rig.newPage({ locale: 'zh-CN' });
    const noErrors = expectNoConsoleErrors(page);
    await page.goto('/t/desk-shop/');
    await page.getByRole('heading', { level: 1, name: '我们能为您做什么？' }).waitFor();

    // The language switch, reached and pressed with the keyboard, with a visible focus ring.
    await tabTo(page, '[data-testid="language-switch"]');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'How can we help?' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await tabTo(page, '[data-testid="home-complain"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Make a complaint' }).waitFor();
    await page.getByTestId('intake-details').locator('summary').click();
    await expectAccessible(page);
    await page.getByTestId('intake-details').locator('summary').click();

    // The form by keyboard alone; the plugin's fields and the demands labelled in English.
    await tabTo(page, '#field-complainant-name');
    await expectVisibleFocus(page);
    await page.keyboard.type('Liu Fang');
    await tabTo(page, '#field-complainant-email');
    await page.keyboard.type('liu.fang@example.com');
    await tabTo(page, '#field-description');
    await page.keyboard.type('The rice cooker arrived with a scratched inner pot.');
    await tabTo(page, '#field-demands-EXCHANGE');
    expect(await page.locator('label[for="field-demands-EXCHANGE"]').textContent()).toBe('Exchange');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="intake-details"] > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '#field-fields-orderNumber');
    expect(await page.locator('label[for="field-fields-orderNumber"]').textContent()).toBe('Order number');
    await page.keyboard.type('HL-7');
    await tabTo(page, '#field-consent');
    await page.keyboard.press('Space');
    await tabTo(page, '[data-testid="complaint-submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Your complaint has been sent' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!;
    const filed = await complaintByCode(rig.server, shop.staff.supervisor, code);
    expect(filed).toMatchObject({ channel: 'WEB', demands: ['EXCHANGE'], fields: { orderNumber: 'HL-7' } });

    // The code as people type it (lower case, no dashes) finds the complaint; the address keeps it in the fragment.
    await page.goto('/t/desk-shop/track');
    await page.getByLabel('Tracking code').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Tracking code').fill(code.toLowerCase().replace(/-/g, ''));
    await page.getByLabel('Tracking code').press('Enter');
    await page.getByTestId('status-page').waitFor();
    expect(await page.evaluate('location.pathname + location.hash')).toBe(`/t/desk-shop/status#${code}`);
    expect(await page.getByTestId('status-label').textContent()).toBe('Received');
    expect(await page.getByTestId('next-answer').textContent()).toMatch(/^Our next answer is due by /);

    // Live, in English, to the answer; then the survey.
    await walkTo(rig.server, shop.staff, filed.id, 'RESPONDED', shop.walk);
    await page.locator('[data-testid="status-page"][data-status="RESPONDED"]').waitFor();
    expect(await page.getByTestId('status-label').textContent()).toBe('Answered');
    const survey = page.getByTestId('survey-form');
    expect(await survey.locator('legend').allTextContents()).toEqual([
      'Response speed',
      'Degree of resolution',
      'Efficiency',
      'Attitude',
      'Price',
    ]);
    await page.getByTestId('survey-submit').click();
    await page.getByText('Please score every question.').waitFor();
    for (const dimension of await survey.locator('fieldset.scale').all()) await dimension.getByRole('radio', { name: '4' }).check();
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-answered').waitFor();
    await page.locator('[data-testid="status-page"][data-status="FOLLOW_UP"]').waitFor();

    // A message, with HTML in it, stays text on both sides.
    const words = 'Please call after 6 pm. <script>alert("x")</script><i>thanks</i>';
    await page.getByLabel('Your message').fill(words);
    await page.getByTestId('message-send').click();
    await page.getByText('Your message was sent.').waitFor();
    expect(await page.getByTestId('history-message').first().textContent()).toBe(words);
    expect(await page.getByTestId('history').locator('script, i').count()).toBe(0);
    await screenshot(page, 'public-status-desktop');

    const staff = await rig.newPage();
    await signInAs(staff.page, shop.supervisor);
    await openComplaint(staff.page, filed.id);
    const onTimeline = staff.page.getByTestId('timeline').getByTestId('complainant-message');
    await onTimeline.waitFor();
    expect(await onTimeline.textContent()).toBe(words);
    expect(await onTimeline.locator('script, i').count()).toBe(0);

    // The choice of language stays for the next visit.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your complaint' }).waitFor();
    noErrors();
  });

  it('shows the reason and where to turn, live, when the complaint is not accepted', async () => {
    const submitted = await rig.server.request(
      `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code } } }`,
      {
        input: {
          tenantSlug: 'desk-shop',
          description: 'The milk was sour after I left it in the car for a day.',
          demands: ['REFUND'],
          complainant: { name: 'Wang Wu', email: 'wang@example.com' },
        },
      },
    );
    const code = submitted.data.submitComplaint.trackingCode;
    const { page } = await rig.newPage({ locale: 'en-US' });
    const noErrors = expectNoConsoleErrors(page);
    await page.goto(`/t/desk-shop/status#${code}`);
    // The organisation's language, whatever the browser's, until the complainant picks another.
    await page.getByRole('heading', { level: 1, name: '您的投诉' }).waitFor();
    expect(await page.getByTestId('status-label').textContent()).toBe('已受理');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your complaint' }).waitFor();
    await page.getByTestId('status-label').filter({ hasText: 'Received' }).waitFor();
    const filed = await complaintByCode(rig.server, shop.staff.supervisor, code);
    await walkTo(rig.server, shop.staff, filed.id, 'REJECTED', shop.walk);
    await page.locator('[data-testid="status-page"][data-status="REJECTED"]').waitFor();
    expect(await page.getByTestId('status-label').textContent()).toBe('Not accepted');
    expect(await page.getByTestId('rejection').locator('dd').allTextContents()).toEqual([
      'What happened was not caused by our goods or service',
      'If you disagree, tell us what we have missed, or turn to the consumer association or the market regulator (12315)',
    ]);
    expect(await page.getByTestId('next-answer').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'public-status-rejected');
    noErrors();
  });

  it('lets the tenant administrator set the logo in the console; the public pages show it', async () => {
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, shop.admin, { path: '/sign-in?next=%2Fadmin%2Fpublic-pages' });
    await page.getByTestId('public-pages-address').waitFor();
    expect(await page.getByTestId('public-pages-address').textContent()).toBe(`${rig.origin}/t/desk-shop/`);
    await page.getByTestId('logo-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    const dataUrl = `data:image/png;base64,${png.toString('base64')}`;
    await page.locator(`[data-testid="logo-preview"][src="${dataUrl}"]`).waitFor();

    const visitor = await rig.newPage({ locale: 'zh-CN' });
    await visitor.page.goto('/t/desk-shop/');
    await visitor.page.getByTestId('tenant-brand').waitFor();
    expect(await visitor.page.locator('.logo').getAttribute('src')).toBe(dataUrl);
    noErrors();
  });
});
