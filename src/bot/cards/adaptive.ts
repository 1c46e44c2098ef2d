/**
 * Typed builders for the parts of Adaptive Cards 1.5 the bot uses, with Teams' mention entities and
 * Universal Actions (`Action.Execute`). Our own small types instead of a templating dependency: the
 * compiler checks every card, and a test can walk the JSON.
 */
import type { Person } from '../../domain/types';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

type Color = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Medium' | 'Large' | 'Small';
  color?: Color;
  isSubtle?: boolean;
  spacing?: 'Small' | 'Medium' | 'Large';
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

export interface Container {
  type: 'Container';
  items: Element[];
  style?: 'emphasis' | 'good' | 'attention' | 'warning';
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  label: string;
  isMultiline?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
  maxLength?: number;
  value?: string;
  placeholder?: string;
}

export interface InputDate {
  type: 'Input.Date';
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
  min?: string;
  value?: string;
}

export interface InputChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: { title: string; value: string }[];
  value?: string;
  isRequired?: boolean;
}

export type Element = TextBlock | FactSet | Container | InputText | InputDate | InputChoiceSet;

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** Universal Action: Teams sends an `adaptiveCard/action` invoke with the verb, the data and the inputs. */
export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive';
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: AdaptiveCard;
}

export type CardAction = OpenUrlAction | ExecuteAction | ShowCardAction;

export interface MentionEntity {
  type: 'mention';
  /** Exactly the `<at>...</at>` text used in the card's body. */
  text: string;
  /** Entra object id (or UPN) and display name. */
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: Element[];
  actions?: CardAction[];
  msteams?: { entities: MentionEntity[] };
}

export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): TextBlock {
  return text(value, { weight: 'Bolder', size: 'Medium' });
}

export function facts(list: readonly [string, string][]): FactSet {
  return { type: 'FactSet', facts: list.map(([title, value]) => ({ title, value })) };
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown>,
  style?: ExecuteAction['style'],
): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

export function showCard(title: string, body: Element[], actions: CardAction[]): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: card(body, actions) };
}

/** `<at>Name</at>` for the text and the matching entity for `msteams.entities`. */
export function mention(person: Pick<Person, 'id' | 'name'>): { text: string; entity: MentionEntity } {
  const at = `<at>${person.name}</at>`;
  return { text: at, entity: { type: 'mention', text: at, mentioned: { id: person.id, name: person.name } } };
}

/** "<at>A</at>, <at>B</at> and <at>C</at>" with the entities to go with it. */
export function mentionList(people: readonly Pick<Person, 'id' | 'name'>[]): {
  text: string;
  entities: MentionEntity[];
} {
  const m = people.map(mention);
  const texts = m.map((x) => x.text);
  const joined =
    texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
  return { text: joined, entities: m.map((x) => x.entity) };
}

export function card(
  body: Element[],
  actions: CardAction[] = [],
  entities: MentionEntity[] = [],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(entities.length > 0 ? { msteams: { entities } } : {}),
  };
}

/** A message activity carrying one card; `summary` is what notification feeds show (no child data). */
export function cardActivity(content: AdaptiveCard, summary: string) {
  return {
    type: 'message' as const,
    summary,
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }],
  };
}
