/**
 * `npx tsx src/cli/appIcons.ts`: (re)draws appPackage/color.png and appPackage/outline.png from
 * `appPackage/icons.ts`. The PNGs are committed; a test checks they still show exactly what the code
 * draws, so an edited drawing and a stale file cannot both be in the repository.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './appPackage/icons';
import { encodePng } from './appPackage/png';

/** Writes both icons into `dir` and returns their paths. */
export function writeIcons(dir: string): string[] {
  const color = join(dir, 'color.png');
  const outline = join(dir, 'outline.png');
  writeFileSync(color, encodePng(drawColorIcon()));
  writeFileSync(outline, encodePng(drawOutlineIcon()));
  return [color, outline];
}

if (require.main === module) {
  for (const file of writeIcons(join(process.cwd(), 'appPackage'))) console.log(`wrote ${file}`);
}
