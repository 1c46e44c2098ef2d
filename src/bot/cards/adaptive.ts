/**
 * Typed builders for the parts of Adaptive Cards 1.5 the bot uses, with Teams' mention entities and
 * Universal Actions (`Action.Execute`). Our own small types instead of a templating dependency: the
 * compiler checks every card, and a test can walk the JSON.
 *
 * Every string given to `text`, `heading` or `facts` is free text and is escaped ({@link plain}); the few
 * fragments meant as markdown (a bold label, a list item, mentions) are built with {@link md}.
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

/**
 * Free text as Adaptive Card markdown that shows exactly as typed: nothing in it becomes a link, emphasis,
 * a list, a mention or markup. Teams renders TextBlock text and Fact titles and values as a markdown subset
 * (bold, italic, links, lists) and looks for `<at>...</at>` in them to place mentions, so a name such as
 * `[click](https://evil.example)` would otherwise become a link under the bot's name.
 *
 * How each character is handled, and why (Teams has several renderers: CommonMark-style on desktop and
 * the web, the Adaptive Cards shared-model parser on some mobile versions):
 * - `\ * _ ~ \` [ ]` are backslash-escaped wherever they are. CommonMark honours every such escape, and
 *   the shared-model emphasis parser does too for `*` and `_` (an escaped delimiter never opens or closes
 *   emphasis).
 * - The shared-model parser starts a link at `[` and ends its text at `]` even after a backslash
 *   (MarkDownBlockParser in microsoft/AdaptiveCards), so the escape alone is not enough there; but its
 *   link needs `]` directly followed by `(`, so a `(` after a `]` is escaped too ({@link noLinks} does the
 *   same where a fragment is put together). Other parentheses stay as they are: names like
 *   "Demo Chair (Alex Sample)" and labels like "CMOE-0042 (A.B., Year 7)" are common and harmless.
 * - `<` and `>` become the fullwidth lookalikes `＜` `＞`. A backslash cannot stop Teams finding an `<at>`
 *   substring, and HTML is not meant to render in cards at all, so no raw angle bracket is ever sent.
 *   (`&lt;` and the like may stay: an entity decodes to text, never to markup.)
 * - At the start of a line, after any indentation, a `-`, `+`, `=` or `#` (list item, setext or ATX
 *   heading, rule) or `N.` or `N)` (ordered list) is backslash-escaped; `>` (quote) is already a lookalike.
 * Some older mobile clients show an escaping backslash instead of hiding it (AdaptiveCards issues 5590,
 * 4677): hostile text may then look odd there, but it still shows as text.
 */
export function plain(value: string): string {
  return noLinks(
    value
      .replace(/\r\n?/g, '\n')
      .replace(/[\\*_~`[\]]/g, '\\$&')
      .replace(/</g, '\uFF1C')
      .replace(/>/g, '\uFF1E')
      .replace(/^([ \t]*)([-+=#])/gm, '$1\\$2')
      .replace(/^([ \t]*)(\d+)([.)])/gm, '$1$2\\$3'),
  );
}

/**
 * `](` becomes `]\(`: the bot never writes a markdown link itself (its links are `Action.OpenUrl` buttons),
 * so no link can form where escaped text meets a fragment's own words or another value.
 */
function noLinks(markdown: string): string {
  return markdown.replace(/\]\(/g, ']\\(');
}

declare const MARKDOWN: unique symbol;

/**
 * Adaptive Card markdown the bot means: made only by {@link md}, whose literal parts are the bot's own
 * words and whose values are escaped with {@link plain}. A plain string given to a card is always free text.
 */
export interface Markdown {
  readonly [MARKDOWN]: true;
  readonly source: string;
}

function markdown(source: string): Markdown {
  return { source } as Markdown;
}

function isMarkdown(v: unknown): v is Markdown {
  return typeof v === 'object' && v !== null && typeof (v as { source?: unknown }).source === 'string';
}

/** A markdown fragment: md`**${label}**: ${due}` keeps the bold and shows `label` and `due` as text. */
export function md(literals: TemplateStringsArray, ...values: (string | number | Markdown)[]): Markdown {
  let out = literals[0] ?? '';
  values.forEach((v, i) => {
    out += (isMarkdown(v) ? v.source : plain(String(v))) + (literals[i + 1] ?? '');
  });
  return markdown(noLinks(out));
}

/** The markdown a card carries for a value: free text escaped, a fragment from {@link md} as it is. */
function source(value: string | Markdown): string {
  return isMarkdown(value) ? value.source : plain(value);
}

export function text(
  value: string | Markdown,
  options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {},
): TextBlock {
  return { type: 'TextBlock', text: source(value), wrap: true, ...options };
}

export function heading(value: string | Markdown): TextBlock {
  return text(value, { weight: 'Bolder', size: 'Medium' });
}

/** Titles and values are free text unless made with {@link md}. */
export function facts(list: readonly [string | Markdown, string | Markdown][]): FactSet {
  return {
    type: 'FactSet',
    facts: list.map(([title, value]) => ({ title: source(title), value: source(value) })),
  };
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

/**
 * `<at>Name</at>` for the text and the matching entity for `msteams.entities`. Teams places a mention by
 * finding the entity's `text` in the card verbatim, so both carry the same escaped name: a hostile name
 * still matches its entity, and can neither close the `<at>` early nor become a link or emphasis.
 */
export function mention(person: Pick<Person, 'id' | 'name'>): { text: Markdown; entity: MentionEntity } {
  const at = `<at>${plain(person.name)}</at>`;
  return {
    text: markdown(at),
    entity: { type: 'mention', text: at, mentioned: { id: person.id, name: person.name } },
  };
}

/** "<at>A</at>, <at>B</at> and <at>C</at>" (empty for nobody) with the entities to go with it. */
export function mentionList(people: readonly Pick<Person, 'id' | 'name'>[]): {
  text: Markdown | null;
  entities: MentionEntity[];
} {
  const m = people.map(mention);
  const texts = m.map((x) => x.text.source);
  const joined =
    texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(', ')} and ${texts.at(-1)}`;
  return { text: joined === '' ? null : markdown(joined), entities: m.map((x) => x.entity) };
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
