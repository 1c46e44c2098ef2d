import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard, cardActivity } from '../../src/bot/cards/adaptive';
import { VERBS, notificationCard, notificationSummary } from '../../src/bot/cards/notifications';
import { CATEGORY_LABELS } from '../../src/domain/labels';
import { NOTIFICATION_KINDS } from '../../src/domain/notifications';
import { FORBIDDEN_IN_CHANNEL, busyMorning } from './fixtures';
import { LINKS } from './harness';

/** Every `type` value in a card, walking its JSON. */
function types(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) types(x, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string') out.push(o.type);
    for (const v of Object.values(o)) types(v, out);
  }
  return out;
}

describe('the channel card of every message type', () => {
  const planned = busyMorning();
  const cards = planned.map((n) => ({ n, card: notificationCard(n, LINKS) }));

  it('exists for all eight kinds of the bot table', () => {
    expect(new Set(planned.map((n) => n.kind))).toEqual(new Set(NOTIFICATION_KINDS));
  });

  it.each(NOTIFICATION_KINDS)('%s shows no name, date of birth, address, school or category', (kind) => {
    for (const { n, card } of cards.filter((c) => c.n.kind === kind)) {
      const json = JSON.stringify(cardActivity(card, notificationSummary(n)));
      for (const s of FORBIDDEN_IN_CHANNEL) expect(json).not.toContain(s);
      for (const label of Object.values(CATEGORY_LABELS)) expect(json).not.toContain(label);
    }
  });

  it('is an Adaptive Card 1.5 whose mentions each appear, as entity text, in the card body', () => {
    for (const { n, card } of cards) {
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      const body = JSON.stringify(card.body);
      const entities = card.msteams?.entities ?? [];
      expect(entities.map((e) => e.mentioned.id)).toEqual(n.mentions.map((p) => p.id));
      for (const e of entities) expect(body).toContain(e.text);
    }
  });

  it('offers buttons (Universal Actions) only where SPEC asks: actions and stuck cases', () => {
    const verbs = (card: AdaptiveCard) =>
      JSON.stringify(card)
        .match(/"verb":"[^"]+"/g)
        ?.map((v) => v.slice(8, -1)) ?? [];
    for (const { n, card } of cards) {
      if (n.kind === 'action-due-soon' || n.kind === 'action-overdue') {
        expect(verbs(card)).toEqual([VERBS.complete, VERBS.extend]);
      } else if (n.kind === 'escalation-prompt') {
        expect(verbs(card)).toEqual([VERBS.escalate, VERBS.notNow]);
      } else {
        expect(types(card)).not.toContain('Action.Execute');
      }
    }
  });

  it('links to the case in the tab and in Teams, and to the agenda', () => {
    const byKind = (k: string) => JSON.stringify(cards.find((c) => c.n.kind === k)?.card);
    expect(byKind('action-overdue')).toContain('https://cmoe.example.org/cases/CMOE-0043');
    expect(byKind('action-overdue')).toContain('https://teams.microsoft.com/l/entity/');
    expect(byKind('meeting-reminder')).toContain('https://cmoe.example.org/meetings');
  });

  it('is sent as a message activity with one card attachment and a minimised summary', () => {
    const n = planned.find((x) => x.kind === 'action-overdue');
    if (!n) throw new Error('no overdue action planned');
    const activity = cardActivity(notificationCard(n, LINKS), notificationSummary(n));
    expect(activity).toMatchObject({
      type: 'message',
      summary: 'Action overdue: CMOE-0043 (Z.Q., Year 8)',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE }],
    });
  });
});
