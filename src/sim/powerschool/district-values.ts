import type { Random } from './random.js';
import { LAST_NAMES } from './sample-data.js';

// Small value makers shared by the district generator and the churn step, so that a student
// who arrives mid-year looks like one generated on the first day.

/** STUDENTS.ENROLL_STATUS and its share: most active, some pre-registered, inactive, transferred out, graduated. */
export const STATUS_WEIGHTS: Array<[number, number]> = [
  [0, 0.88],
  [-1, 0.03],
  [1, 0.02],
  [2, 0.04],
  [3, 0.03],
];

export const ATHLETICS_TEAMS = ['Football', 'Soccer', 'Track & Field', 'Volleyball'];

/** Some high-school students play one team, a few two ("Soccer;Track & Field"); others none. */
export function athleticsTeams(random: Random, highSchool: boolean): string | null {
  if (!highSchool || !random.chance(0.3)) return null;
  const first = random.pick(ATHLETICS_TEAMS);
  const second = random.chance(0.2) ? random.pick(ATHLETICS_TEAMS) : first;
  return second === first ? first : [first, second].sort().join(';');
}

export function courseNumber(prefix: string, grade: number): string {
  return `${prefix}${String(grade).padStart(2, '0')}`;
}

export function weighted(random: Random, weights: Array<[number, number]>): number {
  let roll = random.next();
  for (const [value, weight] of weights) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return (weights[0] as [number, number])[0];
}

export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
}

/**
 * The last name itself, or a double-barrelled one ("Núñez-Okafor") when someone on the staff
 * already has that first and last name. With a few dozen names, a district of thousands would
 * otherwise have hundreds of homonyms, and the example rules' teacher dashboards ("{last},
 * {first}") would merge them; a few true homonyms remain after three tries, as in real life.
 */
export function distinctLastName(random: Random, taken: Set<string>, first: string, last: string): string {
  let candidate = last;
  for (let tries = 0; tries < 3 && taken.has(`${first}\u001f${candidate}`); tries++) {
    candidate = `${last}-${random.pick(LAST_NAMES)}`;
  }
  taken.add(`${first}\u001f${candidate}`);
  return candidate;
}
