/** SharePoint item ids are increasing whole numbers: compared as numbers, they give the order of adding. */
export function itemOrder(a: string, b: string): number {
  return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
}
