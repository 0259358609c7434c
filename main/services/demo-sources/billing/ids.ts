/** Fixed ids of the billing half's reference rows (accounts, journals, taxes, …) shared by the writers. */

export const ACCOUNT = {
  receivable: 1, payable: 2, productSales: 3, awsRevenue: 4, servicesRevenue: 5, managedRevenue: 6, awsCost: 7,
  taxPayable: 8, taxReceivable: 9, bank: 10, accruedAws: 11, fxGain: 12, fxLoss: 13,
} as const;

export const JOURNAL = { sale: 1, purchase: 2, misc: 3, exchange: 4, bank: 5 } as const;
export const TAX_GROUP = { vat19: 1, vat0: 2 } as const;
export const TAX = { sale19: 1, saleEu0: 2, saleExport0: 3, purchase19: 4, purchaseEu0: 5 } as const;
export const FISCAL_POSITION = { domestic: 1, intraEu: 2, nonEu: 3 } as const;
export const PAYMENT_TERM: Record<number, number> = { 0: 1, 15: 2, 30: 3, 45: 4 };
export const ANALYTIC_PLAN = { customers: 1 } as const;
