/**
 * Issue 14 item 1 for the bot: a card submit goes through the same free-text rules as the API (the card
 * handlers parse with contract/inputs.ts). On main, a note with U+FFFE from a card was stored as typed.
 */
import { handleCardAction } from '../../src/bot/cardActions';
import { INPUTS, VERBS } from '../../src/bot/cards/notifications';
import { LINKS, callAs, makeWorld, planned, seedCaseWithAction } from './harness';

const NOW = new Date('2026-03-25T10:00:00.000Z');

async function completeFromCard(note: string) {
  const world = makeWorld();
  const { action } = await seedCaseWithAction(world.deps);
  const n = (await planned(world)).find((x) => x.kind === 'action-due-soon');
  if (!n) throw new Error('expected a due-soon notification');
  const result = await handleCardAction(
    world.deps,
    LINKS,
    callAs('dev-member-ewo').caller,
    NOW,
    VERBS.complete,
    {
      n,
      [INPUTS.note]: note,
    },
  );
  return { result, stored: await world.deps.store.actions.get(action.id) };
}

describe('free text from a card', () => {
  test('a completion note with a noncharacter is refused as invalid, and the action stays open', async () => {
    const { result, stored } = await completeFromCard('Done\uFFFE');
    expect(result.outcome).toBe('refused:Invalid');
    expect(stored?.status).toBe('open');
  });

  test('a completion note is stored normalised (NFC, CR LF as LF, controls stripped)', async () => {
    const { stored } = await completeFromCard('Cafe\u0301\r\nvisited\u0007');
    expect(stored?.status).toBe('done');
    expect(stored?.completionNote).toBe('Café\nvisited');
  });
});
