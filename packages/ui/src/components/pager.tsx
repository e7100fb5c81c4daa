/** The texts of a pager, each already in the page's language. */
export type PagerTexts = {
  /** The navigation landmark's name ("Pages of requests"). */
  label: string;
  showing: (range: { from: number; to: number; total: number }) => string;
  /** Said on a page past the last one (rows went away meanwhile); nothing is said without it. */
  past?: (total: number) => string;
  previous: string;
  next: string;
};

/**
 * Previous and next page of a paged list, with where this page is in the whole. Hidden when everything fits on one
 * page. "Previous" from a page past the end goes to the last page, not to another empty one.
 */
export function Pager({
  page,
  shown,
  onPage,
  texts,
}: {
  page: { number: number; size: number; total: number };
  /** Rows on this page. */
  shown: number;
  onPage: (next: number) => void;
  texts: PagerTexts;
}) {
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  if (pages <= 1 && page.number === 1) return null;
  const first = (page.number - 1) * page.size + 1;
  const said =
    shown > 0 ? texts.showing({ from: first, to: first + shown - 1, total: page.total }) : texts.past?.(page.total);
  return (
    <nav aria-label={texts.label} className="actions desk-pager">
      {said ? <p>{said}</p> : null}
      <button
        type="button"
        className="secondary"
        disabled={page.number <= 1}
        onClick={() => onPage(Math.min(page.number - 1, pages))}
      >
        {texts.previous}
      </button>
      <button
        type="button"
        className="secondary"
        disabled={page.number >= pages}
        onClick={() => onPage(page.number + 1)}
      >
        {texts.next}
      </button>
    </nav>
  );
}
