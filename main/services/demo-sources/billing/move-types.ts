/** The plan of one account_move (header facts decided before any line is generated). */
import type { BillingCustomer, ServiceOrder } from '../universe-types';
import type { BillSummary } from './bill-plan';
import type { IsoDate, Month } from './calendar';
import type { SppSums } from './cur-write';
import type { InvoiceCurrency } from './fx';
import type { TaxRule } from './tax-rules';

export type MoveType = 'out_invoice' | 'out_refund' | 'in_invoice' | 'entry';
export type MoveState = 'draft' | 'posted' | 'cancel';

export type ServiceLinePlan = { productId: number; accountId: number; uomId: number; name: string; qty: number; priceUnitCents: number; subtotalCents: number };
export type EntryLinePlan = { accountId: number; name: string; balanceCents: number };

export type MoveSource =
  /** detailed AWS invoice of a staging bill; `linked` false = invoice of a cancelled bill (invoice_without_bill) */
  | { kind: 'aws'; bill: BillSummary; linked: boolean }
  | { kind: 'lump'; bill: BillSummary }
  | { kind: 'credit_note'; original: MovePlan; fraction: number; full: boolean }
  | { kind: 'vendor'; payer: string; m: number; sums: SppSums; awsInvoiceId: string }
  | { kind: 'entry'; label: string; lines: EntryLinePlan[] }
  | { kind: 'service'; order: ServiceOrder; lines: ServiceLinePlan[] };

export type MovePlan = {
  key: string;
  source: MoveSource;
  moveType: MoveType;
  journalId: number;
  partnerId: number | null;
  customer: BillingCustomer | null;
  currency: InvoiceCurrency;
  invoiceDate: IsoDate | null;
  date: IsoDate;
  dueDate: IsoDate | null;
  state: MoveState;
  createTs: string;
  /** when the move was cancelled (state cancel) */
  cancelTs: string | null;
  createUid: number;
  ref: string | null;
  origin: string | null;
  narration: string | null;
  billId: number | null;
  period: Month | null;
  tax: TaxRule;
  paymentTermId: number | null;
  userId: number | null;
  teamId: number | null;
  paymentRoll: number;
  partialFraction: number;
  payDelayDays: number;
  reversedEntry: MovePlan | null;
  reversedBy: MovePlan | null;
  // Assigned by `finalizeMoves`:
  id: number;
  name: string;
  paymentState: string;
  writeTs: string;
};
