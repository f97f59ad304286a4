/** Which side a report was handed in for: the supplier's pre-delivery test, the school's sampling, or neither. */
export type ReportSide = 'supplier' | 'purchaser' | 'other';
