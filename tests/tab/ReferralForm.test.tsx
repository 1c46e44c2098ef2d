/** @jest-environment jsdom */
import './dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReferralBody } from '../../src/tab/client/client';
import { ReferralForm } from '../../src/tab/components/Referral/ReferralForm';
import { FakeApi, MEMBER_ME, TODAY } from './fakeApi';
import { descriptionOf, renderInApp, setText, userSetup } from './render';

/** 2026-04-07 in words (ICU versions differ on the comma after the weekday). */
const LONG_DATE = /^Tuesday,? 7 April 2026$/;

async function fillRequired(user: ReturnType<typeof userSetup>) {
  setText(screen.getByRole('textbox', { name: /First name/ }), 'Testy');
  setText(screen.getByRole('textbox', { name: /Last name/ }), 'Specimen');
  fireEvent.change(screen.getByLabelText(/Date of birth/), { target: { value: '2013-05-14' } });
  await user.click(screen.getByRole('checkbox', { name: 'Permanently excluded' }));
  await user.selectOptions(screen.getByRole('combobox', { name: /Current provision/ }), 'none');
  await user.selectOptions(screen.getByRole('combobox', { name: /Referral source/ }), 'ewo');
}

describe('the referral form', () => {
  test('shows the computed referral date, the year group and the eligibility warnings before submitting', async () => {
    const api = new FakeApi(MEMBER_ME);
    api.referralCheck = {
      referralDate: '2026-04-07',
      derivedYearGroup: '8',
      eligible: false,
      warnings: [
        {
          code: 'out-less-than-threshold',
          text: 'Out of education for 2 weeks, less than the 4 in the definition.',
        },
      ],
    };
    const refreshed: number[] = [];
    renderInApp(<ReferralForm onReferred={() => refreshed.push(1)} />, api);
    const user = userSetup();
    const preview = screen.getByRole('complementary', { name: 'Before you refer' });
    expect(preview.textContent).toContain(
      'fill in: first name, last name, date of birth, a category, current provision, referral source.',
    );
    const submit = screen.getByRole('button', { name: 'Refer this child' });
    expect(submit.hasAttribute('disabled')).toBe(true);

    await fillRequired(user);
    await within(preview).findByText(LONG_DATE);
    expect(preview.textContent).toContain('Year 8');
    expect(within(preview).getByText('Outside the group’s definition')).toBeTruthy();
    expect(
      within(preview).getByText('Out of education for 2 weeks, less than the 4 in the definition.'),
    ).toBeTruthy();
    expect(preview.textContent).toContain('You can still refer');
    await waitFor(() => expect(submit.hasAttribute('disabled')).toBe(false));

    await user.click(submit);
    await screen.findByText('Referred as CMOE-0001');
    expect(screen.getByText(/^Referral date Tuesday,? 7 April 2026: the case is on/)).toBeTruthy();
    expect(refreshed).toEqual([1]);
    const sent = api.calls.find((c) => c.method === 'refer')!.args[0] as ReferralBody;
    expect(sent).toMatchObject({
      firstName: 'Testy',
      lastName: 'Specimen',
      dateOfBirth: '2013-05-14',
      categories: ['permanently-excluded'],
      provision: 'none',
      referralSource: 'ewo',
      referredBy: 'Demo Member (Bea Placeholder)',
      receivedOn: TODAY,
      lead: null,
    });
    // Left as "work it out", the year group is not sent: the server derives it.
    expect('yearGroup' in sent).toBe(false);
  });

  test('the check runs again when an answer changes, and a field the server rejects says why', async () => {
    const api = new FakeApi(MEMBER_ME);
    renderInApp(<ReferralForm onReferred={() => undefined} />, api);
    const user = userSetup();
    await fillRequired(user);
    const preview = screen.getByRole('complementary', { name: 'Before you refer' });
    await within(preview).findByText('Within the group’s definition (ToR §3).');
    const checks = () => api.calls.filter((c) => c.method === 'checkReferral').length;
    const before = checks();

    setText(screen.getByRole('textbox', { name: /UPN/ }), 'A12');
    await waitFor(() =>
      expect(descriptionOf(screen.getByRole('textbox', { name: /UPN/ }))).toContain(
        'must be a 13-character UPN',
      ),
    );
    expect(checks()).toBeGreaterThan(before);
    expect(screen.getByRole('button', { name: 'Refer this child' }).hasAttribute('disabled')).toBe(true);

    setText(screen.getByRole('textbox', { name: /UPN/ }), '');
    await within(preview).findByText(LONG_DATE);
    expect(descriptionOf(screen.getByRole('textbox', { name: /UPN/ }))).not.toContain('must be');
  });

  test('conditional fields appear when they apply: exclusion date, part-time timetable dates', async () => {
    renderInApp(<ReferralForm onReferred={() => undefined} />, new FakeApi(MEMBER_ME));
    const user = userSetup();
    expect(screen.queryByLabelText(/Permanent exclusion date/)).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Permanently excluded' }));
    expect(screen.getByLabelText(/Permanent exclusion date/)).toBeTruthy();
    expect(screen.queryByLabelText(/Part-time timetable end date/)).toBeNull();
    await user.selectOptions(
      screen.getByRole('combobox', { name: /Current provision/ }),
      'part-time-timetable',
    );
    expect(screen.getByLabelText(/Part-time timetable end date/)).toBeTruthy();
    expect(screen.getByLabelText(/Part-time timetable review date/)).toBeTruthy();
  });
});
