export function longMacro(lines: number, conditions?: number): string;
