// Placeholder page, replaced by its feature in this issue.
export function Component() {
  return null;
}
