/**
 * Webster (Sainte-Lague) apportionment as Karmada v1.16+ divides replicas: seats go one at a time to the party
 * with the largest votes / (2 * seats + 1); ties go to the party with fewer seats, then by name in the order
 * `nameOrder` gives (Karmada derives it from the parity of the FNV-32a hash of the resource UID).
 */
export interface Party {
  name: string;
  votes: number;
  seats: number;
}

export type NameOrder = 'ascending' | 'descending';

function outranks(a: Party, b: Party, nameOrder: NameOrder): boolean {
  // Compare a.votes/(2a+1) with b.votes/(2b+1) exactly by cross-multiplying.
  const left = a.votes * (2 * b.seats + 1);
  const right = b.votes * (2 * a.seats + 1);
  if (left !== right) return left > right;
  if (a.seats !== b.seats) return a.seats < b.seats;
  return nameOrder === 'ascending' ? a.name < b.name : a.name > b.name;
}

/** Adds `newSeats` seats to the parties (initial seats kept) and returns them sorted by name. */
export function allocateWebster(newSeats: number, parties: Party[], nameOrder: NameOrder = 'ascending'): Party[] {
  const pool = parties.map((p) => ({ ...p }));
  if (pool.length === 0) return [];
  for (let remaining = newSeats; remaining > 0; remaining--) {
    let best = pool[0];
    for (const candidate of pool) if (outranks(candidate, best, nameOrder)) best = candidate;
    best.seats++;
  }
  return pool.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
