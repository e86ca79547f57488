import type { ReportLang } from './strings';

/** Escapes text for HTML element content and attribute values. */
export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Number formatting in the report's language. */
export interface NumberFormat {
  /** Whole number with digit grouping (`12,345`). */
  int(x: number): string;
  /** Fixed decimals. */
  fixed(x: number | null, digits: number): string;
  /** A share as a percentage with one decimal (`34.7%`); `—` for null. */
  pct(x: number | null | undefined): string;
}

/**
 * Number formatting for the report's language.
 *
 * @param lang - `en` or `zh` (both group digits by thousands).
 * @returns The formatters.
 *
 * @example
 * numberFormat('en').int(12345); // '12,345'
 */
export function numberFormat(lang: ReportLang): NumberFormat {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  return {
    int: (x) => Math.round(x).toLocaleString(locale),
    fixed: (x, d) =>
      x === null || !Number.isFinite(x)
        ? '—'
        : x.toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d }),
    pct: (x) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}%`),
  };
}
