import { FieldCrypto } from './field-crypto';

const crypto = new FieldCrypto(Buffer.alloc(32, 7));
const ID = '11010519491231002X';

describe('field crypto (AES-256-GCM + HMAC blind index)', () => {
  it('when a value is sealed and opened, then it comes back and the sealed text shows nothing of it', () => {
    const sealed = crypto.encrypt('idNumber', ID);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('19491231');
    expect(crypto.decrypt('idNumber', sealed)).toBe(ID);
  });

  it('when the same value is sealed twice, then the texts differ (random IV) but the blind index is the same', () => {
    expect(crypto.encrypt('phone', '13800005678')).not.toBe(crypto.encrypt('phone', '13800005678'));
    expect(crypto.blindIndex('phone', '13800005678')).toBe(crypto.blindIndex('phone', '13800005678'));
  });

  it('when any byte of a sealed text is altered, then opening it fails', () => {
    const sealed = crypto.encrypt('idNumber', ID);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (let i = 0; i < raw.length; i += 1) {
      const altered = Buffer.from(raw);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(() => crypto.decrypt('idNumber', `v1.${altered.toString('base64url')}`)).toThrow();
    }
  });

  it('when the last character of a sealed text is changed, then opening it fails (padding bits included)', () => {
    for (let n = 0; n < 20; n += 1) {
      const sealed = crypto.encrypt('idNumber', ID);
      const last = sealed.slice(-1) === 'A' ? 'B' : 'A';
      expect(() => crypto.decrypt('idNumber', sealed.slice(0, -1) + last)).toThrow();
    }
  });

  it('when a phone cipher is opened as an ID number, then it fails (the field is bound in)', () => {
    expect(() => crypto.decrypt('idNumber', crypto.encrypt('phone', '13800005678'))).toThrow();
  });

  it('when another key is used, then neither the cipher opens nor the index matches', () => {
    const other = new FieldCrypto(Buffer.alloc(32, 8));
    expect(() => other.decrypt('idNumber', crypto.encrypt('idNumber', ID))).toThrow();
    expect(other.blindIndex('idNumber', ID)).not.toBe(crypto.blindIndex('idNumber', ID));
  });

  it('when the same text is indexed as a phone and as an ID number, then the indexes differ', () => {
    expect(crypto.blindIndex('phone', '13800005678')).not.toBe(crypto.blindIndex('idNumber', '13800005678'));
  });

  it('when the key is not 32 bytes, then construction fails', () => {
    expect(() => new FieldCrypto(Buffer.alloc(16))).toThrow();
  });
});
