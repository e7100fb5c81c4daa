import { useEffect, useRef, useState } from "react";

/**
 * A form that asks for a one-time code after a first step. The code step replaces the fields the user was typing
 * in, so focus moves to `codeInput`, the one now expected.
 */
export function useCodeStep() {
  const [askingCode, setAskingCode] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (askingCode) codeInput.current?.focus();
  }, [askingCode]);
  return { askingCode, setAskingCode, codeInput };
}
