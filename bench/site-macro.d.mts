export function siteMacro(lines?: number): string;
