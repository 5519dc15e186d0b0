import { z } from "zod";

/** RECORD.md, schemaVersion 2 (2 added quality): the single source of truth for the record's shape. */

export const SCHEMA_VERSION = 2 as const;

const Text = z.string().nullable().describe("cell text: tags removed, NFKC (circled numbers kept), white space folded; empty → null");

export const ChoiceSchema = z.object({
  value: z.string().nullable(),
  option: z.number().int().positive().nullable().describe("1-based number in the form's official list; null when it matches none"),
});

export const BandSchema = ChoiceSchema.extend({
  min: z.number().int().nonnegative().nullable(),
  maxExclusive: z.number().int().positive().nullable(),
});

export const ChecksSchema = z.object({
  checked: z.array(z.string()),
  details: z.record(z.string(), z.string()),
});

export const DateValueSchema = z.object({
  raw: z.string(),
  iso: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable(),
});

export const RecipientSchema = z.object({
  no: z.number().int(),
  name: Text,
  legalBasis: Text,
  purpose: Text,
  info: Text,
  subjectCount: BandSchema.nullable(),
  scope: Text,
  methods: ChecksSchema,
  timing: Text,
});

export const OutsourcingItemSchema = z.object({
  no: z.number().int(),
  title: Text,
  content: Text,
  handlerCount: BandSchema.nullable(),
  contractor: Text,
  subcontracting: z.object({ status: ChoiceSchema.nullable(), permissionMethod: Text, matters: Text }),
});

export const FileSchema = z.object({
  name: Text,
  fileType: ChoiceSchema.nullable(),
  subjects: z.object({ count: BandSchema.nullable(), scope: Text, necessity: Text }),
  items: z.object({ count: BandSchema.nullable(), main: ChecksSchema, rationale: Text }),
  holdingStart: DateValueSchema.nullable(),
  department: Text,
  acquisition: z.object({ sources: ChecksSchema, methods: ChecksSchema }),
  use: z.object({
    purpose: Text,
    departments: Text,
    userCount: BandSchema.nullable(),
    method: Text,
    matching: Text,
    start: DateValueSchema.nullable(),
  }),
  outsourcing: z.object({
    status: ChoiceSchema.nullable(),
    count: z.number().int().nullable(),
    items: z.array(OutsourcingItemSchema),
  }),
  sharing: z.object({
    status: ChecksSchema,
    provisionCount: z.number().int().nullable(),
    transferCount: z.number().int().nullable(),
    provisions: z.array(RecipientSchema),
    transfers: z.array(RecipientSchema),
  }),
  storage: Text,
  notes: Text,
  recordItems: z.array(z.object({ group: z.string().nullable(), items: z.array(z.string()) })),
});

export const RiskSchema = z.object({
  no: z.number().int().nullable(),
  name: z.string(),
  measures: Text,
  rating: ChoiceSchema.nullable(),
  items: z.array(z.object({ label: z.string(), choice: ChoiceSchema.nullable(), text: Text })),
});

export const RiskSectionSchema = z.object({
  no: z.number().int(),
  title: z.string(),
  notApplicable: ChecksSchema,
  risks: z.array(RiskSchema),
  otherMeasures: Text,
});

export const ChangeSchema = z.object({
  date: DateValueSchema.nullable(),
  item: Text,
  before: Text,
  after: Text,
  submission: z.enum(["事前", "事後"]).nullable(),
  explanation: Text,
  page: Text,
  reason: Text,
});

export const WarningSchema = z.object({
  code: z.string(),
  path: z.string(),
  message: z.string(),
  line: z.number().int().nullable(),
  page: z.number().int().nullable(),
});

export const RecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.enum(["text", "html", "pdf"]),
    pages: z.number().int().nullable(),
  }),
  form: z.enum(["kiso", "juten", "zenkomoku", "changes"]),
  header: z.object({
    assessmentNumber: Text,
    title: Text,
    organization: Text,
    publishedOn: DateValueSchema.nullable(),
    declaration: Text,
    specialNotes: Text,
  }),
  organization: z.object({
    name: z.string().nullable(),
    prefecture: z.string().nullable(),
    lgCode: z.string().regex(/^\d{6}$/).nullable(),
    inferredFrom: z.enum(["header", "body"]).nullable(),
  }),
  basic: z
    .object({
      affair: z.object({ name: Text, description: Text, targetPopulation: BandSchema.nullable() }),
      systems: z.array(z.object({ no: z.number().int(), name: Text, functions: Text, connections: ChecksSchema })),
      fileNames: z.array(z.string()),
      numberUseBasis: Text,
      infoLinkage: z.object({ implemented: ChoiceSchema.nullable(), basis: Text }),
      department: z.object({ name: Text, headTitle: Text }),
      otherAssessors: Text,
    })
    .nullable(),
  files: z.array(FileSchema),
  risks: z
    .object({
      sections: z.array(RiskSectionSchema),
      audit: ChecksSchema,
      education: z.object({ rating: ChoiceSchema.nullable(), method: Text }),
      otherMeasures: Text,
    })
    .nullable(),
  disclosure: z
    .object({
      requestTo: Text,
      requestMethod: Text,
      specialProcedure: Text,
      registerOmission: Text,
      contact: Text,
      responseMethod: Text,
      postalCodes: z.array(z.string()),
      phones: z.array(z.string()),
    })
    .nullable(),
  procedure: z
    .object({
      basicAssessmentDate: DateValueSchema.nullable(),
      thresholdResult: ChoiceSchema.nullable(),
      publicComment: z.object({ method: Text, period: Text, opinions: Text }),
      thirdPartyReview: z.object({ date: DateValueSchema.nullable(), method: Text, result: Text }),
    })
    .nullable(),
  changes: z.array(ChangeSchema),
  quality: z
    .object({
      coverage: z.number().min(0).max(1).describe("labelled fields of this form found / expected (the blocks present count)"),
      missing: z.array(z.string()).describe("the form's parts and sections not found, by their printed titles"),
    })
    .describe("how much of its form the extractor found"),
  warnings: z.array(WarningSchema),
});

export type PiaRecord = z.infer<typeof RecordSchema>;
export type Band = z.infer<typeof BandSchema>;
export type FileRecord = z.infer<typeof FileSchema>;
export type Recipient = z.infer<typeof RecipientSchema>;
export type RiskSection = z.infer<typeof RiskSectionSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type Warning = z.infer<typeof WarningSchema>;
