import { describeInBrowser } from '../support/browser';
import { change, fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { englishPage, offeredActions, openAction, openComplaint, takeAction, waitForStatus } from './support/complaint-page';

describeInBrowser('the complaint page: conflicts and what each user may do', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-conflict');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('a form sent on an old version is answered STALE_VERSION: the page shows what changed, and the same form applies to the new version', async () => {
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, SAMPLE_COMPLAINT);
    const agent = await englishPage(rig);
    const supervisor = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(agent.page);
    await signInAs(agent.page, tenant.agent);
    await signInAs(supervisor.page, tenant.supervisor);
    await openComplaint(agent.page, complaint.id);
    await openComplaint(supervisor.page, complaint.id);

    // The agent starts a note on version 1 …
    const note = await openAction(agent.page, 'ADD_NOTE');
    await note.locator('#body').fill('Customer called again');
    // … while the supervisor acknowledges the complaint.
    await takeAction(supervisor.page, 'ACKNOWLEDGE');
    await waitForStatus(agent.page, 'ACKNOWLEDGED');

    await agent.page.getByTestId('action-submit').click();
    const stale = agent.page.getByTestId('stale-version');
    await stale.waitFor();
    const statusLabel = await agent.page.getByTestId('complaint-status').textContent();
    expect(await stale.getByTestId('stale-now').textContent()).toBe(`It is now ${statusLabel} (version 2).`);
    expect(await stale.getByTestId('stale-last-event').textContent()).toMatch(/, by supervisor at /);
    const notes = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { version notes { body } } }`,
      { id: complaint.id },
      { token: tenant.agent.token },
    );
    expect(notes.data.complaint).toEqual({ version: 2, notes: [] });

    await agent.page.getByTestId('stale-retry').click();
    await note.waitFor({ state: 'hidden' });
    await agent.page.getByTestId('section-handling').getByText('Customer called again').waitFor();
    const after = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { version notes { body } } }`,
      { id: complaint.id },
      { token: tenant.agent.token },
    );
    expect(after.data.complaint).toEqual({ version: 3, notes: [{ body: 'Customer called again' }] });
    noErrors();
  });

  it('offers only what the viewer may do: accepting and rejecting are for supervisors, not agents', async () => {
    const filed = await fileComplaint(rig.server, tenant.staff.agent, SAMPLE_COMPLAINT);
    const acknowledged = await change(rig.server, tenant.staff.agent, 'acknowledgeComplaint', {
      complaintId: filed.id,
      expectedVersion: filed.version,
    });
    expect(acknowledged.errors).toEqual([]);
    const agent = await englishPage(rig);
    const supervisor = await englishPage(rig);
    await signInAs(agent.page, tenant.agent);
    await signInAs(supervisor.page, tenant.supervisor);
    await openComplaint(agent.page, filed.id);
    await openComplaint(supervisor.page, filed.id);

    const forSupervisor = await offeredActions(supervisor.page);
    expect(forSupervisor).toEqual(expect.arrayContaining(['ACCEPT', 'REJECT']));
    // Accepting is the likely next step for the supervisor: the main button.
    expect(forSupervisor[0]).toBe('ACCEPT');
    const forAgent = await offeredActions(agent.page);
    expect(forAgent).not.toContain('ACCEPT');
    expect(forAgent).not.toContain('REJECT');
    expect(forAgent).not.toContain('ASSIGN');
    expect(forAgent).toContain('ADD_NOTE');
  });
});
