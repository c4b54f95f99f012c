/**
 * Tells a wrong FIELD_ENCRYPTION_KEY before it does harm: the first start seals a known text in
 * `system_markers`; later starts (and /readyz) must open it. A database from before this record
 * is checked against one stored worker ID number, then the record is written.
 */
import { SystemMarker } from '../modules/system/system-marker.model';
import { Worker } from '../modules/workers/worker.model';
import type { FieldCrypto } from './field-crypto';

const KNOWN_TEXT = 'zhuanyi-field-key-check';

export type FieldKeyState = 'ok' | 'wrong-key';

function opens(crypto: FieldCrypto, sealed: string, expected?: string): boolean {
  try {
    const text = crypto.decrypt('idNumber', sealed);
    return expected === undefined || text === expected;
  } catch {
    return false;
  }
}

/** Checks the key against the stored record, writing the record when there is none yet. */
export async function checkFieldKey(crypto: FieldCrypto, now = new Date()): Promise<FieldKeyState> {
  const marker = await SystemMarker.findById('fieldKeyCheck').lean().exec();
  if (marker?.sealed !== undefined) return opens(crypto, marker.sealed, KNOWN_TEXT) ? 'ok' : 'wrong-key';
  const sample = await Worker.findOne().select({ idEnc: 1 }).lean<{ idEnc: string } | null>().exec();
  if (sample && !opens(crypto, sample.idEnc)) return 'wrong-key';
  await SystemMarker.updateOne(
    { _id: 'fieldKeyCheck' },
    { $setOnInsert: { sealed: crypto.encrypt('idNumber', KNOWN_TEXT), at: now } },
    { upsert: true },
  ).exec();
  // A racing first start may have written its own record: check the one that stayed.
  const stored = await SystemMarker.findById('fieldKeyCheck').lean().exec();
  return stored?.sealed !== undefined && opens(crypto, stored.sealed, KNOWN_TEXT) ? 'ok' : 'wrong-key';
}

export const WRONG_FIELD_KEY_MESSAGE =
  'FIELD_ENCRYPTION_KEY does not open the personal data already stored in this database (key check failed): set the key this database was created with.';

/** For /readyz: checks until the key is found right once, then remembers it. */
export function fieldKeyProbe(crypto: FieldCrypto): () => Promise<FieldKeyState> {
  let known: FieldKeyState | undefined;
  return async () => {
    if (known === 'ok') return known;
    known = await checkFieldKey(crypto);
    return known;
  };
}
