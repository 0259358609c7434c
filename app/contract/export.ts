/**
 * Shapes of the export channel: export:decisions writes the POD decision workbook (sheets Decisions,
 * Evidence, Rules, Cost) or the CSV of the Decisions sheet.
 *
 * Invariants:
 * - The renderer never names a folder: in browser mode the host writes to `<data folder>/exports/`
 *   (`fileName` is a bare file name, no path separators); in the desktop app main asks the user with a
 *   save dialog. The answer says where the file went (`path`), or `cancelled` when the dialog was dismissed.
 * - A file is written completely or not at all (temp file in the target folder, then rename); a folder
 *   that is not writable or a file open elsewhere is a `bad_input` error with a hint, never a partial file.
 * - `status` filters on the decision state the review screen shows (automatic outcome or the analyst's word).
 */
import { z } from 'zod';
import { decisionStateSchema } from './decisions';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);

/** A bare file name ending in .xlsx or .csv: no folder, no characters Windows refuses in names. */
const FILE_NAME = /^[^/\\:*?"<>|]{1,150}\.(xlsx|csv)$/i;
const hasControlChar = (s: string) => [...s].some((c) => c.charCodeAt(0) < 32);

export const exportDecisionsInputSchema = z
  .strictObject({
    tenant: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).optional(),
    status: z.array(decisionStateSchema).min(1).max(5).optional(),
    format: exportFormatSchema.optional(),
    fileName: z.string().regex(FILE_NAME, 'a file name ending in .xlsx or .csv, without a folder').refine((s) => !hasControlChar(s), 'no control characters').optional(),
  })
  .optional()
  .refine((v) => !v?.fileName || !v.format || v.fileName.toLowerCase().endsWith(`.${v.format}`), { message: 'fileName must end in the format\'s extension' })
  .transform((v) => ({
    tenant: v?.tenant,
    status: v?.status,
    format: v?.format ?? (v?.fileName?.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'),
    fileName: v?.fileName,
  }));

export const exportSheetSchema = z.object({ name: z.string(), rows: z.number().int().nonnegative() });

export const exportDecisionsOutputSchema = z.object({
  /** the save dialog was dismissed: nothing written */
  cancelled: z.boolean(),
  /** absolute path of the written file (null when cancelled) */
  path: z.string().nullable(),
  format: exportFormatSchema,
  tenant: z.string(),
  /** rows of the Decisions sheet (= ACE opportunities exported) */
  rows: z.number().int().nonnegative(),
  sheets: z.array(exportSheetSchema),
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
});

export type ExportFormat = z.infer<typeof exportFormatSchema>;
export type ExportDecisionsResult = z.infer<typeof exportDecisionsOutputSchema>;
