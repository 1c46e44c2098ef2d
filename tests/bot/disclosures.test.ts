/**
 * Issue 18: a disclosure (ToR §6) is never in a channel post, nor in any card the bot sends. With one
 * recorded on the case, every bot answer and every planned notification card is searched for its text.
 */
import { notificationCard } from '../../src/bot/cards/notifications';
import { recordDisclosure } from '../../src/operations/disclosures';
import { LINKS, callAs, cardText, cardsOf, makeWorld, message, planned, seedCaseWithAction } from './harness';

// Words that appear nowhere else in the fixture, so finding one means the disclosure leaked.
const SECRETS = [
  'Quokka Constabulary',
  'Vulpine liaison officer',
  'Inspector Marmalade',
  'Shared the flat number above the launderette',
  'Seen with adults unknown to the family',
  'Deputy Designated Lead Ptarmigan',
];

test('no bot answer or notification card, in a channel or a personal chat, carries a disclosure', async () => {
  const world = makeWorld();
  const { case: c } = await seedCaseWithAction(world.deps);
  await recordDisclosure(world.deps, callAs('dev-chair'), c.ref, {
    disclosedOn: '2026-03-24',
    recipient: { agency: SECRETS[0]!, role: SECRETS[1]!, name: SECRETS[2]! },
    categories: ['whereabouts', 'safeguarding-concern'],
    details: SECRETS[3]!,
    reason: SECRETS[4]!,
    article6: 'art6-1e',
    specialCategory: 'none',
    authorisedBy: { name: SECRETS[5]!, role: 'Chair' },
    meetingId: null,
    corrects: null,
  });
  expect(await world.store.disclosures.listByCase(c.ref)).toHaveLength(1);

  const sent: string[] = [];
  for (const where of ['channel', 'personal'] as const)
    for (const text of ['case CMOE-0001', 'my actions', 'agenda', 'help'])
      for (const user of ['dev-chair', 'dev-member-ewo', 'dev-senior'])
        sent.push(cardText(cardsOf(await world.send(message(text, user, where)))));
  const notifications = await planned(world);
  expect(notifications.length).toBeGreaterThan(0);
  for (const n of notifications) sent.push(cardText(notificationCard(n, LINKS)));
  // The personal case summary does show the case (so the search is not vacuous)...
  expect(sent.join('\n')).toContain('CMOE-0001');
  // ...and nothing of the disclosure.
  for (const secret of SECRETS) expect(sent.join('\n')).not.toContain(secret);
});
