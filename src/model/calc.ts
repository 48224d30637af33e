/**
 * Integer arithmetic as `(calc …)` and `&set` evaluate it: `+`, `-`, `*`, `/` (truncating), `mod`, unary minus and
 * parentheses over decimal integers. Anything else is not arithmetic, and yields undefined.
 */
export function integerValue(text: string): number | undefined {
  const tokens = text.match(/\d+|mod\b|[-+*/()]|\S+/gi) ?? [];
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const sum = (): number | undefined => {
    let value = product();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const operator = tokens[at++];
      const right = product();
      value = right === undefined ? undefined : operator === '+' ? value + right : value - right;
    }
    return value;
  };
  const product = (): number | undefined => {
    let value = unary();
    while (value !== undefined && (peek() === '*' || peek() === '/' || peek() === 'mod')) {
      const operator = peek();
      at++;
      const right = unary();
      if (right === undefined || (operator !== '*' && right === 0)) return undefined;
      value = operator === '*' ? value * right : operator === '/' ? Math.trunc(value / right) : value % right;
    }
    return value;
  };
  const unary = (): number | undefined => {
    if (peek() === '-') {
      at++;
      const value = unary();
      return value === undefined ? undefined : -value;
    }
    if (peek() === '+') at++;
    if (peek() === '(') {
      at++;
      const value = sum();
      if (peek() !== ')') return undefined;
      at++;
      return value;
    }
    const token = tokens[at];
    if (token === undefined || !/^\d+$/.test(token)) return undefined;
    at++;
    return Number(token);
  };
  if (tokens.length === 0 || tokens.length > 1000) return undefined;
  const value = sum();
  return at === tokens.length && value !== undefined && Number.isSafeInteger(value) ? value : undefined;
}

/** The text with each `(calc …)` whose expression is integer arithmetic replaced by its value. */
export function evaluateCalc(text: string): string {
  return text.replace(/\(\s*calc\s+([^()]*(?:\([^()]*\)[^()]*)*)\)/gi, (call, expression: string) => {
    const value = integerValue(expression);
    return value === undefined ? call : String(value);
  });
}
