import { z } from 'zod';
import { AGE_BANDS, DANGER_ANSWERS, TOPICS } from '../intake/intake.js';
import { OUTCOMES } from '../records/records.js';
import { APPOINTMENT_MINUTES_RANGE, APPOINTMENT_STATUSES, HANDOFF_KINDS } from '../handoff/handoff.js';
import { AEAD_TAG_BYTES, MAX_CIPHERTEXT_CHARS, MAX_KEY_EPOCH, MAX_MESSAGE_CHARS, MAX_NOTE_BYTES } from './limits.js';
import { visitDetailsSchema } from './visit-schemas.js';

/** Random ids are 16–32 bytes, base64url without padding. */
export const idSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** Binary values travel as base64url without padding (libsodium's default variant). */
export const base64Schema = (maxBytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/)
    .max(Math.ceil((maxBytes * 4) / 3));

/** Bearer secret that lets an anonymous client reconnect to her own consultation. */
export const clientTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const campaignSchema = z.string().regex(/^[a-z0-9-]{1,32}$/);

/** A campaign the admin keeps (`/c/<name>`): its name, the label the report shows, whether it counts now. */
export const campaignSaveSchema = z.strictObject({
  // 'web' (the NPO's own page) and 'other' (a name not on the list) are the report's own.
  name: campaignSchema.refine((n) => n !== 'web' && n !== 'other', 'reserved'),
  label: z.string().trim().min(1).max(40),
  active: z.boolean(),
});

/**
 * A solved ALTCHA challenge (v2): the challenge as the relay signed it, and the counter and key
 * the widget found. Only its shape is checked here; the relay verifies the rest.
 */
export const startProofSchema = z.strictObject({
  challenge: z.strictObject({
    parameters: z.strictObject({
      algorithm: z.string().max(32),
      nonce: z.string().regex(/^[0-9a-f]{1,128}$/),
      salt: z.string().regex(/^[0-9a-f]{1,128}$/),
      cost: z.number().int().positive().max(1_000_000),
      keyLength: z.number().int().positive().max(64),
      keyPrefix: z.string().regex(/^[0-9a-f]{1,128}$/),
      keySignature: z.string().max(256).optional(),
      // `exp`: when it stops working; `max`: how hard the relay made it (checked again when it is used).
      data: z.strictObject({ exp: z.number().int().nonnegative(), max: z.number().int().positive().max(2 ** 32 - 1).optional() }).optional(),
    }),
    signature: z.string().max(256),
  }),
  solution: z.strictObject({
    counter: z.number().int().nonnegative().max(2 ** 32 - 1),
    derivedKey: z.string().regex(/^[0-9a-f]{1,128}$/),
    time: z.number().nonnegative().optional(),
  }),
});

export const consultationStartSchema = z.strictObject({
  campaign: campaignSchema.optional(),
  urgent: z.boolean().optional(),
  /** The proof of work the relay asked for (TSUNAGARI_POW_COUNTER above 0); PROOF_REFUSED without it. */
  proof: startProofSchema.optional(),
});

export const consultationResumeSchema = z.strictObject({
  consultationId: idSchema,
  clientToken: clientTokenSchema,
});

export const consultationRefSchema = z.strictObject({
  consultationId: idSchema,
});

/** A key epoch: 0 for a consultation's first session key, one more at each re-key. */
export const keyEpochSchema = z.number().int().min(0).max(MAX_KEY_EPOCH);

/**
 * Session keys sealed to one staff member, one per key epoch (each epoch at most once): the
 * current one, and the older ones she needs to read the history.
 */
export const sealedEpochKeysSchema = z
  .array(
    z.strictObject({
      keyEpoch: keyEpochSchema,
      /** crypto_box_seal of the 32-byte session key: 32 + 48 bytes. */
      sealedKey: base64Schema(80).min(100),
    }),
  )
  .min(1)
  .max(MAX_KEY_EPOCH + 1)
  .refine((keys) => new Set(keys.map((k) => k.keyEpoch)).size === keys.length, 'each key epoch at most once');

export const keyGrantSchema = z.strictObject({
  consultationId: idSchema,
  staffId: idSchema,
  sealedKeys: sealedEpochKeysSchema,
});

export const envelopeSchema = z.strictObject({
  consultationId: idSchema,
  /** The key epoch whose session key sealed it; bound into the associated data. */
  keyEpoch: keyEpochSchema,
  /** Per-sender sequence number within the key epoch, from 1; bound into the associated data. */
  seq: z.number().int().min(1).max(1_000_000),
  /** XChaCha20-Poly1305 nonce, 24 bytes. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  /** Sealed body; its cap follows the widget's largest message (MAX_BODY_BYTES). */
  ciphertext: z.string().regex(/^[A-Za-z0-9_-]*$/).min(22).max(MAX_CIPHERTEXT_CHARS),
});

export const messageListSchema = z.strictObject({
  consultationId: idSchema,
  afterId: z.number().int().min(0).optional(),
});

export const emptySchema = z.strictObject({});

export const resumeCreateSchema = z.strictObject({
  consultationId: idSchema,
  /** 32-byte lookup value derived from the code; the server stores only its hash. */
  lookup: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /**
   * Every key epoch's session key (epoch 0 first, 32 bytes each), wrapped under the code's wrap
   * key: 24-byte nonce + 32 × epochs + 16 bytes, so 96 characters for one epoch, 2784 for 64.
   */
  wrappedKey: z.string().regex(/^[A-Za-z0-9_-]{96,2784}$/),
});

export const resumeOpenSchema = z.strictObject({
  lookup: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/** Counselor: her own routing status (offline is what the server sets when she has no socket). */
export const staffStatusSchema = z.strictObject({
  status: z.enum(['available', 'away']),
});

/** Supervisor or admin: how many chats a counselor may hold at once. */
export const staffCapacitySchema = z.strictObject({
  staffId: idSchema,
  capacity: z.number().int().min(1).max(10),
});

/** A handover note, encrypted under the session key (AEAD, its own associated data). */
export const handoverNoteSchema = z.strictObject({
  nonce: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  ciphertext: base64Schema(MAX_NOTE_BYTES + AEAD_TAG_BYTES).min(22),
});

/** Counselor: hand a consultation to a named counselor, or back to the queue (no `toStaffId`). */
export const consultationTransferSchema = z.strictObject({
  consultationId: idSchema,
  toStaffId: idSchema.optional(),
  /**
   * The session keys of every epoch the handing-over console holds, sealed to the receiver (after
   * it verified her statement), so she can read the history; her widget re-keys when it is online.
   */
  sealedKeys: sealedEpochKeysSchema.optional(),
  note: handoverNoteSchema.optional(),
});

/** Counselor: she has read this chat up to a message id. */
export const consultationReadSchema = z.strictObject({
  consultationId: idSchema,
  lastReadId: z.number().int().min(0),
});

/** Client or counselor: typing started or stopped. */
export const typingSetSchema = z.strictObject({
  consultationId: idSchema,
  typing: z.boolean(),
});

/** The topics of a case record or a case-log entry: 1–5 from the closed list, none twice. */
export const recordTopicsSchema = z
  .array(z.enum(TOPICS))
  .min(1)
  .max(5)
  .refine((topics) => new Set(topics).size === topics.length, 'topics must not repeat');

/**
 * Counselor: the case record of a consultation she held (topics, outcome, her age band if known),
 * for the program's report. Recording again replaces it.
 */
export const consultationRecordSchema = z.strictObject({
  consultationId: idSchema,
  topics: recordTopicsSchema,
  outcome: z.enum(OUTCOMES),
  ageBand: z.enum(AGE_BANDS).optional(),
});

/** Supervisor or admin: the report of one fiscal year (the year it starts in). */
export const reportYearSchema = z.strictObject({
  fiscalYear: z.number().int().min(2020).max(2100),
});

/** A reservation code as she reads it out: 6 characters of RESERVATION_CODE_ALPHABET. */
export const reservationCodeSchema = z.string().regex(/^[2-9A-HJKMNP-Z]{6}$/);

/**
 * Counselor: book a hand-off for the chat she holds (active). The server checks the time is ahead
 * and within MAX_BOOKING_AHEAD_DAYS, and makes the reservation code.
 */
export const handoffBookSchema = z.strictObject({
  consultationId: idSchema,
  kind: z.enum(HANDOFF_KINDS),
  startsAt: z.iso.datetime({ offset: true }),
  /** How long (default DEFAULT_APPOINTMENT_MINUTES): the calendar keeps one counselor's bookings from overlapping. */
  minutes: z
    .number()
    .int()
    .min(APPOINTMENT_MINUTES_RANGE.min)
    .max(APPOINTMENT_MINUTES_RANGE.max)
    .multipleOf(5)
    .optional(),
  /** She saw the warning that interviews are on the program's interview day, and books another day anyway. */
  offDayConfirmed: z.boolean().optional(),
});

/** Staff: find an appointment by the code she quotes (phone desk). Lower case is read as upper. */
export const appointmentFindSchema = z.strictObject({
  code: z.string().min(6).max(6).transform((c) => c.toUpperCase()).pipe(reservationCodeSchema),
});

/**
 * Staff: mark an appointment done, not attended, cancelled (or booked again). Marking a home visit
 * or accompaniment done carries how it went (`visit`); no other change may carry it.
 */
export const appointmentStatusSchema = z
  .strictObject({
    appointmentId: idSchema,
    status: z.enum(APPOINTMENT_STATUSES),
    visit: visitDetailsSchema.optional(),
  })
  .refine((p) => p.visit === undefined || p.status === 'done', { message: 'visit details only with done', path: ['visit'] });

/**
 * When the sender wrote a message, by her own device's clock (`Date#toISOString`), inside the
 * ciphertext: the relay keeps only the order (issue 15). Optional because bodies sealed before it
 * existed carry none, and those show no time rather than an invented one.
 */
const writtenAtSchema = z.iso.datetime({ precision: 3 }).optional();

/** The plaintext inside an envelope, checked by the receiving browser after decryption. */
export const messageBodySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    text: z.string().min(1).max(MAX_MESSAGE_CHARS),
    writtenAt: writtenAtSchema,
  }),
  /** Her intake answers (none, some or all), sent encrypted so that only the counselor learns them. */
  z.strictObject({
    kind: z.literal('intake'),
    ageBand: z.enum(AGE_BANDS).optional(),
    topics: z.array(z.enum(TOPICS)).max(TOPICS.length).optional(),
    danger: z.enum(DANGER_ANSWERS).optional(),
    writtenAt: writtenAtSchema,
  }),
]);

export type ConsultationStartPayload = z.infer<typeof consultationStartSchema>;
export type StartProof = z.infer<typeof startProofSchema>;
export type CampaignSavePayload = z.infer<typeof campaignSaveSchema>;
export type ConsultationResumePayload = z.infer<typeof consultationResumeSchema>;
export type ConsultationRef = z.infer<typeof consultationRefSchema>;
export type KeyGrantPayload = z.infer<typeof keyGrantSchema>;
export type EnvelopePayload = z.infer<typeof envelopeSchema>;
export type MessageListPayload = z.infer<typeof messageListSchema>;
export type EmptyPayload = z.infer<typeof emptySchema>;
export type MessageBody = z.infer<typeof messageBodySchema>;
export type ResumeCreatePayload = z.infer<typeof resumeCreateSchema>;
export type ResumeOpenPayload = z.infer<typeof resumeOpenSchema>;
export type StaffStatusPayload = z.infer<typeof staffStatusSchema>;
export type StaffCapacityPayload = z.infer<typeof staffCapacitySchema>;
export type HandoverNotePayload = z.infer<typeof handoverNoteSchema>;
export type ConsultationTransferPayload = z.infer<typeof consultationTransferSchema>;
export type ConsultationReadPayload = z.infer<typeof consultationReadSchema>;
export type TypingSetPayload = z.infer<typeof typingSetSchema>;
export type ConsultationRecordPayload = z.infer<typeof consultationRecordSchema>;
export type ReportYearPayload = z.infer<typeof reportYearSchema>;
export type HandoffBookPayload = z.infer<typeof handoffBookSchema>;
export type AppointmentFindPayload = z.input<typeof appointmentFindSchema>;
export type AppointmentStatusPayload = z.infer<typeof appointmentStatusSchema>;
