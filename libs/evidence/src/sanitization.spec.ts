import type { TrailEntry } from '@recert/audit';
import { initialContext } from '@recert/lifecycle';
import type { SanitizeEvent, UnitContext, ValidateSanitizationEvent } from '@recert/lifecycle';
import { DEFAULT_POLICY } from '@recert/sanitization';
import type { MediumFacts } from './facts';
import { judgeDestruction, judgeSanitize, judgeValidation, SanitizeFacts } from './sanitization';

const POLICY = `${DEFAULT_POLICY.id}@${DEFAULT_POLICY.version}`; // nist-800-88r2-ieee-2883@1
const SSD: MediumFacts = { serial: 'S1', mediaType: 'ssd', interface: 'sata', capacityGb: 512 };
const HDD: MediumFacts = { serial: 'H1', mediaType: 'hdd', interface: 'sata', capacityGb: 1000 };
const USB: MediumFacts = { serial: 'U1', mediaType: 'other', interface: 'usb', capacityGb: 32 };
const HOST = 'PF1ABCDE';

const neverAttempted = initialContext({ mediaSerials: ['S1', 'H1', 'U1'] });
const entry = (seq: number, payload: Record<string, unknown>, userId = 'operator'): TrailEntry => ({
  seq,
  eventType: 'SANITIZE',
  payload,
  userId,
  occurredAt: '2026-11-23T10:00:00.000Z',
});
const facts = (overrides: Partial<SanitizeFacts> = {}): SanitizeFacts => ({
  media: [SSD, HDD, USB],
  hostSerial: HOST,
  context: neverAttempted,
  earlierSanitizations: [],
  ...overrides,
});
const sanitize = (mediumSerial: string, level: 'clear' | 'purge', method: string): SanitizeEvent => ({
  type: 'SANITIZE',
  mediumSerial,
  level,
  method,
  result: 'pass',
});

describe('SANITIZE', () => {
  it('stores the level the method reaches, the policy it was judged under and the medium it ran on', () => {
    expect(judgeSanitize(facts(), sanitize('S1', 'purge', 'ata_sanitize_crypto_erase'))).toEqual({
      ok: true,
      event: {
        type: 'SANITIZE',
        mediumSerial: 'S1',
        method: 'ata_sanitize_crypto_erase',
        result: 'pass',
        targetLevel: 'purge',
        level: 'purge',
        policy: POLICY,
        medium: { type: 'ssd', class: 'flash', interface: 'sata', capacityGb: 512, hostSerial: HOST },
      },
      evidence: { levelReached: 'purge', policy: POLICY },
    });
  });

  it('records a method that reaches more than was aimed at with the level it reaches', () => {
    // on a SATA hard disk ATA Secure Erase is Purge (only Clear on flash), so aiming at Clear stores Purge
    const judgement = judgeSanitize(facts(), sanitize('H1', 'clear', 'ata_secure_erase'));
    expect(judgement).toMatchObject({
      ok: true,
      event: { targetLevel: 'clear', level: 'purge', medium: { class: 'magnetic' } },
      evidence: { levelReached: 'purge' },
    });
  });

  it('refuses a medium the unit does not have, naming the media it has (medium-unknown)', () => {
    expect(judgeSanitize(facts(), sanitize('X9', 'purge', 'overwrite'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The unit has no medium X9.',
      reasons: [{ code: 'medium-unknown', message: 'media of this unit: S1, H1, U1', field: 'mediumSerial', allowed: ['S1', 'H1', 'U1'] }],
    });
    expect(judgeSanitize(facts({ media: [] }), sanitize('X9', 'purge', 'overwrite'))).toMatchObject({
      reasons: [{ code: 'medium-unknown', message: 'media of this unit: none' }],
    });
  });

  it('sends a destruction method to DESTROY_MEDIA (destruction-is-not-sanitize)', () => {
    expect(judgeSanitize(facts(), sanitize('S1', 'purge', 'shred'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'The sanitization of S1 does not meet the policy.',
      reasons: [{ code: 'destruction-is-not-sanitize', message: 'shred destroys the medium: record it with DESTROY_MEDIA' }],
    });
  });

  it('refuses a method that reaches only Clear when Purge is aimed at, listing the Purge methods (method-not-allowed)', () => {
    // ATA Secure Erase on a SATA SSD: Clear only (IEEE 2883), so Purge needs an ATA Sanitize method
    expect(judgeSanitize(facts(), sanitize('S1', 'purge', 'ata_secure_erase'))).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'method-not-allowed',
          message: `ata_secure_erase does not reach purge on ssd/sata under ${POLICY}; allowed: ata_sanitize_block_erase, ata_sanitize_crypto_erase`,
        },
      ],
    });
  });

  it('refuses degaussing flash, and says when only destruction is left (method-not-allowed)', () => {
    expect(judgeSanitize(facts(), sanitize('S1', 'clear', 'degauss'))).toMatchObject({
      reasons: [
        {
          code: 'method-not-allowed',
          message: `degauss does not reach clear on ssd/sata under ${POLICY}; allowed: overwrite, ata_secure_erase`,
        },
      ],
    });
    // the policy has no Purge method for an "other" medium
    expect(judgeSanitize(facts(), sanitize('U1', 'purge', 'overwrite'))).toMatchObject({
      reasons: [
        {
          code: 'method-not-allowed',
          message: `overwrite does not reach purge on other/usb under ${POLICY}; allowed: none (destroy the medium)`,
        },
      ],
    });
  });

  it('refuses a method that already failed on the medium, but lets another allowed method retry (method-failed-before)', () => {
    const context: UnitContext = { ...neverAttempted, media: [{ serial: 'S1', status: 'failed', level: 'purge', attempts: 1 }] };
    const earlierSanitizations = [entry(4, { mediumSerial: 'S1', method: 'ata_sanitize_crypto_erase', result: 'fail' })];
    expect(judgeSanitize(facts({ context, earlierSanitizations }), sanitize('S1', 'purge', 'ata_sanitize_crypto_erase'))).toMatchObject({
      ok: false,
      reasons: [
        {
          code: 'method-failed-before',
          message: 'ata_sanitize_crypto_erase already failed on S1: retry with another allowed method, or destroy the medium',
        },
      ],
    });
    expect(judgeSanitize(facts({ context, earlierSanitizations }), sanitize('S1', 'purge', 'ata_sanitize_block_erase'))).toMatchObject({
      ok: true,
    });
  });

  it('a failed wipe reaches no level: stored and answered as null, the level aimed at kept as targetLevel', () => {
    // ata_sanitize_crypto_erase would reach purge on a SATA SSD, but the operation failed: nothing was reached.
    const failed = { ...sanitize('S1', 'purge', 'ata_sanitize_crypto_erase'), result: 'fail' as const };
    expect(judgeSanitize(facts(), failed)).toMatchObject({
      ok: true,
      event: { result: 'fail', targetLevel: 'purge', level: null },
      evidence: { levelReached: null, policy: POLICY },
    });
  });

  it('a failed validation is a failure of the validated wipe’s method on that medium (method-failed-before)', () => {
    // Entry 4 wiped S1 with crypto erase (pass); entry 5 failed to validate it: crypto erase failed on S1, block erase did not.
    const context: UnitContext = { ...neverAttempted, media: [{ serial: 'S1', status: 'failed', level: 'purge', attempts: 1 }] };
    const validation: TrailEntry = {
      seq: 5,
      eventType: 'VALIDATE_SANITIZATION',
      payload: { mediumSerial: 'S1', method: 'full', result: 'fail', sanitizationSeq: 4 },
      userId: 'qa',
      occurredAt: '2026-11-23T11:00:00.000Z',
    };
    const earlierSanitizations = [entry(4, { mediumSerial: 'S1', method: 'ata_sanitize_crypto_erase', result: 'pass' }), validation];
    expect(judgeSanitize(facts({ context, earlierSanitizations }), sanitize('S1', 'purge', 'ata_sanitize_crypto_erase'))).toMatchObject({
      ok: false,
      reasons: [{ code: 'method-failed-before' }],
    });
    expect(judgeSanitize(facts({ context, earlierSanitizations }), sanitize('S1', 'purge', 'ata_sanitize_block_erase'))).toMatchObject({
      ok: true,
    });
    // A passed validation is no failure: the same method may run again (e.g. after a new medium state).
    const passed = [earlierSanitizations[0], { ...validation, payload: { ...validation.payload, result: 'pass' } }];
    expect(
      judgeSanitize(facts({ context, earlierSanitizations: passed }), sanitize('S1', 'purge', 'ata_sanitize_crypto_erase')),
    ).toMatchObject({ ok: true });
  });
});

describe('VALIDATE_SANITIZATION', () => {
  const wipes = [
    entry(4, { mediumSerial: 'S1', method: 'ata_sanitize_crypto_erase', result: 'fail' }, 'operator-a'),
    entry(5, { mediumSerial: 'H1', method: 'degauss', result: 'pass' }, 'operator-a'),
    entry(7, { mediumSerial: 'S1', method: 'ata_sanitize_block_erase', result: 'pass' }, 'operator-b'),
  ];
  const validate = (mediumSerial: string, result?: 'pass' | 'fail'): ValidateSanitizationEvent => ({
    type: 'VALIDATE_SANITIZATION',
    mediumSerial,
    method: 'read-back',
    ...(result ? { result } : {}),
  });

  it('links the validation to the medium’s latest wipe and passes by default', () => {
    // S1 was wiped at entries 4 and 7: the validation checks entry 7
    expect(judgeValidation({ sanitizations: wipes, validatorUserId: 'operator-a' }, validate('S1'))).toEqual({
      ok: true,
      event: { type: 'VALIDATE_SANITIZATION', mediumSerial: 'S1', method: 'read-back', result: 'pass', sanitizationSeq: 7 },
    });
    expect(judgeValidation({ sanitizations: [], validatorUserId: 'qa' }, validate('S1', 'fail'))).toMatchObject({
      event: { result: 'fail', sanitizationSeq: null, level: null },
    });
  });

  it('refuses a validation by the person who ran the latest wipe (validator-is-operator)', () => {
    expect(judgeValidation({ sanitizations: wipes, validatorUserId: 'operator-b' }, validate('S1'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'A sanitization is validated by a different person than its operator.',
      reasons: [{ code: 'validator-is-operator', message: 'you sanitized S1 (entry 7); another person must validate it' }],
    });
  });
});

describe('DESTROY_MEDIA', () => {
  const destroy = (mediumSerial: string, method: string) => ({
    type: 'DESTROY_MEDIA' as const,
    mediumSerial,
    method,
    witness: 'w',
    evidenceReference: 'photo-1',
  });

  it('stores the destroy level, the policy and the medium destroyed', () => {
    expect(judgeDestruction({ media: [HDD], hostSerial: HOST }, destroy('H1', 'shred'))).toEqual({
      ok: true,
      event: {
        ...destroy('H1', 'shred'),
        level: 'destroy',
        policy: POLICY,
        medium: { type: 'hdd', class: 'magnetic', interface: 'sata', capacityGb: 1000, hostSerial: HOST },
      },
    });
  });

  it('refuses a method that only purges, listing the destruction methods (method-not-allowed)', () => {
    expect(judgeDestruction({ media: [HDD], hostSerial: HOST }, destroy('H1', 'degauss'))).toEqual({
      ok: false,
      refusal: 'evidence-rejected',
      detail: 'degauss is not a destruction method.',
      reasons: [
        {
          code: 'method-not-allowed',
          message: 'destruction methods: shred, disintegrate, pulverize, incinerate',
          field: 'method',
          allowed: ['shred', 'disintegrate', 'pulverize', 'incinerate'],
        },
      ],
    });
  });

  it('refuses a medium the unit does not have (medium-unknown)', () => {
    expect(judgeDestruction({ media: [HDD], hostSerial: HOST }, destroy('S1', 'shred'))).toMatchObject({
      reasons: [{ code: 'medium-unknown', message: 'media of this unit: H1' }],
    });
  });
});
