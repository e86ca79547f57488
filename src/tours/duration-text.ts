/**
 * A duration as a planner reads it: whole minutes under an hour (`25 min`, `25 分钟`; `under 1
 * min` below half a minute), hours with one decimal from an hour on (`1.4 h`, `1.4 小时`). A
 * short round trip read `0.0 h` before.
 *
 * @param minutes - The duration in minutes.
 * @param lang - `en` (default) or `zh`.
 * @returns The text.
 * @example
 * durationText(25); // '25 min'
 * durationText(84, 'zh'); // '1.4 小时'
 */
export function durationText(minutes: number, lang: 'en' | 'zh' = 'en'): string {
  const m = Math.round(minutes);
  if (m < 1) return lang === 'zh' ? '不到 1 分钟' : 'under 1 min';
  if (m < 60) return lang === 'zh' ? `${m} 分钟` : `${m} min`;
  const h = (minutes / 60).toFixed(1);
  return lang === 'zh' ? `${h} 小时` : `${h} h`;
}
