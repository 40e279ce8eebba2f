// The date ranges city staff pick: presets on Shenzhen's calendar (the hub's one date helper).
import { addDays, today } from "../../runtime/dates";

export interface Range {
  from: string;
  to: string;
}

export const PRESETS = ["本月", "本季度", "本年", "近12个月"] as const;
export type Preset = (typeof PRESETS)[number];

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;

export function presetRange(preset: Preset, now = new Date()): Range {
  const to = today(now);
  const year = Number(to.slice(0, 4));
  const month = Number(to.slice(5, 7));
  switch (preset) {
    case "本月":
      return { from: monthStart(year, month), to };
    case "本季度":
      return { from: monthStart(year, Math.floor((month - 1) / 3) * 3 + 1), to };
    case "本年":
      return { from: `${year}-01-01`, to };
    case "近12个月": {
      const back = month - 11;
      return { from: back >= 1 ? monthStart(year, back) : monthStart(year - 1, back + 12), to };
    }
  }
}

/** A problem with a range the user typed, in Chinese, or null. */
export function rangeProblem(range: Range): string | null {
  if (!range.from || !range.to) return "请选择开始和结束日期";
  if (range.from > range.to) return "开始日期不能晚于结束日期";
  if (range.from < addDays(range.to, -3652)) return "日期范围不能超过10年";
  return null;
}
