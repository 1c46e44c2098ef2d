/** Dates and times as people in England read them: the domain's one UK formatter, under the bot's names. */
export { ukDate as formatDate, ukDateTime as formatDateTime, ukTime as formatTime } from '../domain/ukDates';

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
