import { typeRank } from './bson-order';
import { compareKeyPart } from './indexes';

/** Start or end of one type's bracket in BSON order: `$gt: 5` scans numbers above 5 and nothing else. */
export class Bracket {
  constructor(
    readonly rank: number,
    readonly end: boolean,
  ) {}
}
export type BoundValue = unknown | Bracket;

export function cmpToBound(v: unknown, b: BoundValue): number {
  if (b instanceof Bracket) {
    const r = typeRank(v);
    if (r !== b.rank) return r < b.rank ? -1 : 1;
    return b.end ? -1 : 1;
  }
  return compareKeyPart(v, b);
}
