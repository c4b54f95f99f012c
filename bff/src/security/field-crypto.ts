/**
 * Personal data at rest: AES-256-GCM for 身份证号, phone and bank card numbers, and an
 * HMAC-SHA256 blind index for lookups and unique keys. One master key (FIELD_ENCRYPTION_KEY)
 * is split with HKDF into an encryption key and one index key per kind of field, so an index
 * of phones cannot be matched against an index of ID numbers.
 *
 * Ciphertext format: `v1.<base64url(iv 12 | tag 16 | ciphertext)>`; the field kind is bound as
 * additional authenticated data, so a phone cipher pasted into the ID field fails to open.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export type SensitiveField = 'idNumber' | 'phone' | 'bankCard' | 'smsCode' | 'clientAddress';
/** Whole files holding personal data (uploaded spreadsheets), sealed before they are stored. */
export type SensitiveFile = 'importFile';

/** Sealed files start with this, then iv | tag | ciphertext. */
const FILE_MAGIC = Buffer.from('ZYF1', 'ascii');

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `zhuanyi:${info}`, 32));
}

export class FieldCrypto {
  private readonly encKey: Buffer;
  private readonly indexKeys: Map<SensitiveField, Buffer>;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('FIELD_ENCRYPTION_KEY must be 32 bytes');
    this.encKey = derive(masterKey, 'field-encryption');
    const kinds: SensitiveField[] = ['idNumber', 'phone', 'bankCard', 'smsCode', 'clientAddress'];
    this.indexKeys = new Map(kinds.map((k) => [k, derive(masterKey, `blind-index:${k}`)]));
  }

  encrypt(field: SensitiveField, plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Throws when the text was not sealed by this key for this field. */
  decrypt(field: SensitiveField, sealed: string): string {
    const [version, payload] = sealed.split('.');
    if (version !== VERSION || payload === undefined) throw new Error('unknown ciphertext format');
    const raw = Buffer.from(payload, 'base64url');
    // Node's decoder ignores stray characters and padding bits; only the canonical text is accepted.
    if (raw.toString('base64url') !== payload) throw new Error('ciphertext is not canonical base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  sealFile(kind: SensitiveFile, data: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(kind, 'utf8'));
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([FILE_MAGIC, iv, cipher.getAuthTag(), body]);
  }

  /** Throws when the bytes were not sealed by this key for this kind of file. */
  openFile(kind: SensitiveFile, sealed: Buffer): Buffer {
    const head = FILE_MAGIC.length;
    if (sealed.length < head + IV_BYTES + TAG_BYTES || !sealed.subarray(0, head).equals(FILE_MAGIC)) throw new Error('not a sealed file');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, sealed.subarray(head, head + IV_BYTES));
    decipher.setAAD(Buffer.from(kind, 'utf8'));
    decipher.setAuthTag(sealed.subarray(head + IV_BYTES, head + IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(head + IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  /** Deterministic keyed hash of a normalized value: equal values, equal index. */
  blindIndex(field: SensitiveField, normalized: string): string {
    const key = this.indexKeys.get(field);
    if (!key) throw new Error(`no index key for ${field}`);
    return createHmac('sha256', key).update(normalized, 'utf8').digest('base64url');
  }

  /** Constant-time comparison of two blind indexes. */
  sameIndex(a: string, b: string): boolean {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(b, 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
  }
}
