/** 张三丰 → 张**: the first character, then one * for each further character (at least one). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + "*".repeat(Math.max(1, chars.length - 1));
}
