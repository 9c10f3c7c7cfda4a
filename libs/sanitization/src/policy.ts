/**
 * Which sanitization methods reach which NIST SP 800-88 level, per media type and interface — versioned data.
 * NIST SP 800-88 Rev. 2 delegates technique detail to IEEE 2883-2022; this default follows that guidance:
 * ATA Secure Erase is only Clear on flash, degaussing is never allowed on flash, a factory reset is no method.
 */
export const LEVELS = ['clear', 'purge', 'destroy'] as const;
export type Level = (typeof LEVELS)[number];
export type MediaType = 'hdd' | 'ssd' | 'nvme' | 'emmc' | 'other';

export interface PolicyRule {
  mediaType: MediaType;
  /** An interface (sata, sas, nvme, usb, emmc…), or '*' for any. */
  interface: string;
  level: Level;
  methods: string[];
}

export interface SanitizationPolicy {
  id: string;
  version: number;
  rules: PolicyRule[];
}

const DESTROY = ['shred', 'disintegrate', 'pulverize', 'incinerate'];
const ALL_MEDIA: MediaType[] = ['hdd', 'ssd', 'nvme', 'emmc', 'other'];

export const DEFAULT_POLICY: SanitizationPolicy = {
  id: 'nist-800-88r2-ieee-2883',
  version: 1,
  rules: [
    { mediaType: 'hdd', interface: '*', level: 'clear', methods: ['overwrite'] },
    {
      mediaType: 'hdd',
      interface: 'sata',
      level: 'purge',
      methods: ['ata_sanitize_overwrite', 'ata_sanitize_crypto_erase', 'ata_secure_erase', 'degauss'],
    },
    { mediaType: 'hdd', interface: 'sas', level: 'purge', methods: ['sas_sanitize_overwrite', 'sas_sanitize_crypto_erase', 'degauss'] },
    { mediaType: 'ssd', interface: '*', level: 'clear', methods: ['overwrite', 'ata_secure_erase'] },
    { mediaType: 'ssd', interface: 'sata', level: 'purge', methods: ['ata_sanitize_block_erase', 'ata_sanitize_crypto_erase'] },
    { mediaType: 'ssd', interface: 'sas', level: 'purge', methods: ['sas_sanitize_block_erase', 'sas_sanitize_crypto_erase'] },
    { mediaType: 'nvme', interface: '*', level: 'clear', methods: ['overwrite', 'nvme_format_user_data_erase'] },
    {
      mediaType: 'nvme',
      interface: '*',
      level: 'purge',
      methods: ['nvme_sanitize_block_erase', 'nvme_sanitize_crypto_erase', 'nvme_sanitize_overwrite', 'nvme_format_crypto_erase'],
    },
    { mediaType: 'emmc', interface: '*', level: 'clear', methods: ['overwrite', 'emmc_erase'] },
    { mediaType: 'emmc', interface: '*', level: 'purge', methods: ['emmc_sanitize'] },
    { mediaType: 'other', interface: '*', level: 'clear', methods: ['overwrite'] },
    ...ALL_MEDIA.map((mediaType) => ({ mediaType, interface: '*', level: 'destroy' as const, methods: DESTROY })),
  ],
};

const rank = (level: Level) => LEVELS.indexOf(level);

/** The methods that reach exactly this level for a medium. */
export function allowedMethods(policy: SanitizationPolicy, mediaType: MediaType, iface: string, level: Level): string[] {
  return [
    ...new Set(
      policy.rules
        .filter((r) => r.mediaType === mediaType && (r.interface === '*' || r.interface === iface) && r.level === level)
        .flatMap((r) => r.methods),
    ),
  ];
}

/** The highest level a method reaches on this medium, or null when the policy does not allow it there at all. */
export function levelReached(policy: SanitizationPolicy, mediaType: MediaType, iface: string, method: string): Level | null {
  const levels = LEVELS.filter((level) => allowedMethods(policy, mediaType, iface, level).includes(method));
  return levels.length ? levels.reduce((best, l) => (rank(l) > rank(best) ? l : best)) : null;
}

/** Whether a level reached meets a required one (a higher level meets a lower one; nothing meets none). */
export const meetsLevel = (reached: Level | null | undefined, required: Level): boolean =>
  reached != null && rank(reached) >= rank(required);

/** Whether a method, on this medium, satisfies a required level (a higher level satisfies a lower one). */
export function satisfies(policy: SanitizationPolicy, mediaType: MediaType, iface: string, method: string, required: Level): boolean {
  return meetsLevel(levelReached(policy, mediaType, iface, method), required);
}
