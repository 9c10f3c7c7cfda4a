import { allowedMethods, DEFAULT_POLICY as policy, levelReached, satisfies } from './policy';

describe('default sanitization policy (NIST SP 800-88 Rev. 2 / IEEE 2883)', () => {
  it('ATA Secure Erase counts as Purge on a magnetic SATA drive but only as Clear on flash', () => {
    expect(levelReached(policy, 'hdd', 'sata', 'ata_secure_erase')).toBe('purge');
    expect(levelReached(policy, 'ssd', 'sata', 'ata_secure_erase')).toBe('clear');
    expect(satisfies(policy, 'ssd', 'sata', 'ata_secure_erase', 'purge')).toBe(false);
  });

  it('never degausses flash', () => {
    for (const media of ['ssd', 'nvme', 'emmc'] as const) expect(levelReached(policy, media, 'sata', 'degauss')).toBeNull();
    expect(levelReached(policy, 'hdd', 'sas', 'degauss')).toBe('purge');
  });

  it('NVMe sanitize and crypto erase purge; a format without crypto erase only clears', () => {
    expect(allowedMethods(policy, 'nvme', 'nvme', 'purge')).toEqual(
      expect.arrayContaining(['nvme_sanitize_block_erase', 'nvme_sanitize_crypto_erase']),
    );
    expect(levelReached(policy, 'nvme', 'nvme', 'nvme_format_user_data_erase')).toBe('clear');
  });

  it('physical destruction reaches Destroy on every medium and satisfies any lower level', () => {
    for (const media of ['hdd', 'ssd', 'nvme', 'emmc', 'other'] as const) {
      expect(levelReached(policy, media, 'any', 'shred')).toBe('destroy');
      expect(satisfies(policy, media, 'any', 'shred', 'purge')).toBe(true);
    }
  });

  it('knows no factory reset, and only allows methods listed for the interface', () => {
    expect(levelReached(policy, 'ssd', 'sata', 'factory_reset')).toBeNull();
    expect(levelReached(policy, 'ssd', 'nvme', 'ata_sanitize_block_erase')).toBeNull();
    expect(allowedMethods(policy, 'other', 'usb', 'purge')).toEqual([]);
  });
});
